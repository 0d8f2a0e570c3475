/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";

// From the home menu, by clicking: the manager's Team Performance (one period, coloured
// salespeople x KPIs, a leaderboard per KPI) and the salesperson's My Performance Refresh.
// The scenario is sales_performance/tests/test_journey_team.py's.

function openApp(xmlid) {
    return [
        {
            content: "Open the home menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: `Open the app ${xmlid}`,
            trigger: `.o_app[data-menu-xmlid='${xmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("sales_performance_journey_team_performance", {
    steps: () => [
        ...openApp("sale.sale_menu_root"),
        {
            content: "Open the Performance menu",
            trigger: ".o_main_navbar [data-menu-xmlid='sales_performance.sales_performance_menu']",
            run: "click",
        },
        {
            content: "Team Performance",
            trigger: ".dropdown-item[data-menu-xmlid='sales_performance.sales_performance_team_goal_menu']",
            run: "click",
        },
        {
            content: "The salespeople x KPIs of a period are shown",
            trigger: ".o_sp_team_performance .o_sp_matrix",
        },
        {
            content: "Pick the quarter",
            trigger: "select.o_sp_period_select",
            run: "selectByLabel 2026-Q1",
        },
        {
            content: "The quarter shows only its own goal: Rep One's revenue, 40 %, red",
            trigger: ".o_sp_matrix:not(:has(tr.o_sp_person:contains('Rep Two'))) tr.o_sp_person:contains('Rep One') td.o_sp_cell[data-band='danger'] .o_sp_attainment:contains('40 %')",
        },
        {
            content: "Pick March",
            trigger: "select.o_sp_period_select",
            run: "selectByLabel 2026-03",
        },
        {
            content: "Rep One's revenue: 100 % of the target, green (not averaged with the quarter)",
            trigger: ".o_sp_matrix tr.o_sp_person:contains('Rep One') td.o_sp_cell[data-band='success'] .o_sp_attainment:contains('100 %')",
        },
        {
            content: "Rep One's orders: 2 of 4, red, counted in whole numbers",
            trigger: ".o_sp_matrix tr.o_sp_person:contains('Rep One') td.o_sp_cell[data-band='danger'] .o_sp_figures:contains('2 / 4')",
        },
        {
            content: "Rep One's win rate: 50 % of 60 %, amber",
            trigger: ".o_sp_matrix tr.o_sp_person:contains('Rep One') td.o_sp_cell[data-band='warning'] .o_sp_figures:contains('50.0 % / 60.0 %')",
        },
        {
            content: "Rep Two has no win-rate goal: an empty cell",
            trigger: ".o_sp_matrix tr.o_sp_person:contains('Rep Two') td.o_sp_cell_empty",
        },
        {
            content: "Nobody of another team is shown",
            trigger: ".o_sp_matrix:not(:has(tr.o_sp_person:contains('Rep Three')))",
        },
        {
            content: "Open the Revenue leaderboard from its column",
            trigger: ".o_sp_matrix th.o_sp_kpi_header a:contains('Revenue')",
            run: "click",
        },
        {
            content: "Rep One and Rep Two share the first rank",
            trigger: ".o_sp_leaderboard tr.o_sp_leaderboard_row:eq(1):has(.o_sp_rank:contains('1')):has(.o_sp_name:contains('Rep Two'))",
        },
        {
            content: "Rep One is first too",
            trigger: ".o_sp_leaderboard tr.o_sp_leaderboard_row:eq(0):has(.o_sp_rank:contains('1')):has(.o_sp_name:contains('Rep One'))",
        },
        {
            content: "Choose the orders",
            trigger: "select.o_sp_kpi_select",
            run: "selectByLabel Number of Orders",
        },
        {
            content: "Orders: Rep Two first (1 of 1), Rep One second (2 of 4)",
            trigger: ".o_sp_leaderboard tr.o_sp_leaderboard_row:eq(1):has(.o_sp_rank:contains('2')):has(.o_sp_name:contains('Rep One')):has(.o_sp_band_danger)",
        },
    ],
});

registry.category("web_tour.tours").add("sales_performance_journey_my_performance_refresh", {
    steps: () => [
        ...openApp("crm.crm_menu_root"),
        {
            content: "Open the Sales menu of CRM",
            trigger: ".o_main_navbar [data-menu-xmlid='crm.crm_menu_sales']",
            run: "click",
        },
        {
            content: "My Performance",
            trigger: ".dropdown-item[data-menu-xmlid='sales_performance.sales_performance_crm_my_goal_menu']",
            run: "click",
        },
        {
            content: "The figures say how old they are",
            trigger: ".o_sp_freshness .o_sp_updated:contains('ago')",
        },
        {
            content: "Refresh",
            trigger: ".o_sp_freshness button.o_sp_refresh_mine",
            run: "click",
        },
        {
            content: "Measured again just now",
            trigger: ".o_sp_freshness .o_sp_updated:contains('just now')",
        },
        {
            content: "The revenue card shows the new actual",
            trigger: ".o_kanban_record:contains('Revenue') span:contains('Actual'):contains('300')",
        },
    ],
});
