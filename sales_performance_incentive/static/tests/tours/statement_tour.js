/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sales_incentive_statement_approve", {
    steps: () => [
        {
            content: "The statement waits for approval",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('To Approve')",
        },
        {
            content: "The manager approves it",
            trigger: ".o_form_view button[name='action_approve']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Approved')",
        },
    ],
});

registry.category("web_tour.tours").add("sales_incentive_statement_post", {
    steps: () => [
        {
            content: "The accountant posts the approved statement",
            trigger: ".o_form_view button[name='action_post']",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "Posted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
        {
            content: "Open the journal entry",
            trigger: ".o_form_view div[name='move_id'] a",
            run: "click",
        },
        {
            content: "The journal entry is posted",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Posted')",
        },
        {
            content: "It is the incentive entry",
            trigger: ".o_form_view:contains('Incentives Rep One')",
        },
    ],
});
