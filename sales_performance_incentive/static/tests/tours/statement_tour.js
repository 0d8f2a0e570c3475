/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import { clickButton, confirmDialog, statusIs, step } from "@sales_performance/../tests/tours/tour_steps";

registry.category("web_tour.tours").add("sales_incentive_statement_approve", {
    steps: () => [
        ...statusIs("To Approve"),
        ...clickButton("action_approve", "The manager approves it"),
        ...confirmDialog(),
        ...statusIs("Approved"),
    ],
});

registry.category("web_tour.tours").add("sales_incentive_statement_post", {
    steps: () => [
        ...clickButton("action_post", "The accountant posts the approved statement"),
        ...confirmDialog(),
        ...statusIs("Posted"),
        ...step("Open the journal entry", ".o_form_view div[name='move_id'] a", "click"),
        ...statusIs("Posted"),
        ...step("It is the incentive entry", ".o_form_view:contains('Incentives Rep One')"),
    ],
});
