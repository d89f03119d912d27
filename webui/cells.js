// The cells of data frames, shared by dataframe.js and table.js: a wire value shown as its column shows it (numbers
// and dates formatted, booleans as check boxes, links, images, progress bars, chips, SVG sparklines, Markdown the
// server rendered, audio and video players, buttons). Styles come with this module (cells.css). A column is described
// by the server (core/elements/_frames.py): `dtype` is the data's type, `type` the column_config type (or null),
// `config` its options (`format`, `min_value`, `display_text`, `button_type`, `widget`...).

import { durationFormat, durationSeconds, formatDuration } from "porch/durations.js";
import { chip, optionOf, optionsOf } from "porch/options.js";
import { format as printf, h, setHtml, setLabelText } from "porch/widget.js";
import { inZone } from "porch/zones.js";

/**
 * @typedef {{label: string, key: string | null, dtype: string, type: string | null, index: boolean, width: number,
 *   help: string | null, pinned: boolean, align: string | null, config: Record<string, any>}} FrameColumn
 */

/**
 * What a cell may show beyond its value: `html`, the server's rendering of a Markdown column's cell (a window's
 * `html`); and for a button column's clicks, `pos` (the row's position in the data) and `ctx` (to send them).
 * @typedef {{html?: string | null, pos?: number, ctx?: import("porch/tree.js").Ctx}} CellExtra
 */

const SVG = "http://www.w3.org/2000/svg";
const NUMERIC = new Set(["int", "float", "decimal"]);
const TEMPORAL = new Set(["datetime", "date", "time"]);

/**
 * Whether a column's cells are numbers, which line up on the right (durations in words line up on the left, as
 * Streamlit's).
 * @param {FrameColumn} column
 */
export function numeric(column) {
  if (durationFormat(column) === "duration") return false;
  return column.type === "number" || column.type === "progress" || (!column.type && NUMERIC.has(column.dtype));
}

/**
 * Fill `cell` with `value` as `column` shows it. `text` is the server's display text for it (a pandas Styler's
 * format) or null; `css` its Styler style or null (the server keeps only plain colours and weights); `placeholder` what
 * a missing value shows (null: "None", as Streamlit's grid shows it).
 * @param {HTMLElement} cell
 * @param {unknown} value
 * @param {FrameColumn} column
 * @param {string | null | undefined} text
 * @param {string | null | undefined} css
 * @param {string | null | undefined} placeholder
 * @param {number} [height]  the row's height, for drawn cells
 * @param {CellExtra} [extra]
 */
export function fill(cell, value, column, text, css, placeholder, height = 35, extra = {}) {
  placeholder ??= "None";
  cell.replaceChildren();
  cell.classList.remove("cell-missing");
  // The cell's own layout (data-base: its width, where it is pinned) stays; a Styler's style goes after it.
  cell.style.cssText = `${cell.dataset.base ?? ""}${css ? `;${css}` : ""}`;
  const type = column.type ?? "";
  const config = column.config ?? {};
  if (value === null || value === undefined) {
    if (text) {
      cell.textContent = text;
      return;
    }
    cell.classList.add("cell-missing");
    cell.textContent = placeholder;
    return;
  }
  if (type === "checkbox" || (!type && column.dtype === "bool")) {
    const box = h("input", "cell-check");
    box.type = "checkbox";
    box.checked = value === true || value === "true";
    box.disabled = true;
    box.tabIndex = -1;
    box.setAttribute("aria-label", String(box.checked));
    cell.append(box);
    return;
  }
  if (type === "link") {
    cell.append(link(String(value), config.display_text));
    return;
  }
  if (type === "button") {
    const labels = (Array.isArray(value) ? value : [value]).filter((item) => item !== null).map(String);
    if (!labels.length) return;
    const row = h("span", "cell-buttons");
    row.dataset.align = column.align ?? "center"; // Streamlit centres a column's buttons unless told otherwise
    row.append(button(labels, config, extra));
    cell.append(row);
    return;
  }
  if (type === "markdown" && typeof extra.html === "string") {
    const body = h("div", "cell-markdown");
    setHtml(body, extra.html);
    cell.append(body);
    return;
  }
  if (type === "audio" || type === "video") {
    const url = mediaUrl(String(value));
    if (url) {
      cell.append(player(type, url, height));
      return;
    }
  }
  if (type === "image") {
    const url = imageUrl(String(value));
    if (url) {
      const img = h("img", "cell-image");
      img.src = url;
      img.alt = "";
      img.loading = "lazy";
      cell.append(img);
      return;
    }
  }
  if (type === "progress" && typeof value === "number") {
    cell.append(progress(value, column));
    return;
  }
  if ((type === "line_chart" || type === "bar_chart" || type === "area_chart") && Array.isArray(value)) {
    cell.append(sparkline(value, type, config, Math.max(20, (column.width || 150) - 22), Math.max(10, height - 12)));
    return;
  }
  if (Array.isArray(value) && (type === "list" || type === "multiselect" || (!type && column.dtype === "list"))) {
    // A multiselect's chips show their option's label and colour (format_func, color).
    const options = type === "multiselect" ? optionsOf(config.options) : [];
    for (const item of value) {
      const option = item === null ? undefined : optionOf(options, item, true);
      cell.append(chip(item === null ? placeholder : option ? option.label : String(item), option?.color));
    }
    return;
  }
  if (type === "selectbox" && value !== null) {
    const option = optionOf(optionsOf(config.options), value);
    if (option) {
      cell.textContent = option.label; // format_func's label; the value stays the option
      return;
    }
  }
  if (text && !config.format) {
    cell.textContent = text;
    return;
  }
  cell.textContent = show(value, column);
}

/**
 * A value as text, formatted for its column (numbers, dates and times; lists and objects as JSON).
 * @param {unknown} value
 * @param {FrameColumn} column
 */
export function show(value, column) {
  const config = column.config ?? {};
  const type = column.type ?? "";
  const duration = durationFormat(column);
  const seconds = duration === undefined ? null : durationSeconds(value);
  if (seconds !== null) {
    return duration ? formatDuration(seconds, duration) : formatNumber(seconds, config.format, "float", config.step);
  }
  if (typeof value === "number" && (numeric(column) || !type)) {
    return formatNumber(value, config.format, column.dtype, config.step);
  }
  if (typeof value === "string" && (TEMPORAL.has(type) || (!type && TEMPORAL.has(column.dtype)))) {
    const kind = TEMPORAL.has(type) ? type : column.dtype;
    // `timezone`: the instant in that zone, its offset shown (as Streamlit's "Z" token); `step` a coarser or finer
    // default format (minutes from 60 seconds, milliseconds below a second), as Streamlit's.
    const zone = kind === "datetime" && typeof config.timezone === "string" ? config.timezone : null;
    return formatDate(zone ? inZone(value, zone) : value, config.format ?? temporalPattern(kind, config.step, !!zone),
      kind);
  }
  if (Array.isArray(value) || (typeof value === "object" && value !== null)) return JSON.stringify(value);
  return String(value);
}

/**
 * A value as a copy (Ctrl+C) takes it: as it shows (`show`), but a duration as its seconds, as Streamlit's copy and
 * CSV take them (and as a duration cell of a data editor takes a paste).
 * @param {unknown} value
 * @param {FrameColumn} column
 */
export function copied(value, column) {
  const seconds = durationFormat(column) === undefined ? null : durationSeconds(value);
  return seconds === null ? show(value, column) : String(seconds);
}

/**
 * The decimals a column's `step` (column_config: the precision of its numbers) shows: 0.01 -> 2, 0.5 -> 1, 5 -> 0;
 * undefined without a step.
 * @param {unknown} step
 */
export function stepDecimals(step) {
  if (typeof step !== "number" || !Number.isFinite(step) || step <= 0) return undefined;
  const text = step.toExponential();
  const [digits, exponent] = text.split("e");
  const fraction = (digits.split(".")[1] ?? "").length;
  return Math.min(20, Math.max(0, fraction - Number(exponent)));
}

/**
 * A number in `fmt`: printf-style ("%.2f", "$ %d"), or Streamlit's presets; without one, integers as they are and
 * other numbers with at most four decimals. A column's `step` fixes the decimals shown, as in Streamlit: without a
 * format and with the presets (not with a printf format, which says its own precision).
 * @param {number} value
 * @param {string | null | undefined} fmt
 * @param {string} dtype
 * @param {unknown} [step]
 */
export function formatNumber(value, fmt, dtype, step) {
  if (!Number.isFinite(value)) return String(value);
  const decimals = stepDecimals(step);
  /** @param {number} [fewer]  a percent shows the value times 100: two decimals fewer */
  const fixed = (fewer = 0) => decimals === undefined ? {}
    : { minimumFractionDigits: Math.max(0, decimals - fewer), maximumFractionDigits: Math.max(0, decimals - fewer) };
  switch (fmt) {
    case undefined:
    case null:
    case "":
      if (decimals !== undefined) return value.toFixed(decimals);
      return dtype === "int" ? String(value) : String(Number(value.toFixed(4)));
    case "plain":
      return decimals !== undefined ? value.toFixed(decimals) : String(value);
    case "localized":
      return value.toLocaleString(undefined, fixed());
    case "percent":
      return new Intl.NumberFormat(undefined, {
        style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2, ...fixed(2),
      }).format(value);
    case "dollar":
      return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", ...fixed() }).format(value);
    case "euro":
      return new Intl.NumberFormat(undefined, { style: "currency", currency: "EUR", ...fixed() }).format(value);
    case "yen":
      return new Intl.NumberFormat(undefined, { style: "currency", currency: "JPY", ...fixed() }).format(value);
    case "accounting": {
      const text = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2, ...fixed() })
        .format(Math.abs(value));
      return value < 0 ? `(${text})` : text;
    }
    case "compact":
      return new Intl.NumberFormat(undefined, { notation: "compact" }).format(value);
    case "scientific":
      return new Intl.NumberFormat(undefined, { notation: "scientific", maximumFractionDigits: 4 }).format(value);
    case "engineering":
      return new Intl.NumberFormat(undefined, { notation: "engineering", maximumFractionDigits: 4 }).format(value);
    case "duration":
      return formatDuration(value);
    default:
      return printf(fmt, value, dtype === "int" ? "int" : "float");
  }
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ISO = /^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
const TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|Do|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a|Z/g;

/**
 * The default format of a time or date and time for its column's `step` (seconds) and zone, as Streamlit's:
 * "HH:mm" from a step of a minute, "HH:mm:ss.SSS" below a second, the zone's offset after a zoned date and time;
 * undefined: the usual one.
 * @param {string} kind
 * @param {unknown} step
 * @param {boolean} zoned
 */
function temporalPattern(kind, step, zoned) {
  if (kind !== "time" && kind !== "datetime") return undefined;
  const seconds = typeof step === "number" && step > 0 ? step : null;
  const time = seconds !== null && seconds >= 60 ? "HH:mm" : seconds !== null && seconds < 1 ? "HH:mm:ss.SSS" : "HH:mm:ss";
  if (kind === "time") return seconds === null ? undefined : time;
  if (seconds === null && !zoned) return undefined;
  return `YYYY-MM-DD ${time}${zoned ? "Z" : ""}`;
}

/**
 * An ISO date, time or date and time in `fmt`: moment.js tokens ("MMM YYYY", "HH:mm") or "localized", "iso8601",
 * "distance", "calendar"; by default "YYYY-MM-DD", "HH:mm:ss" or both. The wall-clock time of the value is shown, in
 * the zone it came with.
 * @param {string} value
 * @param {string | null | undefined} fmt
 * @param {string} kind  "date", "time" or "datetime"
 */
export function formatDate(value, fmt, kind) {
  const date = ISO.exec(value);
  const time = date ? null : TIME.exec(value);
  if (!date && !time) return value;
  const parts = date
    ? { y: +date[1], mo: +date[2], d: +date[3], H: +(date[4] ?? 0), m: +(date[5] ?? 0), s: +(date[6] ?? 0),
      ms: +((date[7] ?? "0") + "00").slice(0, 3), zone: date[8] ?? "" }
    : { y: 1970, mo: 1, d: 1, H: +(time?.[1] ?? 0), m: +(time?.[2] ?? 0), s: +(time?.[3] ?? 0),
      ms: +((time?.[4] ?? "0") + "00").slice(0, 3), zone: "" };
  const moment = new Date(Date.UTC(parts.y, parts.mo - 1, parts.d, parts.H, parts.m, parts.s, parts.ms));
  if (fmt === "iso8601") return value;
  if (fmt === "localized") {
    const options = /** @type {Intl.DateTimeFormatOptions} */ ({ timeZone: "UTC" });
    if (kind === "date") return moment.toLocaleDateString(undefined, { ...options, dateStyle: "medium" });
    if (kind === "time") return moment.toLocaleTimeString(undefined, { ...options, timeStyle: "short" });
    return moment.toLocaleString(undefined, { ...options, dateStyle: "medium", timeStyle: "short" });
  }
  if (fmt === "distance" || fmt === "calendar") return distance(date ? Date.parse(value) : moment.getTime());
  const pattern = fmt || (kind === "date" ? "YYYY-MM-DD" : kind === "time" ? "HH:mm:ss" : "YYYY-MM-DD HH:mm:ss");
  const pad = (/** @type {number} */ n, size = 2) => String(n).padStart(size, "0");
  const hour12 = parts.H % 12 || 12;
  return pattern.replace(TOKENS, (token, literal) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case "YYYY": return String(parts.y);
      case "YY": return pad(parts.y % 100);
      case "MMMM": return MONTHS[parts.mo - 1];
      case "MMM": return MONTHS[parts.mo - 1].slice(0, 3);
      case "MM": return pad(parts.mo);
      case "M": return String(parts.mo);
      case "Do": return `${parts.d}${ordinal(parts.d)}`;
      case "DD": return pad(parts.d);
      case "D": return String(parts.d);
      case "dddd": return DAYS[moment.getUTCDay()];
      case "ddd": return DAYS[moment.getUTCDay()].slice(0, 3);
      case "HH": return pad(parts.H);
      case "H": return String(parts.H);
      case "hh": return pad(hour12);
      case "h": return String(hour12);
      case "mm": return pad(parts.m);
      case "m": return String(parts.m);
      case "ss": return pad(parts.s);
      case "s": return String(parts.s);
      case "SSS": return pad(parts.ms, 3);
      case "A": return parts.H < 12 ? "AM" : "PM";
      case "a": return parts.H < 12 ? "am" : "pm";
      default: return parts.zone;
    }
  });
}

/** @param {number} day */
function ordinal(day) {
  if (day % 100 >= 11 && day % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][day % 10] ?? "th";
}

/**
 * "3 days ago", "in 2 hours".
 * @param {number} when  milliseconds since the epoch
 */
function distance(when) {
  if (!Number.isFinite(when)) return "";
  const seconds = (when - Date.now()) / 1000;
  const units = /** @type {[Intl.RelativeTimeFormatUnit, number][]} */ ([
    ["year", 31536000], ["month", 2592000], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1],
  ]);
  const words = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === "second") return words.format(Math.round(seconds / size), unit);
  }
  return "";
}

/**
 * A link that opens in a new tab: http(s) and mailto only, anything else as text. `display` is the text shown, or a
 * regular expression whose first group picks it out of the URL.
 * @param {string} url
 * @param {string | null | undefined} display
 */
function link(url, display) {
  let safe = null;
  try {
    const parsed = new URL(url, document.baseURI);
    if (["http:", "https:", "mailto:"].includes(parsed.protocol)) safe = parsed.href;
  } catch {
    // not a URL: shown as text
  }
  let text = url;
  if (display) {
    text = display;
    if (/\(.*\)/.test(display)) {
      try {
        const match = new RegExp(display).exec(url);
        text = match?.[1] ?? url;
      } catch {
        text = display;
      }
    }
  }
  if (!safe) return document.createTextNode(text);
  const a = h("a", "cell-link", text);
  a.href = safe;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

/**
 * The button of a button column's cell, of the column's `button_type`: labelled by the cell's one label
 * (`:material/name:` drawn as the icon), or for several, Streamlit's "more" icon opening a menu of them. With the
 * column's trigger (`config.widget`: it has a key) and the row's position, a click (on the button, or a menu's item)
 * sends the trigger with `{row, label}` (core/elements/_button_column.py); otherwise the button does nothing.
 * @param {string[]} labels
 * @param {Record<string, any>} config
 * @param {CellExtra} extra
 */
function button(labels, config, extra) {
  const control = h("button", "cell-button");
  control.type = "button";
  control.dataset.variant = ["primary", "tertiary"].includes(config.button_type) ? config.button_type : "secondary";
  const menu = labels.length > 1;
  if (menu) {
    setLabelText(control, ":material/more_vert:");
    control.setAttribute("aria-label", "More actions");
    control.setAttribute("aria-haspopup", "menu");
    control.setAttribute("aria-expanded", "false");
  } else {
    setLabelText(control, labels[0]);
  }
  const widget = typeof config.widget === "string" ? config.widget : null;
  const { ctx, pos } = extra;
  if (!widget || !ctx || typeof pos !== "number") {
    control.setAttribute("aria-disabled", "true");
    return control;
  }
  const press = (/** @type {string} */ label) => ctx.send({ [widget]: JSON.stringify({ row: pos, label }) }, widget);
  // The press is the button's, not the table's: it selects no cell or row (as in Streamlit).
  control.addEventListener("pointerdown", (event) => event.stopPropagation());
  control.addEventListener("click", (event) => {
    event.stopPropagation();
    if (menu) openActions(control, labels, press);
    else press(labels[0]);
  });
  return control;
}

/** The open menu of a button column's cell, and what closes it. */
/** @type {{menu: HTMLElement, anchor: HTMLElement, close: (event: Event) => void} | null} */
let actions = null;

/**
 * A menu of `labels` under `anchor`, over the page (a cell clips what it holds): a click on an item presses it;
 * arrow keys move between the items; Escape or Tab closes it and gives the focus back; a click outside or a scroll
 * closes it.
 * @param {HTMLElement} anchor
 * @param {string[]} labels
 * @param {(label: string) => void} press
 */
function openActions(anchor, labels, press) {
  const reopen = actions?.anchor !== anchor;
  closeActions();
  if (!reopen) return; // a second click on the button closes its menu
  const menu = h("div", "cell-menu");
  menu.setAttribute("role", "menu");
  for (const label of labels) {
    const item = h("button", "cell-menu-item");
    item.type = "button";
    item.tabIndex = -1;
    item.setAttribute("role", "menuitem");
    setLabelText(item, label);
    item.addEventListener("click", () => {
      closeActions();
      anchor.focus();
      press(label);
    });
    menu.append(item);
  }
  menu.addEventListener("keydown", (event) => {
    const items = /** @type {HTMLElement[]} */ ([...menu.children]);
    const at = items.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      closeActions();
      anchor.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      items[(at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length].focus();
    }
  });
  const box = anchor.getBoundingClientRect();
  menu.style.top = `${box.bottom + 2}px`;
  menu.style.left = `${Math.max(0, Math.min(box.left, innerWidth - 220))}px`;
  document.body.append(menu);
  anchor.setAttribute("aria-expanded", "true");
  const close = (/** @type {Event} */ event) => {
    const target = /** @type {Node} */ (event.target);
    if (!menu.contains(target) && !anchor.contains(target)) closeActions();
  };
  actions = { menu, anchor, close };
  document.addEventListener("pointerdown", close, true);
  document.addEventListener("scroll", close, true);
  /** @type {HTMLElement | null} */ (menu.firstElementChild)?.focus();
}

/** Close the open menu of a button column's cell, if any. */
function closeActions() {
  if (!actions) return;
  const { menu, anchor, close } = actions;
  actions = null;
  anchor.setAttribute("aria-expanded", "false");
  document.removeEventListener("pointerdown", close, true);
  document.removeEventListener("scroll", close, true);
  menu.remove();
}

/**
 * An audio or video URL a cell may play, as the page's policy lets st.audio and st.video play them: on the app's
 * own origin (relative to the page: its static files and media, where the server puts a cell's `data:` audio or
 * video: core/elements/_cell_media.py) or https; anything else is shown as text.
 * @param {string} url
 */
function mediaUrl(url) {
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.origin === location.origin || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * A small player of `url`: the browser's own controls, fitted to the row (a video plays full screen from them).
 * @param {string} kind  "audio" or "video"
 * @param {string} url
 * @param {number} height  the row's height
 */
function player(kind, url, height) {
  const media = /** @type {HTMLMediaElement} */ (h(kind === "video" ? "video" : "audio", `cell-player cell-${kind}`));
  media.controls = true;
  media.preload = "metadata";
  media.src = url;
  media.style.height = `${Math.max(16, height - 6)}px`;
  media.setAttribute("aria-label", url);
  // The controls' presses, not the table's (selecting a cell or a row).
  for (const kind of ["pointerdown", "click"]) media.addEventListener(kind, (event) => event.stopPropagation());
  return media;
}

/**
 * An image URL a cell may load: http(s), relative to the page, or a data: image.
 * @param {string} url
 */
function imageUrl(url) {
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml);/i.test(url)) return url;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Streamlit's colour names, drawn in the page's own hues (style.css). */
const HUES = /** @type {Record<string, string>} */ ({
  red: "var(--red, #ef4444)", orange: "var(--orange, #f97316)", yellow: "var(--yellow, #ca8a04)",
  green: "var(--green, #16a34a)", blue: "var(--blue, #3b82f6)", violet: "var(--violet, #8b5cf6)",
  gray: "var(--gray, #6b7280)", grey: "var(--gray, #6b7280)", primary: "var(--accent)",
});

/**
 * The colour of a chart or progress column (its `color`, checked by the server): the accent by default; "auto" green
 * when `up` and red otherwise, "auto-inverse" the other way; a name in the page's hue; a CSS colour as it is.
 * @param {unknown} color
 * @param {boolean} up  the line ends above where it starts; the bar is past half
 */
function chartColour(color, up) {
  if (color === "auto" || color === "auto-inverse") return up === (color === "auto") ? HUES.green : HUES.red;
  if (typeof color !== "string") return "var(--accent)";
  return HUES[color] ?? (/^(#[0-9a-zA-Z]{3,8}|rgba?\([\d\s.,%/]+\))$/.test(color) ? color : "var(--accent)");
}

/**
 * @param {number} value
 * @param {FrameColumn} column
 */
function progress(value, column) {
  const config = column.config ?? {};
  const low = typeof config.min_value === "number" ? config.min_value : 0;
  const high = typeof config.max_value === "number" ? config.max_value : column.dtype === "float" && !config.format
    ? 1 : 100;
  const share = high > low ? Math.min(1, Math.max(0, (value - low) / (high - low))) : 0;
  const box = h("span", "cell-progress");
  const bar = h("span", "cell-progress-bar");
  const fillBar = h("span", "cell-progress-fill");
  fillBar.style.width = `${(share * 100).toFixed(1)}%`;
  if (config.color != null) fillBar.style.background = chartColour(config.color, share > 0.5);
  bar.append(fillBar);
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-valuemin", String(low));
  bar.setAttribute("aria-valuemax", String(high));
  bar.setAttribute("aria-valuenow", String(value));
  // Streamlit's default step: 1 for whole numbers, 0.01 for others (two decimals shown).
  const step = config.step ?? (column.dtype === "int" ? 1 : 0.01);
  box.append(bar, h("span", "cell-progress-text", formatNumber(value, config.format, column.dtype, step)));
  return box;
}

/**
 * A small chart of a list of numbers, drawn as SVG.
 * @param {unknown[]} values
 * @param {string} type  "line_chart", "bar_chart" or "area_chart"
 * @param {Record<string, any>} config  y_min, y_max, color
 * @param {number} width
 * @param {number} height
 */
function sparkline(values, type, config, width, height) {
  const numbers = values.map((v) => (typeof v === "number" && Number.isFinite(v) ? v : null));
  const present = /** @type {number[]} */ (numbers.filter((v) => v !== null));
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "cell-chart");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", present.join(", "));
  if (!present.length) return svg;
  const low = typeof config.y_min === "number" ? config.y_min : Math.min(...present, type === "bar_chart" ? 0 : Infinity);
  const high = typeof config.y_max === "number" ? config.y_max : Math.max(...present);
  const span = high - low || 1;
  const y = (/** @type {number} */ v) => height - 1 - ((Math.min(high, Math.max(low, v)) - low) / span) * (height - 2);
  const colour = chartColour(config.color, present[present.length - 1] >= present[0]);
  const n = numbers.length;
  if (type === "bar_chart") {
    const step = width / n;
    numbers.forEach((v, i) => {
      if (v === null) return;
      const rect = document.createElementNS(SVG, "rect");
      rect.setAttribute("x", (i * step + step * 0.1).toFixed(2));
      rect.setAttribute("width", Math.max(1, step * 0.8).toFixed(2));
      rect.setAttribute("y", y(v).toFixed(2));
      rect.setAttribute("height", Math.max(0, height - 1 - y(v)).toFixed(2));
      rect.style.fill = colour; // a style, not an attribute: attributes take no var()
      svg.append(rect);
    });
    return svg;
  }
  const x = (/** @type {number} */ i) => (n === 1 ? width / 2 : (i / (n - 1)) * (width - 2) + 1);
  const points = numbers.map((v, i) => (v === null ? null : `${x(i).toFixed(2)},${y(v).toFixed(2)}`))
    .filter((p) => p !== null);
  if (type === "area_chart") {
    const area = document.createElementNS(SVG, "polygon");
    area.setAttribute("points", `${x(0).toFixed(2)},${height} ${points.join(" ")} ${x(n - 1).toFixed(2)},${height}`);
    area.style.fill = colour;
    area.setAttribute("fill-opacity", "0.3");
    svg.append(area);
  }
  const line = document.createElementNS(SVG, "polyline");
  line.setAttribute("points", points.join(" "));
  line.setAttribute("fill", "none");
  line.style.stroke = colour;
  line.setAttribute("stroke-width", "1.5");
  svg.append(line);
  return svg;
}
