/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import {
    answerDialog,
    clickButton,
    clickLabel,
    openPerformance,
    openRow,
    save,
    searchFilter,
    selectAll,
    statusIs,
    step,
} from "@sales_performance/../tests/tours/tour_steps";

/** Acknowledge the open plan, naming the obstacles expected and the support needed. */
function acknowledgePlan(obstacles, support) {
    return [
        ...clickLabel("Acknowledge"),
        ...step("Name the obstacle expected", ".modal div[name='obstacles'] textarea", `edit ${obstacles}`),
        ...step("Ask for support", ".modal div[name='support_needed'] textarea", `edit ${support}`),
        ...step("Confirm", ".modal button[name='action_confirm']", "click"),
        ...statusIs("Acknowledged"),
    ];
}

// The manager shares a plan; the url opens the plan form (see test_tour.py).
registry.category("web_tour.tours").add("sales_performance_plan_share", {
    steps: () => [...statusIs("Draft"), ...clickButton("action_share", "Share it with the salesperson"), ...statusIs("Shared")],
});

// The salesperson acknowledges it and names an obstacle.
registry.category("web_tour.tours").add("sales_performance_plan_acknowledge", {
    steps: () => acknowledgePlan("Two big customers are on holiday in March", "A joint visit with the manager"),
});

// Journeys from the home menu.
const PLANS = "sales_performance.sales_performance_plan_menu";

// The manager shares the plans of the team at once, from the list.
registry.category("web_tour.tours").add("sales_performance_journey_plan_share_team", {
    steps: () => [
        ...openPerformance(PLANS),
        ...searchFilter("My Teams"),
        ...step(
            "Only the team's plans are listed",
            ".o_list_view:not(:has(.o_data_row:contains('Rep Three'))) .o_data_row:contains('Rep Two')"
        ),
        ...selectAll(),
        ...step("Both are selected", ".o_list_selection_box:contains('2')"),
        ...step("Share them", ".o_list_selection_container button[name='action_share']", "click"),
        ...step(
            "Both plans are shared",
            [
                ".o_list_view",
                ":has(.o_data_row:contains('Rep One') td[name='state']:contains('Shared'))",
                ":has(.o_data_row:contains('Rep Two') td[name='state']:contains('Shared'))",
            ].join("")
        ),
    ],
});

// The salesperson acknowledges the plan naming an obstacle, and raises another one later.
registry.category("web_tour.tours").add("sales_performance_journey_plan_acknowledge", {
    steps: () => [
        ...openPerformance(PLANS),
        ...openRow("Rep One", "period_id"),
        ...acknowledgePlan("Two big customers are on holiday in March", "A joint visit with the manager"),
        ...clickLabel("Raise Obstacle"),
        ...answerDialog("text", "The demo stock of the Hard product is sold out"),
        ...step("The obstacle is in the chatter", ".o-mail-Message:contains('The demo stock of the Hard product is sold out')"),
        ...step("No failure notice", "body:not(:has(.o_notification .o_notification_bar.bg-danger))"),
    ],
});

// The manager plans coaching from a goal that falls behind.
registry.category("web_tour.tours").add("sales_performance_journey_plan_coaching", {
    steps: () => [
        ...openPerformance("sales_performance.sales_performance_goal_menu"),
        ...searchFilter("At Risk or Behind"),
        ...step("Show the list", ".o_control_panel .o_switch_view.o_list", "click"),
        ...openRow("Rep Two", "kpi_id"),
        ...clickButton("action_plan_coaching", "Plan Coaching"),
        ...step("The session is prefilled with the salesperson", ".o_form_view .o_field_widget[name='salesperson_id'] input:value('Rep Two')"),
        ...step("and the goal", ".o_form_view .o_field_widget[name='goal_ids'] .o_tag:contains('Revenue')"),
        ...save(),
    ],
});
