/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import {
    SALES_APP,
    SALES_CONFIGURATION_MENU,
    editField,
    openMenu,
    pick,
    save,
    step,
} from "@sales_performance/../tests/tours/tour_steps";

// The administrator's journeys from the home menu: the Performance settings, a new KPI.

// Sales > Configuration > Settings: the Performance block.
registry.category("web_tour.tours").add("sales_performance_journey_settings", {
    steps: () => [
        ...openMenu(SALES_APP, SALES_CONFIGURATION_MENU, "sale.menu_sale_general_settings"),
        ...step("The Performance block", ".o_settings_container #sales_performance_pace"),
        // Grace days before the evaluation; on track from 90 %.
        ...editField("performance_grace_days", 7, "#sales_performance_grace"),
        ...editField("performance_pace_on_track", 90, "#sales_performance_pace"),
        ...step("Show the rank in the team", "#sales_performance_ranking .o_field_widget[name='performance_show_ranking'] input", "click"),
        {
            // Saving reloads the page: the mark set here is gone once the settings are saved.
            content: "Save",
            trigger: ".o_control_panel .o_form_button_save",
            async run(helpers) {
                document.body.dataset.spBeforeSave = "1";
                await helpers.click();
            },
        },
        ...step(
            "Saved and reloaded",
            "body:not([data-sp-before-save]) #sales_performance_grace .o_field_widget[name='performance_grace_days'] input:value(7)"
        ),
        // Leave the settings, as a person does once done.
        ...step("Open the home menu", ".o_navbar_apps_menu button", "click"),
        ...step("The home menu", ".o_app[data-menu-xmlid='sale.sale_menu_root']"),
    ],
});

// Sales > Configuration > KPIs > New: the preview shows the value before saving.
registry.category("web_tour.tours").add("sales_performance_journey_kpi_new", {
    steps: () => [
        ...openMenu(SALES_APP, SALES_CONFIGURATION_MENU, "sales_performance.sales_performance_kpi_menu"),
        ...step("New KPI", ".o_control_panel_main_buttons .o_list_button_add", "click"),
        ...editField("name", "Hard product revenue"),
        ...editField("code", "HARD_REV"),
        ...pick("source_id", "Revenue", "Revenue"),
        ...step("The preview shows this month's company revenue, all products", ".o_form_view .o_field_widget[name='preview_display']:contains('250.00')"),
        ...step("Filters", ".o_form_view .o_notebook_headers a:contains('Filters')", "click"),
        ...pick("product_category_ids", "Hard to sell", "Hard to sell"),
        ...step("The preview follows the filter: the Hard product only", ".o_form_view .o_field_widget[name='preview_display']:contains('200.00')"),
        ...save(),
    ],
});
