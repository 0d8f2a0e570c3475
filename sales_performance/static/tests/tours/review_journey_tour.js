/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import {
    answer,
    clickButton,
    openPerformance,
    openRow,
    pick,
    save,
    statusIs,
    step,
} from "@sales_performance/../tests/tours/tour_steps";

// The review loop from the home menu: the salesperson disputes, the manager takes the review
// back to assessment, corrects a line and shares it again.

const REVIEWS = "sales_performance.sales_performance_review_menu";

function openReview(...texts) {
    return [...openPerformance(REVIEWS), ...openRow(texts, "period_id")];
}

registry.category("web_tour.tours").add("sales_performance_journey_review_dispute", {
    steps: () => [
        ...openReview("Rep One"),
        ...answer("Dispute", "text", "The big March order was invoiced on April 1st", "Disputed"),
    ],
});

registry.category("web_tour.tours").add("sales_performance_journey_review_reopen", {
    steps: () => [
        ...openReview("Rep One"),
        ...answer("Back to Assessment", "text", "Count the order invoiced on April 1st", "Manager Assessment"),
        ...step("Open the revenue line", ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='target']", "click"),
        ...step("Adjust the attainment", ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='is_adjusted'] input", "click"),
        ...step("90 %", ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='adjusted_attainment'] input", "edit 90"),
        ...step("Why", ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue') td[name='adjustment_reason'] input", "edit Order invoiced on April 1st"),
        ...save(),
        ...clickButton("action_share", "Share again"),
        ...statusIs("Shared"),
    ],
});

// A review made by hand with New: salesperson and period can be chosen.
registry.category("web_tour.tours").add("sales_performance_journey_review_new", {
    steps: () => [
        ...openPerformance(REVIEWS),
        ...step("Show the list", ".o_control_panel .o_switch_view.o_list", "click"),
        ...step("New review", ".o_control_panel_main_buttons .o_list_button_add", "click"),
        ...pick("user_id", "Rep Two", "Rep Two"),
        ...pick("period_id", "2026-03", "2026-03"),
        ...step("The scorecard shows the goal", ".o_form_view div[name='line_ids'] .o_data_row:contains('Revenue')"),
        ...save(),
    ],
});

// The salesperson acknowledges one review (February) and disputes another (March).
registry.category("web_tour.tours").add("sales_performance_journey_review_acknowledge_and_dispute", {
    steps: () => [
        ...openReview("Rep One", "2026-02"),
        ...answer("Acknowledge", "text", "February was fair; I will keep the margin", "Done"),
        ...step("Back to the reviews", ".o_breadcrumb .o_back_button", "click"),
        ...openRow(["Rep One", "2026-03"], "period_id"),
        ...answer("Dispute", "text", "The March order of Customer Two is missing", "Disputed"),
    ],
});
