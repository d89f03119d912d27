// A slider over numbers, dates, times or datetimes, or over `options` for select_slider (which re-exports this
// module). A [low, high] value gets two thumbs: two native range inputs laid over one track, so the keyboard moves
// them as it moves any range input (arrows by `step`). Sends on release (the inputs' change event).
//
// Dates, times and datetimes travel as whole numbers (`dtype` says which): days since 1970-01-01, microseconds since
// midnight, microseconds since 1970-01-01 00:00 of the wall-clock time. They are shown with `format`, moment.js
// tokens as Streamlit takes them ("YYYY-MM-DD", "MM/DD/YY - hh:mm", "HH:mm"...) or "localized", "iso8601",
// "distance", "calendar"; names of months and days are English, as moment's by default. Numbers are shown with
// `format` as Streamlit's frontend shows them: printf-style ("%d%%", "%.1f"; "%d" or "%0.2f" when the script gave
// none, Streamlit's defaults) or a named format ("percent", "dollar", "compact"...: `formatNamed`, a port of its
// frontend's `formatNumber`).
import {
  commit, current, format as printf, frame, h, setInvalid, setLabel, setWidth, sync, uid,
} from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * `dtype` is "int", "float", "date", "time" or "datetime"; `min`, `max`, `step` and the value are in its wire unit.
 * @typedef {WidgetProps<number | number[]> & {min: number, max: number, step: number, format: string | null,
 *   format_error?: string | null, dtype: string, width: string | number}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/slider.py's DEFAULTS). */
export const defaults = {"format": null, "format_error": null, "width": "stretch"};

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const low = thumb();
  const node = frame(low);
  const box = h("div", "slider");
  const track = h("div", "slider-track");
  track.append(h("div", "slider-fill"));
  const bubbles = h("div", "slider-bubbles");
  bubbles.setAttribute("aria-hidden", "true");
  bubbles.append(h("span", "slider-bubble"), h("span", "slider-bubble"));
  const ends = h("div", "slider-ends");
  ends.setAttribute("aria-hidden", "true");
  ends.append(h("span"), h("span"));
  const high = thumb();
  high.id = uid();
  const highLabel = h("label", "visually-hidden");
  highLabel.htmlFor = high.id;
  box.append(bubbles, track, low, high, highLabel, ends);
  node.append(box);
  box.addEventListener("input", (event) => {
    const inputs = inputsOf(node);
    const [a, b] = inputs;
    if (!b.hidden && +a.value > +b.value) (event.target === a ? a : b).value = event.target === a ? b.value : a.value;
    paint(node);
  });
  box.addEventListener("change", () => commit(node, /** @type {Elem} */ (current.get(node)), ctx, read(node)));
  update(node, el);
  return node;
}

function thumb() {
  const input = h("input", "slider-input");
  input.type = "range";
  return input;
}

/** @param {HTMLElement} node */
function inputsOf(node) {
  return /** @type {HTMLInputElement[]} */ ([...node.querySelectorAll(".slider-input")]);
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setWidth(node, el.props.width);
  const p = el.props;
  const [low, high] = inputsOf(node);
  const options = el.kind === "select_slider" ? p.options ?? [] : null;
  const min = options ? 0 : p.min;
  const max = options ? Math.max(options.length - 1, 0) : p.max;
  const step = options ? 1 : p.step ?? (p.dtype === "int" ? 1 : "any");
  const range = Array.isArray(p.value);
  setLabel(node, el, low);
  for (const input of [low, high]) Object.assign(input, { min: String(min), max: String(max), step: String(step) });
  for (const input of [low, high]) input.disabled = !!p.disabled;
  high.hidden = !range;
  node.classList.toggle("range", range);
  high.setAttribute("aria-label", `${p.label ?? ""} (upper end)`);
  /** @type {HTMLElement} */ (high.nextElementSibling).textContent = `${p.label ?? ""} (upper end)`;
  if (range) low.setAttribute("aria-label", `${p.label ?? ""} (lower end)`);
  const [start, end] = /** @type {HTMLElement[]} */ ([...node.querySelectorAll(".slider-ends > span")]);
  start.textContent = show(el, min);
  end.textContent = show(el, max);
  setInvalid(node, low, p.format_error ?? null); // a format sprintf.js cannot read: said where Streamlit's page fails
  sync(node, el, (value) => {
    const [a, b] = Array.isArray(value) ? value : [value, value];
    low.value = String(a);
    high.value = String(b);
  });
  paint(node);
}

/**
 * The text for a value: the option's label, or the number in the widget's format.
 * @param {Elem} el
 * @param {number} value
 */
function show(el, value) {
  if (el.kind === "select_slider") return String(el.props.options?.[value] ?? "");
  const dtype = el.props.dtype;
  if (dtype === "date" || dtype === "time" || dtype === "datetime") return showMoment(el.props.format, value, dtype);
  return formatNamed(value, el.props.format ?? (dtype === "int" ? "%d" : "%0.2f"), dtype);
}

/** @param {HTMLElement} node */
function read(node) {
  const el = /** @type {Elem} */ (current.get(node));
  const parse = (/** @type {HTMLInputElement} */ input) => {
    const n = Number(input.value);
    return el.props.dtype === "float" ? n : Math.round(n);
  };
  const [low, high] = inputsOf(node);
  return high.hidden ? parse(low) : [parse(low), parse(high)];
}

/** Move the fill and the value bubbles to where the thumbs are. */
/** @param {HTMLElement} node */
function paint(node) {
  const el = /** @type {Elem} */ (current.get(node));
  const inputs = inputsOf(node);
  const [low, high] = inputs;
  const span = +low.max - +low.min || 1;
  const at = (/** @type {HTMLInputElement} */ input) => Math.min(1, Math.max(0, (+input.value - +low.min) / span));
  const range = !high.hidden;
  node.style.setProperty("--lo", String(range ? at(low) : 0));
  node.style.setProperty("--hi", String(range ? at(high) : at(low)));
  const bubbles = /** @type {HTMLElement[]} */ ([...node.querySelectorAll(".slider-bubble")]);
  inputs.forEach((input, i) => {
    const text = show(el, +input.value);
    input.setAttribute("aria-valuetext", text);
    bubbles[i].textContent = text;
    bubbles[i].style.setProperty("--at", String(at(input)));
    bubbles[i].hidden = i === 1 && !range;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Dates and times, shown as moment.js would.
// ---------------------------------------------------------------------------------------------------------------

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a/g;
const MS_PER_DAY = 86_400_000;

/**
 * A wire number of a date, time or datetime slider as a Date whose UTC fields are the wall-clock ones.
 * @param {number} value
 * @param {string} dtype
 */
function wallClock(value, dtype) {
  return new Date(dtype === "date" ? value * MS_PER_DAY : Math.floor(value / 1000));
}

/**
 * A date, time or datetime (its wire number) in a moment.js `fmt`.
 * @param {string | null | undefined} fmt
 * @param {number} value
 * @param {string} dtype  "date", "time" or "datetime"
 */
function showMoment(fmt, value, dtype) {
  const d = wallClock(value, dtype);
  if (Number.isNaN(d.getTime())) return String(value);
  const iso = d.toISOString();
  const isoDate = iso.slice(0, 10);
  const isoTime = iso.slice(11, 19);
  if (fmt === "iso8601") return dtype === "date" ? isoDate : dtype === "time" ? isoTime : `${isoDate}T${isoTime}`;
  if (fmt === "localized") {
    const options = /** @type {Intl.DateTimeFormatOptions} */ ({ timeZone: "UTC" });
    if (dtype !== "time") Object.assign(options, { year: "numeric", month: "short", day: "numeric" });
    if (dtype !== "date") Object.assign(options, { hour: "numeric", minute: "2-digit" });
    return d.toLocaleString(undefined, options);
  }
  if (fmt === "distance" || fmt === "calendar") return relative(d, dtype, fmt);
  return (fmt || (dtype === "time" ? "HH:mm" : "YYYY-MM-DD")).replace(TOKENS, (token, literal) => {
    if (literal !== undefined) return literal;
    return part(d, token);
  });
}

/**
 * One moment.js token of `d` (its UTC fields).
 * @param {Date} d
 * @param {string} token
 */
function part(d, token) {
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  const hours = d.getUTCHours();
  const twelve = hours % 12 || 12;
  const day = d.getUTCDate();
  switch (token) {
    case "YYYY": return String(d.getUTCFullYear()).padStart(4, "0");
    case "YY": return two(d.getUTCFullYear() % 100);
    case "MMMM": return MONTHS[d.getUTCMonth()];
    case "MMM": return MONTHS[d.getUTCMonth()].slice(0, 3);
    case "MM": return two(d.getUTCMonth() + 1);
    case "M": return String(d.getUTCMonth() + 1);
    case "Do": return `${day}${ordinal(day)}`;
    case "DD": return two(day);
    case "D": return String(day);
    case "dddd": return DAYS[d.getUTCDay()];
    case "ddd": return DAYS[d.getUTCDay()].slice(0, 3);
    case "HH": return two(hours);
    case "H": return String(hours);
    case "hh": return two(twelve);
    case "h": return String(twelve);
    case "mm": return two(d.getUTCMinutes());
    case "m": return String(d.getUTCMinutes());
    case "ss": return two(d.getUTCSeconds());
    case "s": return String(d.getUTCSeconds());
    case "SSS": return String(d.getUTCMilliseconds()).padStart(3, "0");
    case "A": return hours < 12 ? "AM" : "PM";
    default: return hours < 12 ? "am" : "pm";
  }
}

/** @param {number} n */
function ordinal(n) {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}

/**
 * "distance" ("in 3 days", "2 hours ago") or "calendar" ("Today at 09:30", "Yesterday", else the date), from now in
 * the user's own time zone (the wall-clock time is read as local time there).
 * @param {Date} d
 * @param {string} dtype
 * @param {string} fmt
 */
function relative(d, dtype, fmt) {
  const now = new Date();
  const base =
    dtype === "time"
      ? [now.getFullYear(), now.getMonth(), now.getDate()]
      : [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  const local = new Date(base[0], base[1], base[2], d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  if (fmt === "calendar") {
    const today = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    const days = Math.round((new Date(base[0], base[1], base[2]).getTime() - today) / MS_PER_DAY);
    const names = /** @type {Record<string, string>} */ ({ "-1": "Yesterday", 0: "Today", 1: "Tomorrow" });
    const name = names[String(days)];
    if (name === undefined) return part(d, "MM") + "/" + part(d, "DD") + "/" + part(d, "YYYY");
    return dtype === "date" ? name : `${name} at ${part(d, "h")}:${part(d, "mm")} ${part(d, "A")}`;
  }
  const seconds = (local.getTime() - now.getTime()) / 1000;
  const units = /** @type {[Intl.RelativeTimeFormatUnit, number][]} */ ([
    ["year", 31_536_000], ["month", 2_592_000], ["day", 86_400], ["hour", 3_600], ["minute", 60], ["second", 1],
  ]);
  const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? ["second", 1];
  return new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(Math.round(seconds / size), unit);
}

// ---- Numbers in Streamlit's named formats ------------------------------------------------------------------

/**
 * `Intl.NumberFormat` in the browser's languages (the default locale when they name none it knows).
 * @param {number} value
 * @param {Intl.NumberFormatOptions} options
 */
function intl(value, options) {
  try {
    return new Intl.NumberFormat(navigator.languages, options).format(value);
  } catch (err) {
    if (err instanceof RangeError) return new Intl.NumberFormat(undefined, options).format(value);
    throw err;
  }
}

/**
 * `value` in `fmt` as Streamlit's `formatNumber` writes a slider's value: one of its names ("plain", "localized",
 * "percent", "dollar", "euro", "yen", "compact", "scientific", "engineering", "accounting", "bytes"), or printf-style.
 * The locale-dependent ones use the browser's languages, as Streamlit's do; "plain" and "accounting" are the same
 * everywhere (numbro's en-US). Not finite: "".
 * @param {number} value
 * @param {string} fmt
 * @param {string} dtype  "int" or "float", for printf's default
 */
function formatNamed(value, fmt, dtype) {
  if (!Number.isFinite(value)) return "";
  switch (fmt) {
    case "plain":
      return plain(value);
    case "localized":
      return intl(value, {});
    case "percent":
      return intl(value, { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 2 });
    case "dollar":
    case "euro":
    case "yen": {
      const currency = fmt === "dollar" ? "USD" : fmt === "euro" ? "EUR" : "JPY";
      const digits = fmt === "yen" ? 0 : 2;
      return intl(value, {
        style: "currency", currency, currencyDisplay: "narrowSymbol", minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
    }
    case "compact":
    case "scientific":
    case "engineering":
      return intl(value, { notation: fmt });
    case "accounting": {
      const text = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })
        .format(Math.abs(value));
      return value < 0 ? `(${text})` : text;
    }
    case "bytes":
      return intl(value, { notation: "compact", style: "unit", unit: "byte", unitDisplay: "narrow",
        maximumFractionDigits: 1 }).replace("BB", "GB");
    default:
      return printf(fmt, value, dtype);
  }
}

/**
 * The whole number, no grouping, no exponent (numbro's 20 trimmed decimals): 1234.567 -> "1234.567".
 * @param {number} value
 */
function plain(value) {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(Math.abs(value) >= 1 ? 0 : 20).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}
