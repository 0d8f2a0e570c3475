/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import { registry } from "@web/core/registry";
import { openMenu, step, waitUntil } from "@sales_performance/../tests/tours/tour_steps";

// The generic New-form check (see test_journey_new_form.py): for each window action of our
// menus that the user may create in, click the menu from the home menu, click New, check that
// every required many2one offers records (where the user can read some), fill what is still
// empty and save. The plan comes from the test through the browser's local storage:
// [{label, path, inline, many2one: {field: has records}, values: [[field, kind, value]], text}],
// kind: many2one (type, choose), radio, line (a one2many line: [[field, text]]), text.

export const NEW_FORM_PLAN = "sales_performance.new_form_plan";

const RECORD_OPTION =
    "li.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option):not(.o_m2o_no_result):not(:has(.o_loading))";

function readPlan() {
    return JSON.parse(window.localStorage.getItem(NEW_FORM_PLAN) || "[]");
}

/** The open many2one dropdown once its search (of ``text``, if given) is done: its record
 * options, maybe none. */
async function dropdownOptions(label, field, text) {
    const wanted = (text || "").toLowerCase();
    return waitUntil(() => {
        const menu = document.querySelector(".o-autocomplete--dropdown-menu");
        if (!menu || menu.querySelector(".o_loading")) {
            return null;
        }
        if (menu.querySelector(".o_m2o_no_result")) {
            return [];
        }
        const options = [...menu.querySelectorAll(RECORD_OPTION)];
        const searched = options.every((option) => option.textContent.toLowerCase().includes(wanted));
        return options.length && searched ? options : null;
    }, `the dropdown of ${field} (${label})`);
}

/** Open the dropdown of ``field`` (typing ``text`` if given): it must offer records where the
 * user can read some. Choose the first (matching ``text``) unless the field keeps its value. */
async function pickRecord(helpers, entry, root, field, text) {
    const selector = `${root} .o_field_widget[name='${field}'] input`;
    const current = document.querySelector(selector).value;
    if (text) {
        await helpers.edit(text, selector);
    } else {
        await helpers.click(selector);
    }
    const options = await dropdownOptions(entry.label, field, text);
    if (entry.many2one[field] && !options.length) {
        throw new Error(`New-form check: ${entry.label}: the required ${field} offers no record ("No records")`);
    }
    const same = options.find((option) => option.textContent.trim() === current.trim());
    const choice = text || !current ? options[0] : same;
    if (choice) {
        await helpers.click(choice.querySelector("a"));
    } else {
        document.querySelector(selector).blur();
    }
    await waitUntil(() => !document.querySelector(".o-autocomplete--dropdown-menu"), `${field} closed (${entry.label})`);
}

/** Add a line to the one2many ``field`` and type ``values`` ([[field, text]]) in it. */
async function addLine(helpers, root, field, values) {
    const list = `${root} .o_field_widget[name='${field}']`;
    await helpers.click(`${list} .o_field_x2many_list_row_add a`);
    for (const [subfield, text] of values) {
        const input = `${list} .o_selected_row .o_field_widget[name='${subfield}'] input`;
        await waitUntil(() => document.querySelector(input), `a new line of ${field}`);
        await helpers.edit(text, input);
    }
}

function fillStep(entry) {
    const root = entry.inline ? ".o_list_view .o_selected_row" : ".o_form_view .o_form_editable";
    return {
        content: `${entry.label}: the required fields offer values; fill them`,
        trigger: root,
        timeout: 60000, // one step for all the fields of the form
        async run(helpers) {
            for (const [field, kind, value] of entry.values) {
                const widget = `${root} .o_field_widget[name='${field}']`;
                if (kind === "many2one") {
                    await pickRecord(helpers, entry, root, field, value);
                } else if (kind === "radio") {
                    await helpers.click(`${widget} input[data-value='${value}']`);
                } else if (kind === "line") {
                    await addLine(helpers, root, field, value);
                } else {
                    await helpers.edit(value, `${widget} input`);
                    if (!entry.inline) {
                        // In an editable list, Enter would save the row and open a new one.
                        await helpers.press("Enter");
                    }
                }
            }
            const given = new Set(entry.values.map(([field]) => field));
            const required = [...document.querySelectorAll(`${root} .o_field_widget.o_required_modifier`)]
                .map((widget) => widget.getAttribute("name"))
                .filter((field) => !given.has(field));
            for (const field of required) {
                // Looked up again each time: a choice may render the form anew.
                const widget = document.querySelector(`${root} .o_field_widget[name='${field}']`);
                const input = widget.querySelector("input:not([type='checkbox']):not([type='radio'])");
                if (field in entry.many2one) {
                    if (input) {
                        await pickRecord(helpers, entry, root, field, null);
                    } else if (widget.classList.contains("o_field_empty")) {
                        throw new Error(`New-form check: ${entry.label}: the required ${field} is empty and read-only`);
                    }
                } else if (input && !input.value) {
                    await helpers.edit(`${entry.text} ${field}`, input);
                } else if (widget.querySelector("select") && !widget.querySelector("select").value) {
                    await helpers.selectByIndex(1, widget.querySelector("select"));
                }
            }
        },
    };
}

function saveSteps(entry) {
    if (entry.inline) {
        return [
            ...step(`${entry.label}: save the row`, ".o_list_button_save", "click"),
            ...step(
                `${entry.label}: saved`,
                "body:not(:has(.modal)) .o_list_view:not(:has(.o_selected_row)):not(:has(.o_list_button_save))"
            ),
        ];
    }
    return [
        ...step(`${entry.label}: save`, ".o_form_view .o_form_button_save", "click"),
        {
            content: `${entry.label}: saved, with its id in the address`,
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_saved",
            async run() {
                await waitUntil(() => /\/\d+$/.test(window.location.pathname), `${entry.label} saved`);
            },
        },
    ];
}

registry.category("web_tour.tours").add("sales_performance_new_form_check", {
    steps: () =>
        readPlan().flatMap((entry) => [
            ...openMenu(...entry.path),
            ...step(`${entry.label}: New`, ".o_control_panel_main_buttons .o_list_button_add:visible, .o_control_panel_main_buttons .o-kanban-button-new:visible", "click"),
            fillStep(entry),
            ...saveSteps(entry),
        ]),
});
