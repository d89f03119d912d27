// A native <select>; sends the chosen index (or null while the placeholder shows) on change.
import { commit, current, frame, h, setLabel, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {WidgetProps & {options: string[], placeholder: string}} Props */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const select = h("select", "input");
  const node = frame(select);
  select.addEventListener("change", () => {
    select.classList.remove("empty");
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, select.value === "" ? null : Number(select.value));
  });
  const wrap = h("div", "select-wrap");
  wrap.append(select);
  node.append(wrap);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const { options = [], placeholder, disabled } = el.props;
  const select = /** @type {HTMLSelectElement} */ (node.querySelector("select"));
  setLabel(node, el, select);
  const key = JSON.stringify([options, placeholder]);
  if (select.dataset.key !== key) {
    select.dataset.key = key;
    const blank = h("option", "placeholder", placeholder ?? "Choose an option");
    blank.value = "";
    blank.disabled = true;
    select.replaceChildren(blank, ...options.map((/** @type {string} */ text, /** @type {number} */ i) => {
      const option = h("option", undefined, String(text));
      option.value = String(i);
      return option;
    }));
    show(select, el.props.value);
  }
  select.disabled = !!disabled;
  sync(node, el, (value) => show(select, value));
}

/**
 * @param {HTMLSelectElement} select
 * @param {number | null} value
 */
function show(select, value) {
  select.value = value === null || value === undefined ? "" : String(value);
  select.classList.toggle("empty", select.value === "");
}
