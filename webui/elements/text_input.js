// A single-line text field (or password). Sends on Enter or when it loses focus.
import { commit, current, frame, h, setLabel, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {
 *   max_chars: number | null,
 *   type: string,
 *   placeholder: string | null,
 *   autocomplete: string | null,
 * }} Props
 */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "input");
  const node = frame(input);
  const hint = h("div", "input-hint", "Press Enter to apply");
  hint.setAttribute("aria-hidden", "true");
  node.append(input, hint);
  const send = () => {
    node.classList.remove("edited");
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, input.value);
  };
  input.addEventListener("input", () => node.classList.add("edited"));
  input.addEventListener("keydown", (event) => event.key === "Enter" && !event.isComposing && send());
  input.addEventListener("blur", send);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const { max_chars, type, placeholder, autocomplete, disabled, form } = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  input.type = type === "password" ? "password" : "text";
  if (max_chars) input.maxLength = max_chars;
  else input.removeAttribute("maxlength");
  input.placeholder = placeholder ?? "";
  input.autocomplete = autocomplete ?? (type === "password" ? "new-password" : "off");
  input.disabled = !!disabled;
  node.classList.toggle("in-form", !!form);
  sync(node, el, (value) => {
    input.value = String(value ?? "");
    node.classList.remove("edited");
  });
}
