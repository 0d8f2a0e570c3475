/** @odoo-module **/
// Copyright 2026 Sales Performance contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

// Steps shared by the journeys of both addons: how a person reaches a menu from the home menu,
// answers a dialog, picks a value, saves. Each function returns an array of tour steps.

export const SALES_APP = "sale.sale_menu_root";
export const CRM_APP = "crm.crm_menu_root";
export const INVOICING_APP = "account.menu_finance";
export const PERFORMANCE_MENU = "sales_performance.sales_performance_menu";
export const SALES_CONFIGURATION_MENU = "sale.menu_sale_config";

/** One step: wait for ``trigger``, then do ``run`` if given ("click", "edit text"...). */
export function step(content, trigger, run) {
    return [run ? { content, trigger, run } : { content, trigger }];
}

/** Click ``trigger`` and wait until the action it opens is shown: until then the previous
 * screen stays, and the next step must not act on it. */
function clickToAction(content, trigger) {
    return {
        content,
        trigger,
        async run(helpers) {
            const shown = () => document.querySelector(".o_action_manager .o_action");
            const before = shown();
            await helpers.click();
            await waitUntil(() => shown() && shown() !== before, content);
        },
    };
}

/** Home menu, then the app, then each menu of ``path`` (a top menu, then its dropdown items). */
export function openMenu(app, ...path) {
    const [top, ...items] = path;
    const steps = [
        {
            content: "Open the home menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        clickToAction(`Open the app ${app}`, `.o_app[data-menu-xmlid='${app}']`),
    ];
    if (top) {
        steps.push({
            content: `Open the menu ${top}`,
            trigger: `.o_main_navbar [data-menu-xmlid='${top}']`,
            run: "click",
        });
    }
    for (const item of items) {
        steps.push(clickToAction(`Open ${item}`, `.dropdown-item[data-menu-xmlid='${item}']`));
    }
    return steps;
}

/** Resolve once ``check()`` is true; fail the tour after ``timeout`` ms. */
export async function waitUntil(check, what, timeout = 10000) {
    const start = Date.now();
    while (Date.now() - start < timeout) {
        const found = check();
        if (found) {
            return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Waited in vain for ${what}`);
}

/** Sales > Performance > the menu ``item`` (an xml id). */
export function openPerformance(item) {
    return openMenu(SALES_APP, PERFORMANCE_MENU, item);
}

/** Accept the confirmation dialog of a button (its ``confirm`` attribute). */
export function confirmDialog() {
    return [
        {
            content: "Confirm",
            trigger: ".modal-footer button.btn-primary",
            run: "click",
        },
    ];
}

/** Type ``text`` in the text field ``field`` of the open dialog and press its button ``button``. */
export function answerDialog(field, text, button = "action_confirm") {
    return [
        {
            content: `Write ${field}`,
            trigger: `.modal div[name='${field}'] textarea`,
            run: `edit ${text}`,
        },
        {
            content: "Confirm",
            trigger: `.modal button[name='${button}']`,
            run: "click",
        },
    ];
}

/** Press the header button ``label``, write ``text`` in the dialog's ``field`` and confirm: the
 * status becomes ``status``. */
export function answer(label, field, text, status) {
    return [...clickLabel(label), ...answerDialog(field, text), ...statusIs(status)];
}

/** Click the form's button ``name`` (a method or an action). */
export function clickButton(name, content = `Click ${name}`) {
    return [
        {
            content,
            trigger: `.o_form_view button[name='${name}']`,
            run: "click",
        },
    ];
}

/** Click the header button labelled ``label`` (for buttons opening an action by xml id). */
export function clickLabel(label) {
    return [
        {
            content: label,
            trigger: `.o_form_view .o_statusbar_buttons button:contains('${label}')`,
            run: "click",
        },
    ];
}

/** The status bar shows ``label`` as the current state. */
export function statusIs(label) {
    return [
        {
            content: `The status is ${label}`,
            trigger: `.o_form_view .o_statusbar_status button.o_arrow_button_current:contains('${label}')`,
        },
    ];
}

/** Open the list row containing ``text`` (a string, or several that must all be in the row) by
 * clicking its cell ``column``. */
export function openRow(text, column) {
    const texts = Array.isArray(text) ? text : [text];
    const row = texts.map((part) => `:contains('${part}')`).join("");
    return [
        {
            content: `Open ${texts.join(", ")}`,
            trigger: `.o_list_view .o_data_row${row} td[name='${column}']`,
            run: "click",
        },
    ];
}

/** Type ``value`` in the field ``field`` of the form (or of ``container``). */
export function editField(field, value, container = ".o_form_view") {
    return [
        {
            content: `${field}: ${value}`,
            trigger: `${container} .o_field_widget[name='${field}'] input`,
            run: `edit ${value}`,
        },
    ];
}

/** Select every record of the list with the header's checkbox (clicked again if the list was
 * rendered anew meanwhile, e.g. after a search). */
export function selectAll() {
    const box = ".o_list_view thead .o_list_record_selector input";
    return [
        {
            content: "Select all",
            trigger: box,
            async run(helpers) {
                for (let attempt = 0; attempt < 10 && !document.querySelector(".o_list_selection_box"); attempt++) {
                    await helpers.click(box);
                    await new Promise((resolve) => setTimeout(resolve, 300));
                }
            },
        },
        {
            content: "The records are selected",
            trigger: ".o_list_selection_box",
        },
    ];
}

/** Turn on the search filter labelled ``label``. */
export function searchFilter(label) {
    return [
        {
            content: "Open the search options",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
        {
            content: `Filter: ${label}`,
            trigger: `.o_filter_menu .o_menu_item:contains('${label}')`,
            run: "click",
        },
        {
            content: `The filter ${label} is on`,
            trigger: `.o_searchview .o_facet_value:contains('${label}')`,
        },
        {
            content: "Close the search options",
            trigger: ".o_control_panel .o_searchview_dropdown_toggler",
            run: "click",
        },
    ];
}

/** Type ``text`` in the many2one ``field`` and choose ``choice`` in its dropdown. */
export function pick(field, text, choice, container = ".o_form_view") {
    return [
        {
            content: `Type in ${field}`,
            trigger: `${container} .o_field_widget[name='${field}'] input`,
            run: `edit ${text}`,
        },
        {
            content: `Choose ${choice}`,
            trigger: `.o-autocomplete--dropdown-menu .o-autocomplete--dropdown-item a:contains('${choice}')`,
            run: "click",
        },
    ];
}

/** Save the form and wait until it is saved. */
export function save() {
    return [
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_form_view .o_form_saved",
        },
    ];
}
