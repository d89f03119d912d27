// Several choices: the chosen ones as removable chips, the others in a list that opens under a text field and
// filters as the user types (porch/combobox.js). Sends the chosen options' indices (and with `accept_new_options`
// the texts of new ones) on every change. Backspace in the empty field removes the last chip.
import { combobox } from "porch/combobox.js";
import { commit, current, frame, h, setLabel, setWidth, setWrap, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/combobox.js").Combo} Combo */
/** @typedef {number | string} Item  an option's index, or a new option's text */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<Item[]> & {
 *   options: string[],
 *   max_selections: number | null,
 *   placeholder: string | null,
 *   accept_new_options: boolean,
 *   filter_mode: string | null,
 *   select_all: boolean | number,
 *   width: string | number,
 *   wrap: boolean | null,
 * }} Props
 */

/** The props the server leaves off while they hold these values (core/elements/multiselect.py's DEFAULTS). */
export const defaults = {"max_selections": null, "placeholder": null, "accept_new_options": false,
  "filter_mode": "fuzzy", "width": "stretch", "wrap": null};

/** @type {WeakMap<HTMLElement, Item[]>} what each multiselect shows as chosen */
const chosen = new WeakMap();
/** @type {WeakMap<HTMLElement, Combo>} */
const combos = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "input");
  const node = frame(input);
  const box = h("div", "multiselect");
  const chips = h("ul", "chips");
  chips.setAttribute("aria-label", "Selected");
  const field = h("div", "combo");
  field.append(input);
  box.append(chips, field);
  node.append(box);
  /** @param {Item[]} value */
  const change = (value) => {
    render(node, value);
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, value);
  };
  const combo = combobox(input, field, {
    pick(choice) {
      const now = chosen.get(node) ?? [];
      const { max_selections } = /** @type {Elem} */ (current.get(node)).props;
      const added = "all" in choice ? choice.all : ["index" in choice ? choice.index : choice.text];
      const next = [...now, ...added.filter((item) => !now.includes(item))];
      change(max_selections ? next.slice(0, max_selections) : next);
      input.value = "";
    },
    restore: () => (input.value = ""),
  });
  combos.set(node, combo);
  input.addEventListener("keydown", (event) => {
    const now = chosen.get(node) ?? [];
    if (event.key === "Backspace" && input.value === "" && now.length && !input.disabled) change(now.slice(0, -1));
  });
  chips.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button) return;
    const index = Number(button.dataset.position);
    change((chosen.get(node) ?? []).filter((_, i) => i !== index));
    (chips.querySelector("button") ?? input).focus();
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
  setWrap(node, el.props.wrap);
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  sync(node, el, (value) => chosen.set(node, Array.isArray(value) ? value : []));
  render(node, chosen.get(node) ?? []);
}

/**
 * Draw the chips, and set what the list offers: the options not chosen yet.
 * @param {HTMLElement} node
 * @param {Item[]} value
 */
function render(node, value) {
  chosen.set(node, value);
  const props = /** @type {Elem} */ (current.get(node)).props;
  const { options = [], max_selections, placeholder, disabled, accept_new_options, filter_mode = "fuzzy" } = props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  const full = !!max_selections && value.length >= max_selections;
  /** @type {Combo} */ (combos.get(node)).set({
    options,
    filter: filter_mode,
    acceptNew: !!accept_new_options,
    hidden: new Set(value.filter((item) => typeof item === "number")),
    selectAll: max_selections ? false : props.select_all ?? false,
  });
  const left = options.length - value.filter((item) => typeof item === "number").length;
  input.disabled = !!disabled || full || (!left && !accept_new_options);
  const own = accept_new_options ? "Choose or add options" : "Choose options"; // the page's own, as Streamlit's
  input.placeholder = full ? `At most ${max_selections} choices` : placeholder ?? own;
  const key = JSON.stringify([value, options, disabled]);
  if (node.dataset.key === key) return;
  node.dataset.key = key;
  const chips = /** @type {HTMLElement} */ (node.querySelector(".chips"));
  chips.replaceChildren(
    ...value.map((item, position) => {
      const text = typeof item === "number" ? String(options[item] ?? item) : item;
      const chip = h("li", "chip", text);
      const remove = h("button", "chip-remove", "×");
      remove.type = "button";
      remove.dataset.position = String(position);
      remove.disabled = !!disabled;
      remove.setAttribute("aria-label", `Remove ${text}`);
      chip.append(remove);
      return chip;
    }),
  );
  chips.hidden = !value.length;
}
