/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { formatFloat, formatMonetary } from "@web/views/fields/formatters";

/**
 * A KPI figure in its unit: whole numbers for counts, "%" for rates, the currency for
 * amounts (no cents: targets are set in whole amounts).
 */
export function formatUnit(value, unit, currencyId) {
    if (value === null || value === undefined || value === false) {
        return "—";
    }
    switch (unit) {
        case "count":
            return formatFloat(value, { digits: [16, Number.isInteger(value) ? 0 : 1] });
        case "percent":
            return `${formatFloat(value, { digits: [16, 1] })} %`;
        case "currency":
            return formatMonetary(value, { currencyId, digits: [16, 0] });
        default:
            return formatFloat(value, { digits: [16, 2] });
    }
}

/** An attainment in percent, without decimals ("81 %"); "—" without a target. */
export function formatAttainment(value) {
    if (value === null || value === undefined || value === false) {
        return "—";
    }
    return `${formatFloat(value, { digits: [16, 0] })} %`;
}
