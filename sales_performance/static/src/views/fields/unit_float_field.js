/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { getCurrency } from "@web/core/currency";
import { registry } from "@web/core/registry";
import { FloatField, floatField } from "@web/views/fields/float/float_field";
import { formatFloat, formatMonetary } from "@web/views/fields/formatters";

/**
 * A goal figure shown in the unit of its KPI (the record's ``kpi_unit``): whole numbers for
 * counts, "%" for rates, the currency for amounts. Edited as a plain number.
 */
export class UnitFloatField extends FloatField {
    static template = "sales_performance.UnitFloatField";

    get currencyId() {
        const currency = this.props.record.data.currency_id;
        return Array.isArray(currency) ? currency[0] : currency && currency.id;
    }

    /** The unit beside the input while editing: [before, after] ("$", "" or "", "%"). */
    get unitAdornment() {
        switch (this.props.record.data.kpi_unit) {
            case "percent":
                return ["", "%"];
            case "currency": {
                const currency = getCurrency(this.currencyId);
                if (!currency) {
                    return ["", ""];
                }
                return currency.position === "before" ? [currency.symbol, ""] : ["", currency.symbol];
            }
            default:
                return ["", ""];
        }
    }

    get formattedValue() {
        const data = this.props.record.data;
        if (!this.props.readonly) {
            // A count is edited as a whole number ("3", not "3.00").
            if (data.kpi_unit === "count" && Number.isInteger(this.value)) {
                return formatFloat(this.value, { digits: [16, 0] });
            }
            return super.formattedValue;
        }
        const value = this.value || 0;
        switch (data.kpi_unit) {
            case "count":
                return formatFloat(value, { digits: [16, Number.isInteger(value) ? 0 : 1] });
            case "percent":
                return `${formatFloat(value, { digits: [16, 1] })} %`;
            case "currency":
                return formatMonetary(value, { currencyId: this.currencyId, digits: [16, 0] });
            default:
                return super.formattedValue;
        }
    }
}

export const unitFloatField = {
    ...floatField,
    component: UnitFloatField,
    fieldDependencies: [
        { name: "kpi_unit", type: "selection" },
        { name: "currency_id", type: "many2one", relation: "res.currency" },
    ],
};

registry.category("fields").add("sales_performance_unit_float", unitFloatField);

// The group rows of a list add up the goals of the group: revenue, rates and counts mixed when
// grouped by salesperson or period. No sum is better than a meaningless one.
registry.category("formatters").add("sales_performance_unit_float", () => "");
