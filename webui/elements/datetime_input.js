// A date and a time of day in one field, as Streamlit's: a text field that shows the moment with the date in the
// widget's `format` ("YYYY/MM/DD", "DD.MM.YYYY", "MM-DD-YYYY"...: the order and separator the script chose, whatever
// the user's locale) and the time as 24-hour "HH:MM" (":SS" when the step is not whole minutes), beside a button that
// opens the browser's own date-and-time picker (also Alt+ArrowDown). The keyboard: type the moment; ArrowUp/ArrowDown
// step the part under the caret (the minutes by `step`); Enter sends. A value is sent once it is complete, a real
// date, within bounds and has stayed put for a moment, on Enter, on a pick, and when focus leaves the widget. What
// cannot be sent is marked invalid, and leaving the widget puts the last value back. An empty field is sent only when
// the widget is `clearable`; a `required` one stays empty and is marked invalid once the user has left it. The value
// travels as "YYYY-MM-DDTHH:MM[:SS]" or null, as before.
import { commit, current, frame, h, iconNode, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string | null> & {min: string, max: string, step: number, format: string, clearable: boolean,
 *   required: boolean, width: string | number}} Props
 */
/** @typedef {{year: number, month: number, day: number, hour: number, minute: number, second: number}} Moment */
/** @typedef {"year" | "month" | "day" | "hour" | "minute" | "second"} Part */

/** How long a complete value must stay put before it is sent (ms). */
const PAUSE = 700;
/** The date part of a format: three of YYYY, MM, DD with one separator (the server checks the format). */
const DATE_FORMAT = /^(YYYY|MM|DD)([/.-])(YYYY|MM|DD)\2(YYYY|MM|DD)$/;
/** @type {Record<string, Part>} */
const PARTS = { YYYY: "year", MM: "month", DD: "day" };

/** @type {WeakMap<HTMLElement, string | null>} the value each widget last showed or sent */
const last = new WeakMap();
/** @type {WeakSet<HTMLElement>} widgets the user has left or confirmed once: only they show a missing value */
const touched = new WeakSet();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = /** @type {HTMLInputElement} */ (h("input", "input datetime-text"));
  input.type = "text";
  input.autocomplete = "off";
  input.spellcheck = false;
  input.inputMode = "numeric";
  input.setAttribute("aria-keyshortcuts", "Alt+ArrowDown ArrowUp ArrowDown");
  const open = h("button", "datetime-open");
  open.setAttribute("type", "button");
  open.setAttribute("aria-label", "Choose date and time");
  open.append(iconNode(":material/calendar_month:"));
  // The browser's own picker, opened by the button: never focused nor read by assistive technology itself (the text
  // field and the button are the widget), placed under the field so that its popup opens there.
  const picker = /** @type {HTMLInputElement} */ (h("input", "datetime-picker"));
  picker.type = "datetime-local";
  picker.tabIndex = -1;
  picker.setAttribute("aria-hidden", "true");
  const box = h("div", "datetime-input");
  box.append(input, open, picker);
  const node = frame(input);
  node.append(box);

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @param {boolean} settle  the user is done (Enter, focus left, a pick): put back what cannot be sent */
  const send = (settle) => {
    clearTimeout(timer);
    if (settle) touched.add(node);
    const el = /** @type {Elem} */ (current.get(node));
    const value = read(input, el);
    if (value === undefined) {
      if (settle && !(el.props.required && input.value.trim() === "")) input.value = shown(last.get(node) ?? null, el);
      mark(node, input, el);
      return;
    }
    input.value = shown(value, el);
    mark(node, input, el);
    if (value === last.get(node)) return;
    last.set(node, value);
    commit(node, el, ctx, value);
  };
  const later = () => {
    clearTimeout(timer);
    mark(node, input, /** @type {Elem} */ (current.get(node)), true);
    timer = setTimeout(() => send(false), PAUSE);
  };
  const choose = () => {
    const el = /** @type {Elem} */ (current.get(node));
    if (el.props.disabled) return;
    picker.value = read(input, el) ?? last.get(node) ?? "";
    try {
      picker.showPicker();
    } catch {
      picker.focus(); // a browser without showPicker, or without the user's gesture: its field takes the keys
    }
  };
  input.addEventListener("input", later);
  input.addEventListener("keydown", (event) => {
    const el = /** @type {Elem} */ (current.get(node));
    if (event.key === "Enter") send(true);
    else if (event.key === "ArrowDown" && event.altKey) {
      event.preventDefault();
      choose();
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      if (stepPart(input, el, event.key === "ArrowUp" ? 1 : -1)) later();
    }
  });
  open.addEventListener("click", choose);
  picker.addEventListener("change", () => {
    if (!picker.value) return;
    const el = /** @type {Elem} */ (current.get(node));
    input.value = shown(picker.value.slice(0, withSeconds(el) ? 19 : 16), el);
    send(true);
    input.focus();
  });
  box.addEventListener("focusout", (event) => {
    const to = /** @type {Node | null} */ (event.relatedTarget);
    if (!box.contains(to)) send(true);
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
  const props = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector(".datetime-text"));
  const open = /** @type {HTMLButtonElement} */ (node.querySelector(".datetime-open"));
  const picker = /** @type {HTMLInputElement} */ (node.querySelector(".datetime-picker"));
  setLabel(node, el, input);
  setWidth(node, props.width);
  input.placeholder = pattern(el);
  input.disabled = open.disabled = picker.disabled = !!props.disabled;
  input.required = !!props.required;
  input.setAttribute("aria-required", String(!!props.required));
  picker.min = props.min ?? "";
  picker.max = props.max ?? "";
  picker.step = String(props.step ?? 60);
  sync(node, el, (value) => {
    const wire = typeof value === "string" ? value : null;
    last.set(node, wire);
    input.value = shown(wire, el);
    mark(node, input, el);
  });
}

/** @param {Elem} el */
function withSeconds(el) {
  return Number(el.props.step ?? 60) % 60 !== 0;
}

/**
 * The date format's parts in order and its separator ("YYYY/MM/DD" when the prop is not one).
 * @param {Elem} el
 * @returns {{order: Part[], separator: string}}
 */
function dateFormat(el) {
  const found = DATE_FORMAT.exec(String(el.props.format ?? "")) ?? DATE_FORMAT.exec("YYYY/MM/DD");
  const [, a, separator, b, c] = /** @type {RegExpExecArray} */ (found);
  return { order: [PARTS[a], PARTS[b], PARTS[c]], separator };
}

/**
 * What the empty field shows: the format, with the time's ("YYYY/MM/DD HH:MM").
 * @param {Elem} el
 */
function pattern(el) {
  const { order, separator } = dateFormat(el);
  const names = { year: "YYYY", month: "MM", day: "DD" };
  return `${order.map((part) => names[/** @type {"year" | "month" | "day"} */ (part)]).join(separator)} HH:MM${
    withSeconds(el) ? ":SS" : ""}`;
}

/**
 * A wire value as the field shows it.
 * @param {string | null} wire
 * @param {Elem} el
 */
function shown(wire, el) {
  const moment = wire === null ? null : fromWire(wire);
  return moment === null ? "" : text(moment, el);
}

/**
 * @param {Moment} moment
 * @param {Elem} el
 */
function text(moment, el) {
  const { order, separator } = dateFormat(el);
  const date = order.map((part) => pad(moment[part], part === "year" ? 4 : 2)).join(separator);
  const time = `${pad(moment.hour, 2)}:${pad(moment.minute, 2)}${withSeconds(el) ? `:${pad(moment.second, 2)}` : ""}`;
  return `${date} ${time}`;
}

/**
 * @param {number} value
 * @param {number} width
 */
function pad(value, width) {
  return String(value).padStart(width, "0");
}

/** @param {string} wire "YYYY-MM-DDTHH:MM[:SS]" */
function fromWire(wire) {
  const found = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(wire);
  if (!found) return null;
  const [year, month, day, hour, minute, second] = found.slice(1).map((part) => Number(part ?? 0));
  return { year, month, day, hour, minute, second };
}

/**
 * @param {Moment} moment
 * @param {Elem} el
 */
function toWire(moment, el) {
  const date = `${pad(moment.year, 4)}-${pad(moment.month, 2)}-${pad(moment.day, 2)}`;
  return `${date}T${pad(moment.hour, 2)}:${pad(moment.minute, 2)}${withSeconds(el) ? `:${pad(moment.second, 2)}` : ""}`;
}

/**
 * The moment the field's text names, when it is complete and a real date and time; else null.
 * @param {string} value
 * @param {Elem} el
 * @returns {Moment | null}
 */
function parse(value, el) {
  const { order, separator } = dateFormat(el);
  const sep = `\\${separator}`;
  const date = order.map((part) => (part === "year" ? "(\\d{4})" : "(\\d{1,2})")).join(sep);
  const found = new RegExp(`^\\s*${date}\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*$`).exec(value);
  if (!found) return null;
  /** @type {Moment} */
  const moment = { year: 0, month: 0, day: 0, hour: Number(found[4]), minute: Number(found[5]),
    second: Number(found[6] ?? 0) };
  order.forEach((part, i) => (moment[part] = Number(found[i + 1])));
  const check = new Date(Date.UTC(2000, moment.month - 1, moment.day));
  check.setUTCFullYear(moment.year);
  const real = check.getUTCFullYear() === moment.year && check.getUTCMonth() === moment.month - 1 &&
    check.getUTCDate() === moment.day;
  return real && moment.hour < 24 && moment.minute < 60 && moment.second < 60 ? moment : null;
}

/**
 * Whether `wire` lies within the widget's bounds (wire values compare as text once both have seconds).
 * @param {string} wire
 * @param {Elem} el
 */
function inBounds(wire, el) {
  /** @param {string} value */
  const full = (value) => (value.length === 16 ? `${value}:00` : value);
  const { min, max } = el.props;
  return !(min && full(wire) < full(min)) && !(max && full(wire) > full(max));
}

/**
 * The value to send, or undefined when the field holds a moment half typed, not real or out of bounds, or nothing
 * where emptying is not allowed.
 * @param {HTMLInputElement} input
 * @param {Elem} el
 * @returns {string | null | undefined}
 */
function read(input, el) {
  if (input.value.trim() === "") return el.props.clearable ? null : undefined;
  const moment = parse(input.value, el);
  if (moment === null) return undefined;
  const wire = toWire(moment, el);
  return inBounds(wire, el) ? wire : undefined;
}

/**
 * Step the part of the moment under the caret by `direction` (the minutes and seconds by the widget's step), kept
 * within bounds; an empty field starts from its last value, or now. Whether the field changed.
 * @param {HTMLInputElement} input
 * @param {Elem} el
 * @param {number} direction
 */
function stepPart(input, el, direction) {
  if (el.props.disabled) return false;
  const caret = input.selectionStart ?? 0;
  let moment = parse(input.value, el);
  if (moment === null && input.value.trim() !== "") return false;
  if (moment === null) {
    const now = new Date();
    moment = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate(), hour: now.getHours(),
      minute: now.getMinutes(), second: 0 };
  }
  const part = partAt(input.value, caret, el);
  const step = Number(el.props.step ?? 60);
  const date = new Date(moment.year, moment.month - 1, moment.day, moment.hour, moment.minute, moment.second);
  date.setFullYear(moment.year);
  if (part === "year") date.setFullYear(date.getFullYear() + direction);
  else if (part === "month") date.setMonth(date.getMonth() + direction);
  else if (part === "day") date.setDate(date.getDate() + direction);
  else if (part === "hour") date.setHours(date.getHours() + direction);
  else if (part === "minute") date.setMinutes(date.getMinutes() + direction * Math.max(1, Math.floor(step / 60)));
  else date.setSeconds(date.getSeconds() + direction * (step % 60 || 1));
  /** @type {Moment} */
  const next = { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hour: date.getHours(),
    minute: date.getMinutes(), second: date.getSeconds() };
  let wire = toWire(next, el);
  if (!inBounds(wire, el)) wire = direction > 0 ? String(el.props.max) : String(el.props.min);
  const value = shown(wire, el);
  if (value === input.value) return false;
  input.value = value;
  const [start, end] = spanOf(part, el);
  input.setSelectionRange(start, end);
  return true;
}

/**
 * The part of the shown text at `caret` (the field shows a fixed layout once complete).
 * @param {string} value
 * @param {number} caret
 * @param {Elem} el
 * @returns {Part}
 */
function partAt(value, caret, el) {
  /** @type {Part[]} */
  const parts = [...dateFormat(el).order, "hour", "minute", "second"];
  for (const part of parts) {
    const [, end] = spanOf(part, el);
    if (caret <= end) return part;
  }
  return withSeconds(el) ? "second" : "minute";
}

/**
 * Where `part` stands in the shown text.
 * @param {Part} part
 * @param {Elem} el
 * @returns {[number, number]}
 */
function spanOf(part, el) {
  let at = 0;
  /** @type {Part[]} */
  const parts = [...dateFormat(el).order, "hour", "minute", "second"];
  for (const each of parts) {
    const width = each === "year" ? 4 : 2;
    if (each === part) return [at, at + width];
    at += width + 1;
  }
  return [at, at];
}

/**
 * Mark the field invalid while it holds what cannot be sent: a moment not real or out of bounds once complete (or
 * half typed once the user is done), or nothing where a value is required.
 * @param {HTMLElement} node
 * @param {HTMLInputElement} input
 * @param {Elem} el
 * @param {boolean} [typing]  the user is still typing: a moment half typed is not marked yet
 */
function mark(node, input, el, typing = false) {
  const empty = input.value.trim() === "";
  const missing = !!el.props.required && touched.has(node) && empty;
  const complete = parse(input.value, el) !== null || !typing;
  const bad = !empty && complete && read(input, el) === undefined;
  if (bad || missing) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}
