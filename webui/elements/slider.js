// A slider over numbers, dates, times or datetimes, or over `options` for select_slider (which re-exports this
// module). A [low, high] value gets two thumbs: two native range inputs laid over one track, so the keyboard moves
// them as it moves any range input (arrows by `step`). Sends on release (the inputs' change event).
//
// Dates, times and datetimes travel as whole numbers (`dtype` says which): days since 1970-01-01, microseconds since
// midnight, microseconds since 1970-01-01 00:00 of the wall-clock time. They are shown with `format`, moment.js
// tokens as Streamlit takes them ("YYYY-MM-DD", "MM/DD/YY - hh:mm", "HH:mm"...) or "localized", "iso8601",
// "distance", "calendar"; names of months and days are English, as moment's by default. As Streamlit's page, the
// wall-clock time is read as a UTC instant: tokens, "distance" and "calendar" come out the same in every time zone,
// "localized" shows that instant in the browser's zone. Numbers are shown with
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
 * A value from the script off its step's grid (14:07 with a 15-minute step), which a range input rounds to the grid:
 * shown as it is, as Streamlit's slider shows it, until the person moves that thumb.
 * @type {WeakMap<HTMLInputElement, number>}
 */
const offGrid = new WeakMap();

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
    offGrid.delete(/** @type {HTMLInputElement} */ (event.target));
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
    for (const [input, wanted] of /** @type {[HTMLInputElement, number][]} */ ([[low, a], [high, b]])) {
      if (typeof wanted === "number" && +input.value !== wanted) offGrid.set(input, wanted);
      else offGrid.delete(input);
    }
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
  const valueOf = (/** @type {HTMLInputElement} */ input) => offGrid.get(input) ?? +input.value;
  const at = (/** @type {HTMLInputElement} */ input) => Math.min(1, Math.max(0, (valueOf(input) - +low.min) / span));
  const range = !high.hidden;
  node.style.setProperty("--lo", String(range ? at(low) : 0));
  node.style.setProperty("--hi", String(range ? at(high) : at(low)));
  const bubbles = /** @type {HTMLElement[]} */ ([...node.querySelectorAll(".slider-bubble")]);
  inputs.forEach((input, i) => {
    const text = show(el, valueOf(input));
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
// moment's own patterns: its English locale's long formats (`L`, `LL`... `l`, `ll`...), expanded before the tokens,
// and the tokens themselves, each with a `[literal]` or a `\`-escaped character left as written.
const LONG_TOKENS = /(\[[^[]*\])|(\\)?(LTS|LT|LL?L?L?|l{1,4})/g;
const LONG_FORMATS = /** @type {Record<string, string>} */ ({
  LTS: "h:mm:ss A", LT: "h:mm A", L: "MM/DD/YYYY", LL: "MMMM D, YYYY", LLL: "MMMM D, YYYY h:mm A",
  LLLL: "dddd, MMMM D, YYYY h:mm A", l: "M/D/YYYY", ll: "MMM D, YYYY", lll: "MMM D, YYYY h:mm A",
  llll: "ddd, MMM D, YYYY h:mm A",
});
const TOKENS = new RegExp(
  "(\\[[^[]*\\])|(\\\\)?([Hh]mm(ss)?|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?|w[o|w]?|W[o|W]?|Qo?|N{1,5}|YYYYYY|" +
    "YYYYY|YYYY|YY|y{2,4}|yo?|gg(ggg?)?|GG(GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?|S{1,9}|x|X|zz?|ZZ?|.)",
  "g",
);
const MS_PER_DAY = 86_400_000;

/** Where Streamlit puts a time slider's times: on 2000-01-01 (its slider.py `_time_to_datetime`). */
const TIME_BASE_MS = Date.UTC(2000, 0, 1);

/**
 * A wire number of a date, time or datetime slider as a Date whose UTC fields are the wall-clock ones: the instant
 * Streamlit's page makes of it (`moment.utc`), a time on 2000-01-01 as Streamlit's server sends it.
 * @param {number} value
 * @param {string} dtype
 */
function wallClock(value, dtype) {
  if (dtype === "date") return new Date(value * MS_PER_DAY);
  return new Date((dtype === "time" ? TIME_BASE_MS : 0) + Math.floor(value / 1000));
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
  if (fmt === "iso8601") {
    if (dtype === "date") return momentFormat(d, "YYYY-MM-DD");
    return dtype === "time" ? momentFormat(d, "HH:mm:ss.SSS[Z]") : d.toISOString();
  }
  if (fmt === "localized") {
    // Streamlit's: the medium date and time styles in the browser's languages and time zone, of the instant that
    // reads the wall-clock time as UTC (so 14:07 shows as 3:07 PM in Berlin in winter, as Streamlit's page shows it).
    const options = /** @type {Intl.DateTimeFormatOptions} */ ({});
    if (dtype !== "time") options.dateStyle = "medium";
    if (dtype !== "date") options.timeStyle = "medium";
    try {
      return new Intl.DateTimeFormat(navigator.languages, options).format(d);
    } catch (err) {
      if (err instanceof RangeError) return new Intl.DateTimeFormat(undefined, options).format(d);
      throw err;
    }
  }
  if (fmt === "distance") return fromNow(d);
  if (fmt === "calendar") return calendar(d);
  return momentFormat(d, fmt || (dtype === "time" ? "HH:mm" : "YYYY-MM-DD"));
}

/**
 * `fmt` with moment's English long formats (`L`, `LL`, `LT`...) written out, as its `expandFormat` does.
 * @param {string} fmt
 */
function expandLong(fmt) {
  let out = fmt;
  for (let i = 0; i < 5 && new RegExp(LONG_TOKENS.source).test(out); i++) {
    out = out.replace(LONG_TOKENS, (match) => LONG_FORMATS[match] ?? match);
  }
  return out;
}

/**
 * `d` (its UTC fields) in a moment.js format: its tokens, `[literal]` text and `\`-escaped characters.
 * @param {Date} d
 * @param {string} fmt
 */
function momentFormat(d, fmt) {
  return expandLong(fmt).replace(TOKENS, (match, literal, escape, token) => {
    if (literal !== undefined) return literal.slice(1, -1);
    if (escape !== undefined) return match.slice(1);
    return part(d, token) ?? token;
  });
}

/**
 * One moment.js token of `d` (its UTC fields), in its English locale; undefined for a character that is no token.
 * @param {Date} d
 * @param {string} token
 * @returns {string | undefined}
 */
function part(d, token) {
  const pad = (/** @type {number} */ n, /** @type {number} */ width) => String(n).padStart(width, "0");
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  const day = d.getUTCDate();
  const weekday = d.getUTCDay();
  const hours = d.getUTCHours();
  const twelve = hours % 12 || 12;
  const minutes = d.getUTCMinutes();
  const seconds = d.getUTCSeconds();
  const millis = d.getUTCMilliseconds();
  const dayOfYear = dayOfYearOf(d);
  const local = () => weekOfYear(d, 0, 6); // English weeks: from Sunday, the week of January 1st is the first
  const iso = () => weekOfYear(d, 1, 4);
  if (/^S+$/.test(token)) return pad(millis, 3).padEnd(token.length, "0").slice(0, token.length);
  if (/^N{1,5}$/.test(token)) {
    if (token === "NNNN") return year > 0 ? "Anno Domini" : "Before Christ";
    return year > 0 ? "AD" : "BC";
  }
  switch (token) {
    case "YYYYYY": return (year < 0 ? "-" : "+") + pad(Math.abs(year), 6);
    case "YYYYY": return pad(year, 5);
    case "YYYY": return pad(year, 4);
    case "Y": return year <= 9999 ? pad(year, 4) : `+${year}`;
    case "YY": return pad(year % 100, 2);
    case "y": return String(year);
    case "yy": return pad(year % 100, 2);
    case "yyy": return pad(year, 3);
    case "yyyy": return pad(year, 4);
    case "yo": return `${year}${ordinal(year)}`;
    case "Q": return String(Math.floor(month / 3) + 1);
    case "Qo": return `${Math.floor(month / 3) + 1}${ordinal(Math.floor(month / 3) + 1)}`;
    case "MMMM": return MONTHS[month];
    case "MMM": return MONTHS[month].slice(0, 3);
    case "MM": return pad(month + 1, 2);
    case "M": return String(month + 1);
    case "Mo": return `${month + 1}${ordinal(month + 1)}`;
    case "DDDD": return pad(dayOfYear, 3);
    case "DDD": return String(dayOfYear);
    case "DDDo": return `${dayOfYear}${ordinal(dayOfYear)}`;
    case "DD": return pad(day, 2);
    case "D": return String(day);
    case "Do": return `${day}${ordinal(day)}`;
    case "dddd": return DAYS[weekday];
    case "ddd": return DAYS[weekday].slice(0, 3);
    case "dd": return DAYS[weekday].slice(0, 2);
    case "d": case "e": return String(weekday);
    case "do": return `${weekday}${ordinal(weekday)}`;
    case "E": return String(weekday || 7);
    case "w": return String(local().week);
    case "ww": return pad(local().week, 2);
    case "wo": return `${local().week}${ordinal(local().week)}`;
    case "W": return String(iso().week);
    case "WW": return pad(iso().week, 2);
    case "Wo": return `${iso().week}${ordinal(iso().week)}`;
    case "gg": return pad(local().year % 100, 2);
    case "gggg": return pad(local().year, 4);
    case "ggggg": return pad(local().year, 5);
    case "GG": return pad(iso().year % 100, 2);
    case "GGGG": return pad(iso().year, 4);
    case "GGGGG": return pad(iso().year, 5);
    case "HH": return pad(hours, 2);
    case "H": return String(hours);
    case "hh": return pad(twelve, 2);
    case "h": return String(twelve);
    case "kk": return pad(hours || 24, 2);
    case "k": return String(hours || 24);
    case "hmm": return `${twelve}${pad(minutes, 2)}`;
    case "hmmss": return `${twelve}${pad(minutes, 2)}${pad(seconds, 2)}`;
    case "Hmm": return `${hours}${pad(minutes, 2)}`;
    case "Hmmss": return `${hours}${pad(minutes, 2)}${pad(seconds, 2)}`;
    case "mm": return pad(minutes, 2);
    case "m": return String(minutes);
    case "ss": return pad(seconds, 2);
    case "s": return String(seconds);
    case "A": return hours < 12 ? "AM" : "PM";
    case "a": return hours < 12 ? "am" : "pm";
    case "Z": return "+00:00";
    case "ZZ": return "+0000";
    case "z": case "zz": return "UTC";
    case "X": return String(Math.floor(d.getTime() / 1000));
    case "x": return String(d.getTime());
    default: return undefined;
  }
}

/**
 * The week of `d` and the year it belongs to, as moment's `weekOfYear`: weeks start on `dow` (0 Sunday) and the
 * first holds January's day `7 + dow - doy`.
 * @param {Date} d
 * @param {number} dow
 * @param {number} doy
 */
function weekOfYear(d, dow, doy) {
  const offset = (/** @type {number} */ year) => {
    const first = 7 + dow - doy;
    return -((7 + utcDay(year, 0, first).getUTCDay() - dow) % 7) + first - 1;
  };
  const weeksIn = (/** @type {number} */ year) => {
    const days = (utcDay(year + 1, 0, 1).getTime() - utcDay(year, 0, 1).getTime()) / MS_PER_DAY;
    return (days - offset(year) + offset(year + 1)) / 7;
  };
  const year = d.getUTCFullYear();
  const week = Math.floor((dayOfYearOf(d) - offset(year) - 1) / 7) + 1;
  if (week < 1) return { week: week + weeksIn(year - 1), year: year - 1 };
  if (week > weeksIn(year)) return { week: week - weeksIn(year), year: year + 1 };
  return { week, year };
}

/**
 * Midnight UTC of a day (any year, 1 to 99 included, which `Date.UTC` would read as 19xx).
 * @param {number} year
 * @param {number} month
 * @param {number} day
 */
function utcDay(year, month, day) {
  const d = new Date(0);
  d.setUTCFullYear(year, month, day);
  return d;
}

/** @param {Date} d  1 for January 1st */
function dayOfYearOf(d) {
  const year = d.getUTCFullYear();
  const since = utcDay(year, d.getUTCMonth(), d.getUTCDate()).getTime() - utcDay(year, 0, 1).getTime();
  return Math.round(since / MS_PER_DAY) + 1;
}

/** @param {number} n */
function ordinal(n) {
  if (n % 100 >= 11 && n % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][n % 10] ?? "th";
}

/**
 * "calendar", as moment's `calendar()` over a UTC moment (Streamlit's slider makes `moment.utc(value)`): the day is
 * told from today's date in UTC, not in the browser's zone, and the time is the wall-clock one ("Today at 2:07 PM",
 * "Last Saturday at 11:30 PM", else the date in `L`).
 * @param {Date} d  its UTC fields are the wall-clock ones
 */
function calendar(d) {
  const today = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
  const days = (d.getTime() - today) / MS_PER_DAY;
  const fmt = days < -6 ? "L" : days < -1 ? "[Last] dddd [at] LT" : days < 0 ? "[Yesterday at] LT" :
    days < 1 ? "[Today at] LT" : days < 2 ? "[Tomorrow at] LT" : days < 7 ? "dddd [at] LT" : "L";
  return momentFormat(d, fmt);
}

/** moment's English relative times and its default thresholds (`relativeTimeThreshold`). */
const RELATIVE = /** @type {Record<string, string>} */ ({
  s: "a few seconds", ss: "%d seconds", m: "a minute", mm: "%d minutes", h: "an hour", hh: "%d hours", d: "a day",
  dd: "%d days", M: "a month", MM: "%d months", y: "a year", yy: "%d years",
});
const DAYS_PER_400_YEARS = 146_097;

/**
 * `d` plus `months` in the browser's zone, as moment's `add(n, "M")` on a local moment: the day of the month kept,
 * or the month's last.
 * @param {Date} d
 * @param {number} months
 */
function addMonths(d, months) {
  const out = new Date(d.getTime());
  const day = out.getDate();
  out.setDate(1);
  out.setMonth(out.getMonth() + months);
  out.setDate(Math.min(day, new Date(out.getFullYear(), out.getMonth() + 1, 0).getDate()));
  return out;
}

/**
 * "distance", as moment's `fromNow()`: the time between the instant (the wall-clock time read as UTC, as Streamlit's
 * `moment.utc`) and now, as moment's duration (whole months, counted in the browser's zone, then the milliseconds
 * left) says it in English ("a few seconds ago", "in an hour", "3 days ago", "in a month", "2 years ago").
 * @param {Date} d
 */
function fromNow(d) {
  const now = new Date();
  const later = d.getTime() > now.getTime();
  const [base, other] = later ? [now, d] : [d, now];
  let months = other.getMonth() - base.getMonth() + (other.getFullYear() - base.getFullYear()) * 12;
  if (addMonths(base, months).getTime() > other.getTime()) months--;
  const ms = other.getTime() - addMonths(base, months).getTime();
  const days = Math.round((months * DAYS_PER_400_YEARS) / 4800);
  const seconds = Math.round(days * 86_400 + ms / 1000);
  const minutes = Math.round(days * 1440 + ms / 60_000);
  const hours = Math.round(days * 24 + ms / 3_600_000);
  const wholeDays = Math.round(days + ms / MS_PER_DAY);
  const inMonths = months + ((ms / MS_PER_DAY) * 4800) / DAYS_PER_400_YEARS;
  const [key, n] =
    seconds <= 44 ? ["s", seconds] : seconds < 45 ? ["ss", seconds] : minutes <= 1 ? ["m", 1] :
    minutes < 45 ? ["mm", minutes] : hours <= 1 ? ["h", 1] : hours < 22 ? ["hh", hours] :
    wholeDays <= 1 ? ["d", 1] : wholeDays < 26 ? ["dd", wholeDays] : Math.round(inMonths) <= 1 ? ["M", 1] :
    Math.round(inMonths) < 11 ? ["MM", Math.round(inMonths)] : Math.round(inMonths / 12) <= 1 ? ["y", 1] :
    ["yy", Math.round(inMonths / 12)];
  const text = RELATIVE[key].replace("%d", String(n));
  return later ? `in ${text}` : `${text} ago`;
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
