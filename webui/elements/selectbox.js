// One choice from a list that opens under a text field and filters as the user types (porch/combobox.js). Sends
// the chosen option's index, the text of a new option (`accept_new_options`), or null when a `clearable` one is
// emptied. A `required` one that is still empty is marked as needing a choice.
import { combobox } from "porch/combobox.js";
import { commit, current, frame, h, setIcon, setInvalid, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/combobox.js").Combo} Combo */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<number | string | null> & {
 *   options: string[],
 *   placeholder: string | null,
 *   required: boolean,
 *   icon: string | null,
 *   accept_new_options: boolean,
 *   filter_mode: string | null,
 *   clearable: boolean,
 *   width: string | number,
 * }} Props
 */

/** The props the server leaves off while they hold these values (core/elements/selectbox.py's DEFAULTS). */
export const defaults = {"placeholder": null, "required": false, "icon": null,
  "accept_new_options": false, "filter_mode": "fuzzy", "clearable": false, "width": "stretch"};

/** @type {WeakMap<HTMLElement, Combo>} */
const combos = new WeakMap();
/** @type {WeakMap<HTMLElement, number | string | null>} the value each selectbox shows */
const shown = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "input");
  const node = frame(input);
  const box = h("div", "combo select-wrap");
  const clear = h("button", "select-clear", "×");
  clear.type = "button";
  clear.tabIndex = -1;
  clear.setAttribute("aria-label", "Clear");
  box.append(input, clear);
  node.append(box);
  /** @param {number | string | null} value */
  const change = (value) => {
    show(node, value);
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, value);
  };
  const combo = combobox(input, box, {
    pick(choice) {
      if ("index" in choice) change(choice.index);
      else if ("text" in choice) change(choice.text);
    },
    restore: () => show(node, shown.get(node) ?? null),
    current: () => shown.get(node) ?? null,
  });
  combos.set(node, combo);
  input.addEventListener("blur", () => {
    node.dataset.touched = "true";
    show(node, shown.get(node) ?? null);
  });
  clear.addEventListener("click", () => {
    change(null);
    input.focus();
  });
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setWidth(node, el.props.width);
  const { options = [], accept_new_options, filter_mode = "fuzzy", disabled, required, icon } = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  input.disabled = !!disabled;
  input.setAttribute("aria-required", String(!!required));
  setIcon(input, icon);
  /** @type {Combo} */ (combos.get(node)).set({ options, filter: filter_mode, acceptNew: !!accept_new_options });
  sync(node, el, (value) => show(node, value));
  show(node, shown.get(node) ?? null);
}

/**
 * Show `value` in the field: an option's label, a new option's text, or the placeholder.
 * @param {HTMLElement} node
 * @param {number | string | null} value
 */
function show(node, value) {
  const el = /** @type {Elem} */ (current.get(node));
  const { options = [], placeholder, clearable, disabled, required, accept_new_options } = el.props;
  shown.set(node, value);
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  input.value = typeof value === "number" ? String(options[value] ?? "") : value ?? "";
  // No placeholder from the script: the page's own, as Streamlit's (the server sends none).
  input.placeholder = placeholder ?? (accept_new_options ? "Choose or add an option" : "Choose an option");
  const clear = /** @type {HTMLButtonElement} */ (node.querySelector(".select-clear"));
  clear.hidden = !clearable || value === null || !!disabled;
  setInvalid(node, input, required && value === null && node.dataset.touched ? "Please choose an option." : null);
}
