// A checkbox, or a switch when `toggle` is set. Sends its bool on change.
import { commit, current, h, setHelp, setWidth, setWrap, sync, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {WidgetProps & {toggle: boolean, width: string | number, wrap: boolean | null}} Props */

/** The props the server leaves off while they hold these values (core/elements/checkbox.py's DEFAULTS). */
export const defaults = {"toggle": false, "width": "content", "wrap": null};

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "widget checkbox");
  const input = h("input");
  input.type = "checkbox";
  input.id = uid();
  const label = h("label", "check");
  label.htmlFor = input.id;
  label.append(input, h("span", "check-text line-text"));
  input.addEventListener("change", () => commit(node, /** @type {Elem} */ (current.get(node)), ctx, input.checked));
  node.append(label);
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
  const { label = "", label_visibility, toggle, disabled, help } = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  const text = /** @type {HTMLElement} */ (node.querySelector(".check-text"));
  text.textContent = String(label);
  setWrap(node, el.props.wrap, text, String(label));
  text.classList.toggle("visually-hidden", !!label_visibility && label_visibility !== "visible");
  input.setAttribute("aria-label", String(label));
  node.classList.toggle("toggle", !!toggle);
  if (toggle) input.setAttribute("role", "switch");
  else input.removeAttribute("role");
  input.disabled = !!disabled;
  node.classList.toggle("disabled", !!disabled);
  setHelp(node, help, input);
  sync(node, el, (value) => (input.checked = !!value));
}
