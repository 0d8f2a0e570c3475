# Copyright 2026 Sales Performance contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine import periods as period_rules
from ..engine import scopes, scoring

# Colour of an attainment (in percent) on Team Performance: below the first bound red, below
# the second amber, from there green.
BAND_DANGER_BELOW = 70.0
BAND_WARNING_BELOW = 100.0
BAND_DANGER, BAND_WARNING, BAND_SUCCESS, BAND_NONE = "danger", "warning", "success", "none"
# Paces without a verdict: the cell shows its figures without colour.
NEUTRAL_PACES = (scoring.PACE_TOO_EARLY, scoring.PACE_NO_DATA, scoring.PACE_NO_TARGET)
# While a period runs the colour is the goal's pace, judged with the company's thresholds as
# everywhere else (an on-track goal is never amber here and On Track on its card).
PACE_BANDS = {
    scoring.PACE_AHEAD: BAND_SUCCESS,
    scoring.PACE_ON_TRACK: BAND_SUCCESS,
    scoring.PACE_AT_RISK: BAND_WARNING,
    scoring.PACE_BEHIND: BAND_DANGER,
}


def attainment_band(value):
    """The colour band of ``value`` (percent; None: no colour)."""
    if value is None:
        return BAND_NONE
    if value < BAND_DANGER_BELOW:
        return BAND_DANGER
    if value < BAND_WARNING_BELOW:
        return BAND_WARNING
    return BAND_SUCCESS


class SalesPerformanceBoard(models.AbstractModel):
    """The data of the Team Performance screen and of My Performance's freshness line.

    Everything is read as the current user: the goals' record rules decide whose figures come
    out (a manager's teams, every team for an administrator).
    """

    _name = "sales.performance.board"
    _description = "Performance Boards"

    # ------------------------------------------------------------------ Team Performance
    @api.model
    def get_team_performance(self, period_id=False, team_id=False, kpi_id=False):
        """Salespeople x KPIs of one period, and the leaderboard of one KPI.

        ``period_id``: the period shown (default: the current month of the user's company);
        ``team_id``: only the goals of that team (default: every team the user sees);
        ``kpi_id``: the KPI of the leaderboard (default: the first KPI of the period).
        Returns a dict of plain values (see the keys below); figures are raw numbers, the
        client formats them by the KPI's unit.
        """
        period_id = self._check_id(period_id, "Period")
        team_id = self._check_id(team_id, "Sales Team")
        kpi_id = self._check_id(kpi_id, "KPI")
        Period = self.env["sales.performance.period"]
        Goal = self.env["sales.performance.goal"]
        base = [("scope", "=", scopes.SCOPE_USER)]
        with_goals = Period.union(*(p for p, _count in Goal._read_group(base, ["period_id"], ["__count"])))
        if period_id:
            period = Period.browse(period_id).exists()
            period.check_access("read")
        else:
            # The current month; without one (no period today), the latest period with goals.
            period = self._default_period() or self._latest_first(with_goals)[:1]
        choices = self._latest_first(with_goals | period)
        result = {
            "periods": [{"id": p.id, "name": p.display_name, "type": p.period_type} for p in choices],
            "period": False,
            "teams": [],
            "team_id": team_id or False,
            "kpis": [],
            "people": [],
            "leaderboard": {"kpi_id": False, "rows": []},
            "ranks_shown": False,
        }
        if not period:
            return result
        company = period.company_id
        today = period_rules.local_date(fields.Datetime.now(), company._performance_tz())
        in_progress = period.state == "open" and period.date_start <= today <= period.date_end
        result["period"] = {
            "id": period.id,
            "name": period.display_name,
            "date_start": fields.Date.to_string(period.date_start),
            "date_end": fields.Date.to_string(period.date_end),
            "state": period.state,
            "in_progress": in_progress,
            "currency_id": company.currency_id.id,
        }
        in_period = [*base, ("period_id", "=", period.id)]
        teams = Goal._read_group(in_period, ["team_id"], ["__count"])
        result["teams"] = [{"id": team.id, "name": team.display_name} for team, _count in teams if team]
        domain = [*in_period, ("team_id", "=", team_id)] if team_id else in_period
        rows = Goal._read_group(
            domain,
            ["user_id", "kpi_id", "team_id", "pace_status"],
            ["id:min", "target:sum", "actual:sum", "attainment:sum", "expected_to_date:sum", "refreshed_at:max"],
        )
        kpis = self.env["sales.performance.kpi"].union(*(row[1] for row in rows))
        kpis = kpis.sorted(lambda k: (k.sequence, k.name))
        result["kpis"] = [
            {"id": kpi.id, "name": kpi.display_name, "unit": kpi.unit, "direction": kpi.direction} for kpi in kpis
        ]
        people = {}
        cells_of_kpi = {kpi.id: [] for kpi in kpis}
        for user, kpi, team, pace, goal_id, target, actual, attainment, expected, measured in rows:
            person = people.setdefault(user.id, {"id": user.id, "name": user.display_name, "teams": [], "cells": {}})
            if team and team.display_name not in person["teams"]:
                person["teams"].append(team.display_name)
            cell = self._cell(kpi, pace, goal_id, target, actual, attainment, expected, in_progress, bool(measured))
            person["cells"][str(kpi.id)] = cell
            cells_of_kpi[kpi.id].append((person, cell))
        result["people"] = sorted(people.values(), key=lambda p: p["name"].lower())
        shown = period._ranks_shown()
        result["ranks_shown"] = shown
        board_kpi = kpi_id if kpi_id in cells_of_kpi else (kpis[:1].id or False)
        if board_kpi:
            result["leaderboard"] = {"kpi_id": board_kpi, "rows": self._leaderboard(cells_of_kpi[board_kpi], shown)}
        return result

    @api.model
    def _cell(self, kpi, pace, goal_id, target, actual, attainment, expected, in_progress, measured):
        """One salesperson's figures on one KPI. Over a finished period the colour is the
        attainment's; while the period runs, the pace's (a month is not red on its 10th day),
        with the pace ratio shown (the actual in percent of what was expected by now). No
        colour before a pace verdict nor for a goal never measured (its figures are unknown,
        not zero)."""
        has_target = bool(target)
        judged = measured and has_target and pace not in NEUTRAL_PACES
        if not judged:
            band = BAND_NONE
        elif in_progress:
            band = PACE_BANDS.get(pace, BAND_NONE)
        else:
            band = attainment_band(attainment)
        ratio = scoring.pace_ratio(actual, target, expected, kpi.direction) if judged and in_progress else None
        return {
            "goal_id": goal_id,
            "target": target,
            "actual": actual if measured else None,
            "attainment": attainment if has_target and measured else None,
            "expected_to_date": expected,
            "pace_status": pace if measured else False,
            "pace": ratio,
            "band": band,
        }

    @api.model
    def _leaderboard(self, entries, shown):
        """``[(person, cell)]`` of one KPI ranked by attainment, ties sharing a rank (1, 1, 3);
        people without a target come last, unranked. ``shown``: ranks hidden otherwise (and
        the people listed by name, so the order does not give them away)."""
        scores = [cell["attainment"] for _person, cell in entries if cell["attainment"] is not None]
        rows = []
        for person, cell in entries:
            ranked = shown and cell["attainment"] is not None
            rows.append(
                {
                    "rank": scoring.rank(cell["attainment"], scores) if ranked else False,
                    "user_id": person["id"],
                    "name": person["name"],
                    "teams": person["teams"],
                    "goal_id": cell["goal_id"],
                    "actual": cell["actual"],
                    "target": cell["target"],
                    "attainment": cell["attainment"],
                    "pace": cell["pace"],
                    "band": cell["band"],
                }
            )
        if shown:
            rows.sort(key=lambda row: (not row["rank"], row["rank"] or 0, row["name"].lower()))
        else:
            rows.sort(key=lambda row: row["name"].lower())
        return rows

    @api.model
    def _latest_first(self, periods):
        """Latest start first; of periods starting the same day, the shortest (the month)."""
        return periods.sorted(lambda p: (-p.date_start.toordinal(), p.date_end - p.date_start))

    @api.model
    def _default_period(self):
        """The current month of the user's company; else its shortest current period."""
        company = self.env.company
        today = period_rules.local_date(fields.Datetime.now(), company._performance_tz())
        current = self.env["sales.performance.period"].search(
            [("company_id", "=", company.id), ("date_start", "<=", today), ("date_end", ">=", today)]
        )
        months = current.filtered(lambda p: p.period_type == "month")
        return (months or current.sorted(lambda p: p.date_end - p.date_start))[:1]

    @api.model
    def _check_id(self, value, label):
        if value is None or value is False:
            return False
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise UserError(self.env._("%(field)s: expected a record id.", field=label))
        return value or False

    # ------------------------------------------------------------------ My Performance
    @api.model
    def get_my_freshness(self):
        """When the current user's goals of open periods were last measured, as
        ``{"measured_at": "YYYY-MM-DD HH:MM:SS" (UTC) or False, "goal_count": n}``: the oldest
        of their goals' measures (a goal counts as measured when the refresh job last checked
        its period, even if its figures did not move), False while one was never measured."""
        goals = self._my_open_goals()
        measured = [
            max(filter(None, (goal.refreshed_at, goal.period_refreshed_at))) for goal in goals if goal.refreshed_at
        ]
        oldest = min(measured) if measured and len(measured) == len(goals) else False
        return {
            "measured_at": fields.Datetime.to_string(oldest) if oldest else False,
            "goal_count": len(goals),
        }

    @api.model
    def action_refresh_my_goals(self):
        """Measure the current user's goals of open periods now (the goals' Refresh)."""
        self._my_open_goals().action_refresh()
        return True

    @api.model
    def _my_open_goals(self):
        return self.env["sales.performance.goal"].search(
            [("user_id", "=", self.env.uid), ("scope", "=", scopes.SCOPE_USER), ("period_id.state", "=", "open")]
        )
