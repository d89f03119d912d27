// A date: the browser's own <input type=date> (its calendar, its keyboard use), or two of them, start and end, for a
// range. The value travels as ISO "YYYY-MM-DD" both ways; the field shows it in the order of the user's locale (a
// native date field takes no display format, so the `format` prop is not shown). A date is sent once it is complete,
// within bounds and has stayed put for a moment (a pick in the calendar, or a pause in typing: a typed year passes
// through 0002, 0020... on its way), on Enter, and when focus leaves the widget. An empty field is sent only when the
// widget is `clearable`; a `required` one stays empty and is marked invalid (once the user has left it: not on first
// sight, as in Streamlit), any other shows its last value again.
import { commit, current, frame, h, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {WidgetProps<string | string[] | null> & {min: string, max: string, format: string, range: boolean, clearable: boolean,
 *   required: boolean, width: string | number}} Props
 */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */

/** How long a complete date must stay put before it is sent (ms). */
const PAUSE = 700;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** @type {WeakMap<HTMLElement, string | string[] | null>} the value each widget last showed or sent */
const last = new WeakMap();
/** @type {WeakSet<HTMLElement>} widgets the user has left or confirmed once: only they show a missing value */
const touched = new WeakSet();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const start = field();
  const node = frame(start);
  const box = h("div", "date-input");
  const dash = h("span", "date-input-dash", "–");
  dash.setAttribute("aria-hidden", "true");
  const end = field();
  box.append(start, dash, end);
  node.append(box);

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @param {boolean} settle  the user is done (Enter, focus left): put back what cannot be sent */
  const send = (settle) => {
    clearTimeout(timer);
    if (settle) touched.add(node);
    const el = /** @type {Elem} */ (current.get(node));
    const value = read(node, el);
    mark(node, el);
    if (value === undefined) {
      if (settle && !(el.props.required && empty(node))) show(node, last.get(node) ?? null);
      if (settle) mark(node, el);
      return;
    }
    // A range half picked waits while the user is still in the widget (on their way to the end date).
    if (!settle && Array.isArray(value) && value.length === 1 && box.contains(document.activeElement)) return;
    last.set(node, value);
    commit(node, el, ctx, value);
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => send(false), PAUSE);
  });
  box.addEventListener("keydown", (event) => event.key === "Enter" && send(true));
  box.addEventListener("focusout", (event) => {
    if (!box.contains(/** @type {Node | null} */ (event.relatedTarget))) send(true);
  });
  update(node, el);
  return node;
}

function field() {
  const input = h("input", "input");
  input.type = "date";
  return input;
}

/** @param {HTMLElement} node */
function fields(node) {
  return /** @type {HTMLInputElement[]} */ ([...node.querySelectorAll(".date-input > input")]);
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const props = /** @type {Props} */ (el.props);
  const [start, end] = fields(node);
  const dash = /** @type {HTMLElement} */ (node.querySelector(".date-input-dash"));
  setLabel(node, el, start);
  setWidth(node, props.width);
  const range = !!props.range;
  end.hidden = dash.hidden = !range;
  node.classList.toggle("range", range);
  if (range) {
    start.setAttribute("aria-label", `${props.label ?? ""} (start)`);
    end.setAttribute("aria-label", `${props.label ?? ""} (end)`);
  }
  for (const input of [start, end]) {
    input.min = props.min ?? "";
    input.max = props.max ?? "";
    input.disabled = !!props.disabled;
  }
  start.required = !!props.required;
  start.setAttribute("aria-required", String(!!props.required));
  sync(node, el, (value) => {
    last.set(node, value ?? null);
    show(node, value ?? null);
    mark(node, el);
  });
}

/**
 * Put a wire value into the field(s).
 * @param {HTMLElement} node
 * @param {string | string[] | null} value
 */
function show(node, value) {
  const [start, end] = fields(node);
  const [a, b] = Array.isArray(value) ? value : [value, null];
  start.value = typeof a === "string" ? a : "";
  end.value = typeof b === "string" ? b : "";
}

/** @param {HTMLElement} node */
function empty(node) {
  return fields(node).every((input) => input.value === "" && !input.validity.badInput);
}

/**
 * The value to send, or undefined when what the fields hold cannot be sent (a date half typed or out of bounds, or
 * empty where emptying is not allowed).
 * @param {HTMLElement} node
 * @param {Elem} el
 * @returns {string | string[] | null | undefined}
 */
function read(node, el) {
  const props = /** @type {Props} */ (el.props);
  const inputs = props.range ? fields(node) : fields(node).slice(0, 1);
  if (inputs.some((input) => input.validity.badInput)) return undefined;
  const dates = inputs.map((input) => input.value).filter((text) => text !== "");
  if (dates.some((text) => !fits(text, props))) return undefined;
  dates.sort();
  if (dates.length === 0 && !props.clearable) return undefined;
  return props.range ? dates : dates[0] ?? null;
}

/**
 * @param {string} text
 * @param {Props} props
 */
function fits(text, props) {
  return ISO.test(text) && (!props.min || text >= props.min) && (!props.max || text <= props.max);
}

/**
 * Mark each field invalid that holds what cannot be sent: a date out of bounds or half typed, or nothing where a
 * value is required.
 * @param {HTMLElement} node
 * @param {Elem} el
 */
function mark(node, el) {
  const props = /** @type {Props} */ (el.props);
  const missing = !!props.required && touched.has(node) && empty(node);
  fields(node).forEach((input, i) => {
    const bad = input.validity.badInput || (input.value !== "" && !fits(input.value, props));
    const invalid = bad || (missing && i === 0);
    if (invalid) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  });
}
