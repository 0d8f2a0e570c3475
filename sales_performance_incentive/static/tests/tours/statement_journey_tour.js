/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import {
    INVOICING_APP,
    answer,
    clickButton,
    confirmDialog,
    openMenu,
    openPerformance,
    openRow,
    selectAll,
    statusIs,
    step,
} from "@sales_performance/../tests/tours/tour_steps";

// Statement journeys from the home menu, by clicking as a person does.

const ACCOUNTING_MENU = "account.menu_finance_entries";
const TO_POST_MENU = "sales_performance_incentive.sales_incentive_statement_accounting_menu";

// The manager approves from "Statements to Approve".
registry.category("web_tour.tours").add("sales_incentive_journey_approve", {
    steps: () => [
        ...openPerformance("sales_performance_incentive.sales_incentive_statement_to_approve_menu"),
        ...step("The filter To Approve is on", ".o_searchview .o_facet_value:contains('To Approve')"),
        ...openRow("Rep One", "user_id"),
        ...clickButton("action_approve", "Approve"),
        ...confirmDialog(),
        ...statusIs("Approved"),
    ],
});

// The salesperson opens a statement line to its calculation and invoice lines.
registry.category("web_tour.tours").add("sales_incentive_journey_line_calculation", {
    steps: () => [
        ...openPerformance("sales_performance_incentive.sales_incentive_statement_menu"),
        ...openRow("Rep One", "user_id"),
        ...step("Open the commission line", ".o_form_view div[name='line_ids'] .o_data_row:contains('Commission') td[name='name']", "click"),
        ...step("The calculation in words", ".modal div[name='explanation']:contains('×')"),
        ...step("The invoice lines behind it", ".modal div[name='move_line_ids'] .o_data_row"),
    ],
});

// The accountant posts from the accounting menu, opens the entry, then cancels another
// statement with a reason.
registry.category("web_tour.tours").add("sales_incentive_journey_post", {
    steps: () => [
        ...openMenu(INVOICING_APP, ACCOUNTING_MENU, TO_POST_MENU),
        ...openRow("Rep One", "user_id"),
        ...clickButton("action_post", "Post"),
        ...confirmDialog(),
        ...statusIs("Posted"),
        ...clickButton("action_open_move", "Open the journal entry"),
        ...step("The journal entry is open and posted", ".o_form_view:has(div[name='journal_id']) .o_statusbar_status button.o_arrow_button_current:contains('Posted')"),
        ...step("Back to the statement", ".o_breadcrumb li.o_back_button", "click"),
        ...step("The statement again", ".o_form_view:not(:has(div[name='journal_id'])) button[name='action_open_move']"),
        ...answer("Cancel", "reason", "Paid twice by mistake", "Cancel"),
    ],
});

// The accountant exports the approved statements for payroll, as CSV.
registry.category("web_tour.tours").add("sales_incentive_journey_payroll_export", {
    steps: () => [
        ...openMenu(INVOICING_APP, ACCOUNTING_MENU, TO_POST_MENU),
        ...selectAll(),
        ...step("Actions", ".o_control_panel .o_cp_action_menus button:has(.fa-cog)", "click"),
        ...step("Export for Payroll", ".o-dropdown--menu .o_menu_item:contains('Export for Payroll')", "click"),
        ...step("CSV", ".modal .o_field_widget[name='file_format'] input[data-value='csv']", "click"),
        ...step("Export", ".modal button[name='action_export']", "click"),
        {
            // The browser downloads the file; the dialog stays until closed.
            content: "The file is made",
            trigger: ".modal button[name='action_export']:enabled",
        },
        ...step("Close the dialog", ".modal .modal-footer button:contains('Cancel')", "click"),
        ...step("Back to the statements", "body:not(:has(.modal)) .o_list_view"),
    ],
});
