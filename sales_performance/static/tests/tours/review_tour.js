/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import { answer, clickButton, statusIs, step } from "@sales_performance/../tests/tours/tour_steps";

// The manager starts the evaluation of an ended period.
registry.category("web_tour.tours").add("sales_performance_period_evaluate", {
    steps: () => [...clickButton("action_start_evaluation", "Start the evaluation"), ...statusIs("Evaluating")],
});

// The manager writes feedback on the review and shares it.
registry.category("web_tour.tours").add("sales_performance_review_share", {
    steps: () => [
        ...step("Open the feedback page", ".o_form_view .o_notebook_headers a:contains('Feedback')", "click"),
        ...step("Strengths", ".o_form_view div[name='strengths'] textarea", "edit Excellent new-customer acquisition"),
        ...step("Areas to improve", ".o_form_view div[name='improvements'] textarea", "edit Margin on discounted deals"),
        ...clickButton("action_share", "Share with the salesperson"),
        ...statusIs("Shared"),
    ],
});

// The salesperson acknowledges the review with a self-assessment.
registry.category("web_tour.tours").add("sales_performance_review_acknowledge", {
    steps: () => [
        ...answer("Acknowledge", "text", "I will protect the margin next quarter", "Done"),
    ],
});
