/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// Journeys of the manager setting goals, from the home menu, by clicking as a person does.

function openGoals() {
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
            content: "Goals",
            trigger: ".dropdown-item[data-menu-xmlid='sales_performance.sales_performance_goal_menu']",
            run: "click",
        },
        {
            content: "The goals are shown",
            trigger: ".o_breadcrumb:contains('Goals')",
        },
    ];
}

function pick(field, text, choice) {
    return [
        {
            content: `Type in ${field}`,
            trigger: `.o_form_view .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${choice}`,
            trigger: `.o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains('${choice}')`,
            run: "click",
        },
    ];
}

// The manager creates a salesperson goal with New.
registry.category("web_tour.tours").add("sales_performance_journey_goal_new", {
    steps: () => [
        ...openGoals(),
        {
            content: "New goal",
            trigger: ".o_control_panel_main_buttons button.o-kanban-button-new",
            run: "click",
        },
        // The period dropdown offers the company's periods.
        ...pick("period_id", "2026-03", "2026-03"),
        ...pick("kpi_id", "Gross Margin", "Gross Margin"),
        // Salespeople only: the team managers are not offered.
        {
            content: "Look for a manager",
            trigger: ".o_form_view .o_field_widget[name='user_id'] input",
            run: "edit Manager",
        },
        {
            content: "No manager is offered as salesperson",
            trigger: ".o-autocomplete--dropdown-menu .o_m2o_no_result",
        },
        ...pick("user_id", "Rep One", "Rep One"),
        ...pick("team_id", "Team A", "Team A"),
        {
            content: "Target",
            trigger: ".o_form_view .o_field_widget[name='target'] input",
            run: "edit 400",
        },
        {
            content: "Weight",
            trigger: ".o_form_view .o_field_widget[name='weight'] input",
            run: "edit 30",
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

function cascade(method, setSplit) {
    return [
        ...openGoals(),
        {
            content: "Show the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the team goal",
            trigger: ".o_list_view .o_data_row:has(td[name='scope']:contains('Sales Team')) td[name='kpi_id']",
            run: "click",
        },
        {
            content: "Cascade",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_decompose']",
            run: "click",
        },
        {
            content: "The split shows the salespeople",
            trigger: ".modal .o_data_row td[name='user_id']:contains('Rep Two')",
        },
        {
            content: `Method: ${method}`,
            trigger: `.modal .o_field_widget[name='method'] input[data-value='${method}']`,
            run: "click",
        },
        ...setSplit,
        {
            content: "Compute the split",
            trigger: ".modal button[name='action_compute']",
            run: "click",
        },
        {
            content: "The split still shows the salespeople",
            trigger: ".modal .o_data_row td[name='user_id']:contains('Rep One')",
        },
        {
            content: "Create the cascaded goals",
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "The cascaded goals are shown",
            trigger: "body:not(:has(.modal)) .o_kanban_view .o_kanban_record:not(.o_kanban_ghost)",
        },
    ];
}

registry.category("web_tour.tours").add("sales_performance_journey_cascade_equal", {
    steps: () => cascade("equal", []),
});

registry.category("web_tour.tours").add("sales_performance_journey_cascade_historical", {
    steps: () =>
        cascade("historical", [
            {
                content: "Learn from the last two months",
                trigger: ".modal .o_field_widget[name='history_periods'] input",
                run: "edit 2",
            },
        ]),
});

registry.category("web_tour.tours").add("sales_performance_journey_cascade_manual", {
    steps: () =>
        cascade("manual", [
            {
                content: "Rep One's weight",
                trigger: ".modal .o_data_row:contains('Rep One') td[name='weight']",
                run: "click",
            },
            {
                content: "25 %",
                trigger: ".modal .o_data_row:contains('Rep One') td[name='weight'] input",
                run: "edit 25",
            },
            {
                content: "Rep Two's weight",
                trigger: ".modal .o_data_row:contains('Rep Two') td[name='weight']",
                run: "click",
            },
            {
                content: "75 %",
                trigger: ".modal .o_data_row:contains('Rep Two') td[name='weight'] input",
                run: "edit 75",
            },
        ]),
});
