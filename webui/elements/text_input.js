// A single-line text field: `type` is the input's own ("text", "password", "email", "url", "tel" or "search"; as in
// Streamlit, a search field has a button that empties it and a password one a button that shows what is typed).
// Sends on Enter or when it loses focus, or with `live_ms` once typing
// pauses. Text that is `required` but empty, or does not match `validate`, is marked and never sent (with the pattern's
// message, or Streamlit's "Invalid input. Must match pattern: /.../su"). Text a validate function refused on the
// server comes back as the `refused` prop of the element sent again ({value, message}): the field keeps that text,
// marked with the message, as a pattern's refusal is shown.
import {
  commit, current, enterSubmits, frame, h, setIcon, setInvalid, setLabel, setWidth, showIcon, sync,
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
 *   refused?: {value: unknown, message: string},
 * }} Props
 */

/** The input types the server sends (Streamlit's "phone" is the input's "tel"). */
const INPUT_TYPES = ["text", "password", "email", "url", "tel", "search"];

/** The password fields whose text is shown (their eye was pressed). */
const revealed = new WeakSet();

/** The text the server last refused in each field, and why (kept while the field holds that text). */
const refusals = new WeakMap();

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
  const clear = /** @type {HTMLButtonElement} */ (h("button", "input-action input-clear", "×"));
  clear.type = "button";
  clear.tabIndex = -1;
  clear.setAttribute("aria-label", "Clear entry");
  const reveal = /** @type {HTMLButtonElement} */ (h("button", "input-action input-reveal"));
  reveal.type = "button";
  reveal.append(h("span"));
  box.append(input, clear, reveal, hint);
  node.append(box);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** Send the text if it may be sent; return whether it was valid. */
  const send = () => {
    clearTimeout(timer);
    const now = /** @type {Elem} */ (current.get(node));
    const refused = refusals.get(node);
    const problem = refused?.value === input.value ? refused.message : check(now, input.value);
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
  // The search field's clear button empties it and sends the empty text (keeping the focus in the field).
  clear.addEventListener("mousedown", (event) => event.preventDefault());
  clear.addEventListener("click", () => {
    input.value = "";
    showClear(node);
    send();
    input.focus();
  });
  input.addEventListener("input", () => showClear(node));
  // The password field's eye shows what is typed, or hides it again; it stays as chosen across reruns.
  reveal.addEventListener("mousedown", (event) => event.preventDefault());
  reveal.addEventListener("click", () => {
    if (revealed.has(node)) revealed.delete(node);
    else revealed.add(node);
    showType(node, /** @type {Elem} */ (current.get(node)).props.type);
  });
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
  /** @type {RegExp} */
  let pattern;
  try {
    pattern = new RegExp(validate, "us");
  } catch (err) {
    console.error(`porch: text_input validate pattern ${validate} is not a valid regular expression`, err);
    return null;
  }
  if (pattern.test(text)) return null;
  return validate_message ?? `Invalid input. Must match pattern: ${pattern}`;
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
  input.enterKeyHint = type === "search" ? "search" : "";
  if (max_chars) input.maxLength = max_chars;
  else input.removeAttribute("maxlength");
  input.placeholder = placeholder ?? "";
  input.setAttribute("autocomplete", autocomplete ?? "");
  input.disabled = !!disabled;
  input.required = !!required;
  showType(node, type);
  setIcon(input, icon);
  /** @type {HTMLElement} */ (node.querySelector(".input-hint")).hidden = typeof el.props.live_ms === "number";
  node.classList.toggle("in-form", !!form);
  sync(node, el, (value) => {
    input.value = String(value ?? "");
    node.classList.remove("edited");
    setInvalid(node, input, null);
  });
  showClear(node);
  const refused = /** @type {Props} */ (el.props).refused;
  if (refused) {
    refusals.set(node, refused);
    if (input.value === refused.value) setInvalid(node, input, refused.message);
  } else if (refusals.has(node)) {
    refusals.delete(node);
    setInvalid(node, input, null);
  }
}

/**
 * Show the clear button of a search field that holds text, is enabled and is not required (Streamlit's rule).
 * @param {HTMLElement} node
 */
function showClear(node) {
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  const clear = /** @type {HTMLButtonElement} */ (node.querySelector(".input-clear"));
  clear.hidden = input.type !== "search" || input.disabled || input.required || input.value === "";
}

/**
 * Give the input its `type` (a password shown while its eye is pressed is "text"), and the eye its state.
 * @param {HTMLElement} node
 * @param {string} type
 */
function showType(node, type) {
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  const reveal = /** @type {HTMLButtonElement} */ (node.querySelector(".input-reveal"));
  const shown = type === "password" && revealed.has(node);
  input.type = shown ? "text" : INPUT_TYPES.includes(type) ? type : "text";
  reveal.hidden = type !== "password";
  reveal.disabled = input.disabled;
  reveal.setAttribute("aria-label", shown ? "Hide password" : "Show password");
  reveal.setAttribute("aria-pressed", String(shown));
  const eye = shown ? ":material/visibility_off:" : ":material/visibility:";
  showIcon(/** @type {HTMLElement} */ (reveal.firstElementChild), eye, false);
}
