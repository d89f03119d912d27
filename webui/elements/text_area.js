// A multi-line text field. Sends on Ctrl+Enter (Cmd+Enter on a Mac) or when it loses focus; an empty `required`
// one is marked and not sent. `height` is pixels, "content" (it grows with its text) or "stretch".
import { commit, current, frame, h, setInvalid, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {max_chars: number | null, height: number | string | null, placeholder: string | null,
 *   required: boolean, width: string | number}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/text_area.py's DEFAULTS). */
export const defaults = {"max_chars": null, "height": null, "placeholder": null, "required": false,
  "width": "stretch"};

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const area = h("textarea", "input");
  const node = frame(area);
  const hint = h("div", "input-hint", "Press Ctrl+Enter to apply");
  hint.setAttribute("aria-hidden", "true");
  node.append(area, hint);
  const send = () => {
    const now = /** @type {Elem} */ (current.get(node));
    const missing = now.props.required && area.value === "";
    setInvalid(node, area, missing ? "This field is required." : null);
    if (missing) return;
    node.classList.remove("edited");
    commit(node, now, ctx, area.value);
  };
  area.addEventListener("input", () => node.classList.add("edited"));
  area.addEventListener("keydown", (event) => event.key === "Enter" && (event.ctrlKey || event.metaKey) && send());
  area.addEventListener("blur", send);
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
  const { max_chars, height, placeholder, disabled, form } = el.props;
  const area = /** @type {HTMLTextAreaElement} */ (node.querySelector("textarea"));
  setLabel(node, el, area);
  if (max_chars) area.maxLength = max_chars;
  else area.removeAttribute("maxlength");
  area.style.height = typeof height === "number" ? `${height}px` : "";
  area.dataset.height = typeof height === "string" ? height : "";
  area.required = !!el.props.required;
  area.placeholder = placeholder ?? "";
  area.disabled = !!disabled;
  node.classList.toggle("in-form", !!form);
  sync(node, el, (value) => {
    area.value = String(value ?? "");
    node.classList.remove("edited");
    setInvalid(node, area, null);
  });
}
