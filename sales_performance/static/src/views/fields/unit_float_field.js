/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import { FloatField, floatField } from "@web/views/fields/float/float_field";
import { formatFloat, formatMonetary } from "@web/views/fields/formatters";

/**
 * A goal figure shown in the unit of its KPI (the record's ``kpi_unit``): whole numbers for
 * counts, "%" for rates, the currency for amounts. Edited as a plain number.
 */
export class UnitFloatField extends FloatField {
    get formattedValue() {
        if (!this.props.readonly) {
            return super.formattedValue;
        }
        const data = this.props.record.data;
        const value = this.value || 0;
        switch (data.kpi_unit) {
            case "count":
                return formatFloat(value, { digits: [16, Number.isInteger(value) ? 0 : 1] });
            case "percent":
                return `${formatFloat(value, { digits: [16, 1] })} %`;
            case "currency": {
                const currency = data.currency_id;
                const currencyId = Array.isArray(currency) ? currency[0] : currency && currency.id;
                return formatMonetary(value, { currencyId, digits: [16, 0] });
            }
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
