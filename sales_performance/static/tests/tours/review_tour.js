/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// The manager starts the evaluation of an ended period.
registry.category("web_tour.tours").add("sales_performance_period_evaluate", {
    steps: () => [
        {
            content: "Start the evaluation",
            trigger: ".o_form_view button[name='action_start_evaluation']",
            run: "click",
        },
        {
            content: "The period is being evaluated",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Evaluating')",
        },
    ],
});

// The manager writes feedback on the review and shares it.
registry.category("web_tour.tours").add("sales_performance_review_share", {
    steps: () => [
        {
            content: "Open the feedback page",
            trigger: ".o_form_view .o_notebook_headers a:contains('Feedback')",
            run: "click",
        },
        {
            content: "Strengths",
            trigger: ".o_form_view div[name='strengths'] textarea",
            run: "edit Excellent new-customer acquisition",
        },
        {
            content: "Areas to improve",
            trigger: ".o_form_view div[name='improvements'] textarea",
            run: "edit Margin on discounted deals",
        },
        {
            content: "Share with the salesperson",
            trigger: ".o_form_view button[name='action_share']",
            run: "click",
        },
        {
            content: "Shared",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Shared')",
        },
    ],
});

// The salesperson acknowledges the review with a self-assessment.
registry.category("web_tour.tours").add("sales_performance_review_acknowledge", {
    steps: () => [
        {
            content: "Acknowledge",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Acknowledge')",
            run: "click",
        },
        {
            content: "Self-assessment",
            trigger: ".modal div[name='text'] textarea",
            run: "edit I will protect the margin next quarter",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "Done",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Done')",
        },
    ],
});
