// The field each kind of a data_editor's column is edited in, and what it reads (the edit itself:
// porch/editor_edit.js). `input` (core/elements/data_editor.py `Editor.wire`) names the kind: text, link and number
// are text fields (a number read and checked against its column's bounds and step, a duration as its seconds), a
// date, a time or a date and time the browser's own fields (a zoned date-time in its zone's wall-clock time, sent as
// the instant in UTC, as Streamlit's: porch/zones.js), a selectbox a select of its options' labels (format_func), a
// list or a multiselect a panel of items (porch/editor_lists.js). A paste reads each text as the field would.

import { stepDecimals } from "porch/cells.js";
import { durationSeconds } from "porch/durations.js";
import { itemsOf, listField, readList } from "porch/editor_lists.js";
import { h } from "porch/widget.js";
import { fromZone, inZone } from "porch/zones.js";

/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/** @typedef {import("porch/elements/data_editor.js").Editing} Editing */

/**
 * A date and time shown in its column's zone (`timezone`, or the data's own): the zone's wall-clock time, with its
 * offset; any other value as it is.
 * @param {Editing | undefined} editing
 * @param {unknown} value
 */
export function zoned(editing, value) {
  const zone = editing?.input === "datetime" ? editing.timezone : null;
  return zone && typeof value === "string" ? inZone(value, zone) : value;
}

/**
 * The text a field starts with for a value of the column (dates and times cut to what the field takes; a date and
 * time in `zone`'s wall-clock time).
 * @param {string} input
 * @param {unknown} value
 * @param {string | null} [zone]
 */
function fieldText(input, value, zone = null) {
  if (value === null || value === undefined) return "";
  const text = input === "datetime" && zone ? inZone(String(value), zone) : String(value);
  if (input === "date") return text.slice(0, 10);
  if (input === "time") return (text.includes("T") ? text.slice(11) : text).slice(0, 8);
  if (input === "datetime") return text.length === 10 ? `${text}T00:00` : text.replace(" ", "T").slice(0, 19);
  return text;
}

/**
 * The field a cell of the column (`editing`, `column`) holding `value` is edited in: a list's (its panel an ancestor),
 * a select of the options, or an input of the column's kind; `typed` replaces its text (the first key typed). `pick`:
 * an option picked from a select's opened list keeps it at once.
 * @param {Editing} editing
 * @param {FrameColumn} column
 * @param {unknown} value
 * @param {string | undefined} typed
 * @param {() => void} pick
 * @returns {HTMLInputElement | HTMLSelectElement}
 */
export function makeField(editing, column, value, typed, pick) {
  const input = /** @type {string} */ (editing.input);
  if (input === "list" || input === "multiselect") return listField(editing, column, value, typed);
  if (input === "selectbox") {
    const select = h("select", "de-field");
    const options = editing.options ?? [];
    if (!editing.required) select.append(new Option("", ""));
    // format_func's labels show; the value picked is the option itself.
    options.forEach((option, k) => select.append(new Option(editing.labels?.[k] ?? String(option), String(k))));
    const at = options.findIndex((option) => option === value);
    select.value = at >= 0 ? String(at) : "";
    // A pick in the opened list keeps the option at once; arrows on the closed list only move (Enter keeps).
    let stepped = false;
    select.addEventListener("keydown", (event) => (stepped = event.key.startsWith("Arrow")));
    select.addEventListener("change", () => {
      if (!stepped) pick();
      stepped = false;
    });
    return select;
  }
  const box = h("input", "de-field");
  const config = column.config ?? {};
  if (input === "number") {
    box.type = "text";
    box.inputMode = column.dtype === "int" ? "numeric" : "decimal";
  } else if (input === "date") {
    box.type = "date";
  } else if (input === "time") {
    box.type = "time";
  } else if (input === "datetime") {
    box.type = "datetime-local";
  } else {
    box.type = input === "link" ? "url" : "text";
    if (typeof config.max_chars === "number") box.maxLength = config.max_chars;
  }
  if (input === "date" || input === "time" || input === "datetime") {
    if (config.min_value !== undefined) box.min = fieldText(input, config.min_value, editing.timezone);
    if (config.max_value !== undefined) box.max = fieldText(input, config.max_value, editing.timezone);
    // column_config `step`: days for a date, seconds for a time (1 second by default, as in Streamlit).
    const step = typeof config.step === "number" && config.step > 0 ? config.step : null;
    if (input !== "date") box.step = String(step ?? 1);
    else if (step !== null) box.step = String(Math.max(1, Math.round(step)));
  }
  const seconds = column.dtype === "timedelta" ? durationSeconds(value) : null;
  box.value = typed ?? (seconds !== null ? String(Number(seconds.toFixed(9))) : fieldText(input, value,
    editing.timezone));
  return box;
}

/**
 * The field's value as the edit state holds it, or an error message.
 * @param {Editing} editing
 * @param {FrameColumn} column
 * @param {HTMLInputElement | HTMLSelectElement} field
 * @returns {{value: unknown} | {error: string}}
 */
export function readField(editing, column, field) {
  const input = editing.input;
  const text = input === "number" ? field.value.trim() : field.value;
  const config = column.config ?? {};
  if (input === "selectbox") {
    return { value: text === "" ? null : (editing.options ?? [])[Number(text)] ?? null };
  }
  if (input === "list" || input === "multiselect") return readList(editing, /** @type {HTMLInputElement} */ (field));
  if (text === "") {
    if (editing.required) return { error: "A value is required." };
    return { value: input === "text" || input === "link" ? (column.dtype === "str" ? "" : null) : null };
  }
  if (input === "number") {
    const decimals = stepDecimals(config.step);
    // A duration takes its seconds (what a copy takes), or pandas' or Python's text of it.
    const entered = column.dtype === "timedelta" ? durationSeconds(text) ?? NaN : Number(text);
    // column_config `step`: the precision of what is entered, as in Streamlit (0.01 keeps two decimals).
    const number = decimals === undefined ? entered : Number(entered.toFixed(decimals));
    if (!Number.isFinite(number)) return { error: "Enter a number." };
    if (column.dtype === "int" && !Number.isInteger(number)) return { error: "Enter a whole number." };
    if (typeof config.min_value === "number" && number < config.min_value) {
      return { error: `The least value is ${config.min_value}.` };
    }
    if (typeof config.max_value === "number" && number > config.max_value) {
      return { error: `The greatest value is ${config.max_value}.` };
    }
    return { value: number };
  }
  if ((input === "text" || input === "link") && editing.validate) {
    try {
      if (!new RegExp(editing.validate, "us").test(text)) return { error: "The text does not have the expected form." };
    } catch {
      // a pattern this browser cannot read: the server checks it
    }
  }
  if ((input === "date" || input === "time" || input === "datetime") && field instanceof HTMLInputElement &&
    !field.checkValidity()) {
    return { error: "Out of range." };
  }
  if (input === "datetime" && editing.timezone) {
    // A wall-clock time in the column's zone, sent as Streamlit sends it: the instant in UTC ("...Z").
    return { value: fromZone(text, editing.timezone) ?? text };
  }
  return { value: text };
}

/**
 * A pasted text as a value of the column (`editing`, `column`), read as its field reads it; undefined when it does
 * not fit.
 * @param {Editing} editing
 * @param {FrameColumn} column
 * @param {string} text
 * @returns {{value: unknown} | undefined}
 */
export function pastedValue(editing, column, text) {
  const input = editing.input;
  if (input === "checkbox") {
    const word = text.trim().toLowerCase();
    return word === "true" ? { value: true } : word === "false" ? { value: false } : undefined;
  }
  if (input === "selectbox") {
    if (text === "") return editing.required ? undefined : { value: null };
    const options = editing.options ?? [];
    const k = options.findIndex((option, at) => String(option) === text || editing.labels?.[at] === text);
    return k < 0 ? undefined : { value: options[k] };
  }
  if (input === "list" || input === "multiselect") {
    const items = itemsOf(text).map((item) => String(item).trim()).filter((item) => item !== "");
    const options = (editing.options ?? []).map(String);
    if (input === "multiselect" && !editing.accept_new && items.some((item) => !options.includes(item))) return;
    if (!items.length) return editing.required ? undefined : { value: null };
    return { value: items };
  }
  const patterns = { date: /^\d{4}-\d{2}-\d{2}$/, time: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/,
    datetime: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/ };
  const pattern = patterns[/** @type {keyof typeof patterns} */ (input)];
  const typed = pattern ? text.trim() : text;
  if (pattern && typed !== "" && !pattern.test(typed)) return;
  const config = column.config ?? {};
  const field = /** @type {HTMLInputElement} */ (/** @type {unknown} */ ({
    value: typeof config.max_chars === "number" ? typed.slice(0, config.max_chars) : typed,
  }));
  const read = readField(editing, column, field);
  return "value" in read ? read : undefined;
}
