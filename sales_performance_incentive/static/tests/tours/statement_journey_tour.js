/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// Statement journeys from the home menu, by clicking as a person does.

function salesMenu(xmlid) {
    return [
        {
            content: "Open the home menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Sales app",
            trigger: ".o_app[data-menu-xmlid='sale.sale_menu_root']",
            run: "click",
        },
        {
            content: "Open the Performance menu",
            trigger: ".o_main_navbar [data-menu-xmlid='sales_performance.sales_performance_menu']",
            run: "click",
        },
        {
            content: "Open the statements",
            trigger: `.dropdown-item[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

function confirm() {
    return {
        content: "Confirm",
        trigger: ".modal-footer button.btn-primary",
        run: "click",
    };
}

// The manager approves from "Statements to Approve".
registry.category("web_tour.tours").add("sales_incentive_journey_approve", {
    steps: () => [
        ...salesMenu("sales_performance_incentive.sales_incentive_statement_to_approve_menu"),
        {
            content: "The filter To Approve is on",
            trigger: ".o_searchview .o_facet_value:contains('To Approve')",
        },
        {
            content: "Open Rep One's statement",
            trigger: ".o_list_view .o_data_row:contains('Rep One') td[name='user_id']",
            run: "click",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        confirm(),
        {
            content: "Approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});

// The salesperson opens a statement line to its calculation and invoice lines.
registry.category("web_tour.tours").add("sales_incentive_journey_line_calculation", {
    steps: () => [
        ...salesMenu("sales_performance_incentive.sales_incentive_statement_menu"),
        {
            content: "Open my statement",
            trigger: ".o_list_view .o_data_row:contains('Rep One') td[name='user_id']",
            run: "click",
        },
        {
            content: "Open the commission line",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Commission') td[name='name']",
            run: "click",
        },
        {
            content: "The calculation in words",
            trigger: ".modal div[name='explanation']:contains('×')",
        },
        {
            content: "The invoice lines behind it",
            trigger: ".modal div[name='move_line_ids'] .o_data_row",
        },
    ],
});

// The accountant posts from the accounting menu, opens the entry, then cancels another
// statement with a reason.
registry.category("web_tour.tours").add("sales_incentive_journey_post", {
    steps: () => [
        {
            content: "Open the home menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Invoicing app",
            trigger: ".o_app[data-menu-xmlid='account.menu_finance']",
            run: "click",
        },
        {
            content: "Accounting",
            trigger: ".o_main_navbar [data-menu-xmlid='account.menu_finance_entries']",
            run: "click",
        },
        {
            content: "Incentive statements to post",
            trigger: ".dropdown-item[data-menu-xmlid='sales_performance_incentive.sales_incentive_statement_accounting_menu']",
            run: "click",
        },
        {
            content: "Open Rep One's statement",
            trigger: ".o_list_view .o_data_row:contains('Rep One') td[name='user_id']",
            run: "click",
        },
        {
            content: "Post",
            trigger: ".o_form_view button[name='action_post']",
            run: "click",
        },
        confirm(),
        {
            content: "Posted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
        {
            content: "Open the journal entry",
            trigger: ".o_form_view button[name='action_open_move']",
            run: "click",
        },
        {
            content: "The journal entry is open and posted",
            trigger: ".o_form_view:has(div[name='journal_id']) .o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
        {
            content: "Back to the statement",
            trigger: ".o_breadcrumb li.o_back_button",
            run: "click",
        },
        {
            content: "The statement again",
            trigger: ".o_form_view:not(:has(div[name='journal_id'])) button[name='action_open_move']",
        },
        {
            content: "Cancel",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Cancel')",
            run: "click",
        },
        {
            content: "Reason",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit Paid twice by mistake",
        },
        {
            content: "Cancel the statement",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Cancelled",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Cancel')",
        },
    ],
});
