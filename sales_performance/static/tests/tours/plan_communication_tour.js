/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// The manager shares a plan; the url opens the plan form (see test_tour.py).
registry.category("web_tour.tours").add("sales_performance_plan_share", {
    steps: () => [
        {
            content: "The plan is a draft, with its goals",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Draft')",
        },
        {
            content: "Share it with the salesperson",
            trigger: ".o_form_view button[name='action_share']",
            run: "click",
        },
        {
            content: "The plan is shared",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Shared')",
        },
    ],
});

// The salesperson acknowledges it and names an obstacle.
registry.category("web_tour.tours").add("sales_performance_plan_acknowledge", {
    steps: () => [
        {
            content: "Acknowledge the shared plan",
            trigger: ".o_form_view .o_statusbar_buttons button:contains('Acknowledge')",
            run: "click",
        },
        {
            content: "Name the obstacle expected",
            trigger: ".modal div[name='obstacles'] textarea",
            run: "edit Two big customers are on holiday in March",
        },
        {
            content: "Ask for support",
            trigger: ".modal div[name='support_needed'] textarea",
            run: "edit A joint visit with the manager",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The plan is acknowledged",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Acknowledged')",
        },
    ],
});
