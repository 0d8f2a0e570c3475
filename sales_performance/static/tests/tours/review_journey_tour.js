/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// The review loop from the home menu: the salesperson disputes, the manager takes the review
// back to assessment, corrects a line and shares it again.

function openReview(who) {
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
            content: "Reviews",
            trigger: ".dropdown-item[data-menu-xmlid='sales_performance.sales_performance_review_menu']",
            run: "click",
        },
        {
            content: `Open ${who}'s review`,
            trigger: `.o_list_view .o_data_row:contains('${who}') td[name='period_id']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("sales_performance_journey_review_dispute", {
    steps: () => [
        ...openReview("Rep One"),
        {
            content: "Dispute",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Dispute')",
            run: "click",
        },
        {
            content: "Why",
            trigger: ".modal div[name='text'] textarea",
            run: "edit The big March order was invoiced on April 1st",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Disputed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Disputed')",
        },
    ],
});

registry.category("web_tour.tours").add("sales_performance_journey_review_reopen", {
    steps: () => [
        ...openReview("Rep One"),
        {
            content: "Back to assessment",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Back to Assessment')",
            run: "click",
        },
        {
            content: "Reason",
            trigger: ".modal div[name='text'] textarea",
            run: "edit Count the order invoiced on April 1st",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Under assessment again",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Manager Assessment')",
        },
        {
            content: "Open the revenue line",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='target']",
            run: "click",
        },
        {
            content: "Adjust the attainment",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='is_adjusted'] input",
            run: "click",
        },
        {
            content: "90 %",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='adjusted_attainment'] input",
            run: "edit 90",
        },
        {
            content: "Why",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='adjustment_reason'] input",
            run: "edit Order invoiced on April 1st",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "Share again",
            trigger: ".o_form_view button[name='action_share']",
            run: "click",
        },
        {
            content: "Shared",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Shared')",
        },
    ],
});

// A review made by hand with New: salesperson and period can be chosen.
registry.category("web_tour.tours").add("sales_performance_journey_review_new", {
    steps: () => [
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
            content: "Reviews",
            trigger: ".dropdown-item[data-menu-xmlid='sales_performance.sales_performance_review_menu']",
            run: "click",
        },
        {
            content: "Show the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "New review",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Salesperson",
            trigger: ".o_form_view .o_field_widget[name='user_id'] input",
            run: "edit Rep Two",
        },
        {
            content: "Rep Two",
            trigger: ".o-autocomplete--dropdown-item a:contains('Rep Two')",
            run: "click",
        },
        {
            content: "Period",
            trigger: ".o_form_view .o_field_widget[name='period_id'] input",
            run: "edit 2026-03",
        },
        {
            content: "2026-03",
            trigger: ".o-autocomplete--dropdown-item a:contains('2026-03')",
            run: "click",
        },
        {
            content: "The scorecard shows the goal",
            trigger: ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue')",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
