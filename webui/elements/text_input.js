// A single-line text field (or password). Sends on Enter or when it loses focus, or with `live_ms` once typing
// pauses. Text that is `required` but empty, or does not match `validate`, is marked and never sent.
import {
  commit, current, enterSubmits, frame, h, setIcon, setInvalid, setLabel, setWidth, sync,
} from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {
 *   max_chars: number | null,
 *   type: string,
 *   placeholder: string | null,
 *   autocomplete: string | null,
 *   required: boolean,
 *   icon: string | null,
 *   validate: string | null,
 *   validate_message: string | null,
 *   live_ms: number | null,
 *   width: string | number,
 * }} Props
 */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "input");
  const node = frame(input);
  const box = h("div", "input-box");
  const hint = h("div", "input-hint", "Press Enter to apply");
  hint.setAttribute("aria-hidden", "true");
  box.append(input, hint);
  node.append(box);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** Send the text if it may be sent; return whether it was valid. */
  const send = () => {
    clearTimeout(timer);
    const now = /** @type {Elem} */ (current.get(node));
    const problem = check(now, input.value);
    setInvalid(node, input, problem);
    if (problem !== null) return false;
    node.classList.remove("edited");
    commit(node, now, ctx, input.value);
    return true;
  };
  input.addEventListener("input", () => {
    node.classList.add("edited");
    const live = /** @type {Elem} */ (current.get(node)).props.live_ms;
    clearTimeout(timer);
    if (typeof live === "number") timer = setTimeout(send, live);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing) return;
    const valid = send();
    // Enter in a form's field submits the form (the browser clicks its submit button) unless this is invalid or
    // the form says enter_to_submit=False.
    if (!valid || !enterSubmits(/** @type {Elem} */ (current.get(node)).props.form)) event.preventDefault();
  });
  input.addEventListener("blur", send);
  update(node, el);
  return node;
}

/**
 * What is wrong with `text` for this input, or null.
 * @param {Elem} el
 * @param {string} text
 * @returns {string | null}
 */
function check(el, text) {
  const { required, validate, validate_message } = el.props;
  if (text === "") return required ? "This field is required." : null;
  if (!validate) return null;
  try {
    if (new RegExp(validate, "us").test(text)) return null;
  } catch (err) {
    console.error(`porch: text_input validate pattern ${validate} is not a valid regular expression`, err);
    return null;
  }
  return validate_message ?? "This value is not valid.";
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setWidth(node, el.props.width);
  const { max_chars, type, placeholder, autocomplete, disabled, form, required, icon } = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  input.type = type === "password" ? "password" : "text";
  if (max_chars) input.maxLength = max_chars;
  else input.removeAttribute("maxlength");
  input.placeholder = placeholder ?? "";
  input.autocomplete = autocomplete ?? (type === "password" ? "new-password" : "off");
  input.disabled = !!disabled;
  input.required = !!required;
  setIcon(input, icon);
  /** @type {HTMLElement} */ (node.querySelector(".input-hint")).hidden = typeof el.props.live_ms === "number";
  node.classList.toggle("in-form", !!form);
  sync(node, el, (value) => {
    input.value = String(value ?? "");
    node.classList.remove("edited");
    setInvalid(node, input, null);
  });
}
