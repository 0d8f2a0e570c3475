/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { kanbanView } from "@web/views/kanban/kanban_view";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { listView } from "@web/views/list/list_view";
import { ListController } from "@web/views/list/list_controller";

const { DateTime } = luxon;

/**
 * My Performance: how fresh the figures are ("Updated 12 minutes ago") and a Refresh that
 * measures the user's goals of open periods now, then reloads the view.
 */
function useFreshness(controller) {
    const orm = useService("orm");
    const notification = useService("notification");
    const freshness = useState({ measuredAt: false, goalCount: 0, refreshing: false, now: DateTime.now() });
    const load = async () => {
        const info = await orm.call("sales.performance.board", "get_my_freshness", []);
        freshness.measuredAt = info.measured_at
            ? DateTime.fromSQL(info.measured_at, { zone: "utc" })
            : false;
        freshness.goalCount = info.goal_count;
        freshness.now = DateTime.now();
    };
    onWillStart(load);
    // The "N minutes ago" moves on while the screen stays open.
    const timer = setInterval(() => (freshness.now = DateTime.now()), 30000);
    onWillUnmount(() => clearInterval(timer));
    controller.freshness = freshness;
    controller.freshnessLabel = () => {
        if (!freshness.goalCount) {
            return "";
        }
        if (!freshness.measuredAt) {
            return _t("Not measured yet");
        }
        const minutes = Math.floor(freshness.now.diff(freshness.measuredAt, "minutes").minutes);
        if (minutes < 1) {
            return _t("Updated just now");
        }
        return _t("Updated %(ago)s", { ago: freshness.measuredAt.toRelative({ base: freshness.now }) });
    };
    controller.freshnessTitle = () =>
        freshness.measuredAt ? freshness.measuredAt.toLocal().toLocaleString(DateTime.DATETIME_MED) : "";
    controller.onRefreshMine = async () => {
        freshness.refreshing = true;
        try {
            await orm.call("sales.performance.board", "action_refresh_my_goals", []);
            await controller.model.load();
            await load();
            notification.add(_t("Your goals were measured again."), { type: "success" });
        } finally {
            freshness.refreshing = false;
        }
    };
}

export class MyPerformanceKanbanController extends KanbanController {
    setup() {
        super.setup();
        useFreshness(this);
    }
}

export class MyPerformanceListController extends ListController {
    setup() {
        super.setup();
        useFreshness(this);
    }
}

registry.category("views").add("sales_performance_my_kanban", {
    ...kanbanView,
    Controller: MyPerformanceKanbanController,
    buttonTemplate: "sales_performance.MyPerformance.KanbanButtons",
});

registry.category("views").add("sales_performance_my_list", {
    ...listView,
    Controller: MyPerformanceListController,
    buttonTemplate: "sales_performance.MyPerformance.ListButtons",
});
