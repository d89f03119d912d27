// Several choices: the chosen ones as removable chips, the others in a native <select> to add from. Sends the list
// of chosen indices on every change.
import { commit, current, frame, h, setLabel, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {WidgetProps & {options: string[], max_selections: number | null, placeholder: string}} Props */

/** @type {WeakMap<HTMLElement, number[]>} the indices each multiselect shows */
const chosen = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const select = h("select", "input");
  const node = frame(select);
  const box = h("div", "multiselect");
  const chips = h("ul", "chips");
  chips.setAttribute("aria-label", "Selected");
  box.append(chips, select);
  node.append(box);
  /** @param {number[]} value */
  const change = (value) => {
    render(node, value);
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, value);
  };
  select.addEventListener("change", () => {
    if (select.value !== "") change([...(chosen.get(node) ?? []), Number(select.value)]);
  });
  chips.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button) return;
    const value = (chosen.get(node) ?? []).filter((i) => i !== Number(button.dataset.index));
    change(value);
    (chips.querySelector("button") ?? select).focus();
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
  const select = /** @type {HTMLSelectElement} */ (node.querySelector("select"));
  setLabel(node, el, select);
  sync(node, el, (value) => chosen.set(node, Array.isArray(value) ? value : []));
  render(node, chosen.get(node) ?? []);
}

/**
 * Draw the chips and the options left to add.
 * @param {HTMLElement} node
 * @param {number[]} value
 */
function render(node, value) {
  chosen.set(node, value);
  const { options = [], max_selections, placeholder, disabled } = /** @type {Elem} */ (current.get(node)).props;
  const key = JSON.stringify([value, options, max_selections, placeholder, disabled]);
  if (node.dataset.key === key) return;
  node.dataset.key = key;
  const chips = /** @type {HTMLElement} */ (node.querySelector(".chips"));
  const select = /** @type {HTMLSelectElement} */ (node.querySelector("select"));
  chips.replaceChildren(
    ...value.map((i) => {
      const chip = h("li", "chip", String(options[i] ?? i));
      const remove = h("button", "chip-remove", "×");
      remove.type = "button";
      remove.dataset.index = String(i);
      remove.disabled = !!disabled;
      remove.setAttribute("aria-label", `Remove ${options[i] ?? i}`);
      chip.append(remove);
      return chip;
    }),
  );
  chips.hidden = !value.length;
  const full = !!max_selections && value.length >= max_selections;
  const blank = h("option", "placeholder", full ? `At most ${max_selections} choices` : placeholder ?? "Choose options");
  blank.value = "";
  blank.disabled = true;
  const rest = options.flatMap((/** @type {string} */ text, /** @type {number} */ i) => {
    if (value.includes(i)) return [];
    const option = h("option", undefined, String(text));
    option.value = String(i);
    return [option];
  });
  select.replaceChildren(blank, ...(full ? [] : rest));
  select.value = "";
  select.disabled = !!disabled || full || !rest.length;
}
