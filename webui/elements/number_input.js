// A number field with - and + step buttons. Sends on Enter, on blur and on a step button; empty means null, which a
// `required` field never sends (it is marked instead).
import { commit, current, enterSubmits, format, frame, h, setIcon, setInvalid, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {
 *   min: number | null,
 *   max: number | null,
 *   step: number,
 *   format: string | null,
 *   dtype: string,
 *   placeholder: string | null,
 *   required: boolean,
 *   icon: string | null,
 *   width: string | number,
 * }} Props
 */

/** The props the server leaves off while they hold these values (core/elements/number_input.py's DEFAULTS). */
export const defaults = {"min": null, "max": null, "format": null, "placeholder": null, "required": false,
  "icon": null, "width": "stretch"};

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "input");
  input.type = "number";
  input.inputMode = "decimal";
  const node = frame(input);
  const box = h("div", "number-input");
  const minus = stepper("−", "Decrement", -1);
  const plus = stepper("+", "Increment", 1);
  box.append(input, minus, plus);
  node.append(box);

  /** Send the number if it may be sent; return whether it was. */
  const send = () => {
    const el = /** @type {Elem} */ (current.get(node));
    const value = parse(el, input.value);
    const missing = value === null && !!el.props.required;
    setInvalid(node, input, missing ? "A number is required." : null);
    if (missing) return false;
    show(input, el, value);
    commit(node, el, ctx, value);
    return true;
  };
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const sent = send();
    if (!sent || !enterSubmits(/** @type {Elem} */ (current.get(node)).props.form)) event.preventDefault();
  });
  input.addEventListener("blur", send);
  /**
   * @param {string} text
   * @param {string} name
   * @param {number} sign
   */
  function stepper(text, name, sign) {
    const button = h("button", "step", text);
    button.type = "button";
    button.tabIndex = -1;
    button.setAttribute("aria-label", name);
    button.addEventListener("click", () => {
      const { min, step = 1 } = /** @type {Elem} */ (current.get(node)).props;
      const now = input.value === "" ? null : Number(input.value);
      const decimals = (String(step).split(".")[1] ?? "").length;
      input.value = now === null ? String(min ?? 0) : (now + sign * step).toFixed(decimals);
      send();
    });
    return button;
  }
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
  const { min, max, step, placeholder, disabled } = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  input.min = min ?? "";
  input.max = max ?? "";
  input.step = step ?? "any";
  input.placeholder = placeholder ?? "";
  input.required = !!el.props.required;
  setIcon(input, el.props.icon);
  for (const control of node.querySelectorAll("input, button.step")) {
    /** @type {HTMLInputElement} */ (control).disabled = !!disabled;
  }
  sync(node, el, (value) => {
    show(input, el, value);
    setInvalid(node, input, null);
  });
}

/**
 * Read what the user typed: clamped to the bounds, rounded for ints; empty or invalid is null.
 * @param {Elem} el
 * @param {string} text
 */
function parse(el, text) {
  if (text.trim() === "") return null;
  const { min, max, dtype } = el.props;
  let value = Number(text);
  if (!Number.isFinite(value)) return el.props.value ?? null;
  if (dtype === "int") value = Math.round(value);
  if (min !== null && min !== undefined) value = Math.max(min, value);
  if (max !== null && max !== undefined) value = Math.min(max, value);
  return value;
}

/**
 * @param {HTMLInputElement} input
 * @param {Elem} el
 * @param {number | null} value
 */
function show(input, el, value) {
  if (value === null || value === undefined) {
    input.value = "";
    return;
  }
  const text = format(el.props.format, value, el.props.dtype);
  input.value = Number.isFinite(Number(text)) ? text : String(value);
}
