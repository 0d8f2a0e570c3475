/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { useSetupAction } from "@web/search/action_hook";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { formatAttainment, formatUnit } from "./unit_format";

/**
 * Team Performance: the salespeople of one period by KPI, each cell coloured by attainment,
 * and the leaderboard of one KPI. The figures come from sales.performance.board, read as the
 * user (a manager sees their teams, an administrator every team).
 */
export class TeamPerformance extends Component {
    static template = "sales_performance.TeamPerformance";
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        const saved = this.props.state || {};
        this.state = useState({
            data: null,
            periodId: saved.periodId || false,
            teamId: saved.teamId || false,
            kpiId: saved.kpiId || false,
            tab: saved.tab || "matrix",
        });
        useSetupAction({
            getLocalState: () => ({
                periodId: this.state.periodId,
                teamId: this.state.teamId,
                kpiId: this.state.kpiId,
                tab: this.state.tab,
            }),
        });
        onWillStart(() => this.load());
    }

    async load() {
        const data = await this.orm.call("sales.performance.board", "get_team_performance", [], {
            period_id: this.state.periodId,
            team_id: this.state.teamId,
            kpi_id: this.state.kpiId,
        });
        this.state.data = data;
        this.state.periodId = data.period ? data.period.id : false;
        this.state.kpiId = data.leaderboard.kpi_id;
    }

    get currencyId() {
        return this.state.data.period && this.state.data.period.currency_id;
    }

    get leaderboardKpi() {
        return this.state.data.kpis.find((kpi) => kpi.id === this.state.kpiId);
    }

    format(value, kpi) {
        return formatUnit(value, kpi.unit, this.currencyId);
    }

    formatAttainment(value) {
        return formatAttainment(value);
    }

    cellOf(person, kpi) {
        return person.cells[String(kpi.id)];
    }

    cellTitle(cell, kpi) {
        const lines = [
            _t("Actual: %(actual)s", { actual: this.format(cell.actual, kpi) }),
            _t("Target: %(target)s", { target: this.format(cell.target, kpi) }),
        ];
        if (this.state.data.period.in_progress) {
            lines.push(_t("Expected by now: %(expected)s", { expected: this.format(cell.expected_to_date, kpi) }));
        }
        return lines.join("\n");
    }

    async onPeriodChange(ev) {
        this.state.periodId = parseInt(ev.target.value) || false;
        this.state.teamId = false;
        await this.load();
    }

    async onTeamChange(ev) {
        this.state.teamId = parseInt(ev.target.value) || false;
        await this.load();
    }

    async onKpiChange(ev) {
        this.state.kpiId = parseInt(ev.target.value) || false;
        await this.load();
    }

    async showLeaderboard(kpi) {
        this.state.tab = "leaderboard";
        if (kpi && kpi.id !== this.state.kpiId) {
            this.state.kpiId = kpi.id;
            await this.load();
        }
    }

    showMatrix() {
        this.state.tab = "matrix";
    }

    openGoal(goalId) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "sales.performance.goal",
            res_id: goalId,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("sales_performance.team_performance", TeamPerformance);
