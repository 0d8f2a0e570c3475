/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import {
    clickButton,
    editField,
    openPerformance,
    pick,
    save,
    step,
} from "@sales_performance/../tests/tours/tour_steps";

// Journeys of the manager setting goals, from the home menu, by clicking as a person does.

function openGoals() {
    return [
        ...openPerformance("sales_performance.sales_performance_goal_menu"),
        ...step("The goals are shown", ".o_breadcrumb:contains('Goals')"),
    ];
}

// The manager creates a salesperson goal with New.
registry.category("web_tour.tours").add("sales_performance_journey_goal_new", {
    steps: () => [
        ...openGoals(),
        ...step("New goal", ".o_control_panel_main_buttons button.o-kanban-button-new", "click"),
        // The period dropdown offers the company's periods.
        ...pick("period_id", "2026-03", "2026-03"),
        ...pick("kpi_id", "Gross Margin", "Gross Margin"),
        // Salespeople only: the team managers are not offered.
        ...editField("user_id", "Manager"),
        ...step("No manager is offered as salesperson", ".o-autocomplete--dropdown-menu .o_m2o_no_result"),
        ...pick("user_id", "Rep One", "Rep One"),
        ...pick("team_id", "Team A", "Team A"),
        ...editField("target", 400),
        ...editField("weight", 30),
        ...save(),
    ],
});

function cascade(method, setSplit) {
    return [
        ...openGoals(),
        ...step("Show the list", ".o_control_panel .o_switch_view.o_list", "click"),
        ...step("Open the team goal", ".o_list_view .o_data_row:has(td[name='scope']:contains('Sales Team')) td[name='kpi_id']", "click"),
        ...clickButton("action_decompose", "Cascade"),
        ...step("The split shows the salespeople", ".modal .o_data_row td[name='user_id']:contains('Rep Two')"),
        ...step(`Method: ${method}`, `.modal .o_field_widget[name='method'] input[data-value='${method}']`, "click"),
        ...setSplit,
        ...step("Compute the split", ".modal button[name='action_compute']", "click"),
        ...step("The split still shows the salespeople", ".modal .o_data_row td[name='user_id']:contains('Rep One')"),
        ...step("Create the cascaded goals", ".modal button[name='action_apply']", "click"),
        ...step("The cascaded goals are shown", "body:not(:has(.modal)) .o_kanban_view .o_kanban_record:not(.o_kanban_ghost)"),
    ];
}

registry.category("web_tour.tours").add("sales_performance_journey_cascade_equal", {
    steps: () => cascade("equal", []),
});

registry.category("web_tour.tours").add("sales_performance_journey_cascade_historical", {
    steps: () =>
        cascade("historical", [
            // Learn from the last two months.
            ...editField("history_periods", 2, ".modal"),
        ]),
});

registry.category("web_tour.tours").add("sales_performance_journey_cascade_manual", {
    steps: () =>
        cascade("manual", [
            ...step("Rep One's weight", ".modal .o_data_row:contains('Rep One') td[name='weight']", "click"),
            ...step("25 %", ".modal .o_data_row:contains('Rep One') td[name='weight'] input", "edit 25"),
            ...step("Rep Two's weight", ".modal .o_data_row:contains('Rep Two') td[name='weight']", "click"),
            ...step("75 %", ".modal .o_data_row:contains('Rep Two') td[name='weight'] input", "edit 75"),
        ]),
});
