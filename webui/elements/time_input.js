// A time of day: the browser's own <input type=time step=...> (its picker, its keyboard use: arrows move the focused
// part, by `step` for the minutes). The value travels as "HH:MM" (with ":SS" when the field shows seconds); the field
// shows the clock of the user's locale (a native field takes no display format, so the `format` prop is not shown). A value is sent once it is complete, within bounds and has
// stayed put for a moment (typing "13" passes through "01", a year passes through 0002, 0020...), on Enter, and when
// the field loses focus. An empty field is sent only when the widget is `clearable`; a `required` one stays empty
// and is marked invalid (once the user has left it: not on first sight, as in Streamlit), any other shows its last
// value again.
import { commit, current, frame, h, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {WidgetProps<string | null> & {step: number, format: string, clearable: boolean, required: boolean,
 *   width: string | number}} Props
 */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */

/** How long a complete value must stay put before it is sent (ms). */
const PAUSE = 700;
/** What is sent of a field's value (a native field may add milliseconds). */
const WIRE = /^\d{2}:\d{2}(:\d{2})?/;

/** @type {WeakMap<HTMLElement, string | null>} the value each widget last showed or sent */
const last = new WeakMap();
/** @type {WeakSet<HTMLInputElement>} fields the user has left or confirmed once: only they show a missing value */
const touched = new WeakSet();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "input time-input");
  input.type = "time";
  const node = frame(input);
  node.append(input);

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @param {boolean} settle  the user is done (Enter, blur): put back what cannot be sent */
  const send = (settle) => {
    clearTimeout(timer);
    if (settle) touched.add(input);
    const el = /** @type {Elem} */ (current.get(node));
    const value = read(input, el);
    if (value === undefined) {
      if (settle && !(el.props.required && empty(input))) input.value = last.get(node) ?? "";
      mark(input, el);
      return;
    }
    mark(input, el);
    last.set(node, value);
    commit(node, el, ctx, value);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => send(false), PAUSE);
  });
  input.addEventListener("keydown", (event) => event.key === "Enter" && send(true));
  input.addEventListener("blur", () => send(true));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const props = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  setWidth(node, props.width);
  input.step = String(props.step ?? 60);
  input.disabled = !!props.disabled;
  input.required = !!props.required;
  input.setAttribute("aria-required", String(!!props.required));
  sync(node, el, (value) => {
    last.set(node, typeof value === "string" ? value : null);
    input.value = typeof value === "string" ? value : "";
    mark(input, el);
  });
}

/** @param {HTMLInputElement} input */
function empty(input) {
  return input.value === "" && !input.validity.badInput;
}

/**
 * Whether the field holds what cannot be sent whatever the widget: a value half typed or out of bounds.
 * @param {HTMLInputElement} input
 */
function bad(input) {
  const { badInput, rangeUnderflow, rangeOverflow } = input.validity;
  return badInput || rangeUnderflow || rangeOverflow;
}

/**
 * The value to send, or undefined when the field holds a value half typed or out of bounds, or nothing where
 * emptying is not allowed.
 * @param {HTMLInputElement} input
 * @param {Elem} el
 * @returns {string | null | undefined}
 */
function read(input, el) {
  if (bad(input)) return undefined;
  if (input.value === "") return el.props.clearable ? null : undefined;
  const found = WIRE.exec(input.value);
  return found ? found[0] : undefined;
}

/**
 * Mark the field invalid while it holds a value half typed or out of bounds, or nothing where one is required.
 * @param {HTMLInputElement} input
 * @param {Elem} el
 */
function mark(input, el) {
  const missing = !!el.props.required && touched.has(input) && empty(input);
  if (bad(input) || missing) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}
