// The options of a selectbox or multiselect column (column_config `options`): Streamlit's {value, label, color}
// entries (what `format_func` and `color` make) or plain values. A cell shows an option's label; a multiselect's
// chips take their option's colour. Shared by cells.js (every frame) and the data editor's fields.

import { h } from "porch/widget.js";

/** Streamlit's categorical chart colours, which `color="auto"` takes in turn. */
const PALETTE = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1", "#ff8700", "#ffd16a", "#6d3fc0",
  "#d5dae5"];

/** @typedef {{value: unknown, label: string, color: string | null}} Option */

/** @type {WeakMap<unknown[], Option[]>} */
const read = new WeakMap();

/**
 * A column's options as {value, label, color}: the label the option's own or its value as text; the colour a CSS
 * colour the browser takes ("auto" one of the palette in turn, "primary" the accent), or null.
 * @param {unknown} options  a column's `config.options`
 * @returns {Option[]}
 */
export function optionsOf(options) {
  if (!Array.isArray(options)) return [];
  const known = read.get(options);
  if (known) return known;
  let auto = 0;
  const result = options.map((entry) => {
    const plain = entry === null || typeof entry !== "object";
    const value = plain ? entry : /** @type {Record<string, unknown>} */ (entry).value;
    const named = plain ? null : /** @type {Record<string, unknown>} */ (entry).label;
    const raw = plain ? null : /** @type {Record<string, unknown>} */ (entry).color;
    /** @type {string | null} */
    let color = null;
    if (raw === "auto") color = PALETTE[auto++ % PALETTE.length];
    else if (raw === "primary") color = "var(--accent)";
    else if (typeof raw === "string" && CSS.supports("color", raw)) color = raw;
    return { value, label: named === null || named === undefined ? String(value) : String(named), color };
  });
  read.set(options, result);
  return result;
}

/**
 * The option of `value`: equal to it, or (a multiselect's, `asText`) equal as trimmed text, as Streamlit matches them.
 * @param {Option[]} options
 * @param {unknown} value
 * @param {boolean} [asText]
 */
export function optionOf(options, value, asText = false) {
  if (asText) return options.find((option) => String(option.value).trim() === String(value).trim());
  return options.find((option) => option.value === value);
}

/**
 * A chip showing `text`, tinted with `color` (or plain).
 * @param {string} text
 * @param {string | null | undefined} color
 * @param {string} [tag]
 */
export function chip(text, color, tag = "span") {
  const node = h(/** @type {keyof HTMLElementTagNameMap} */ (tag), "cell-chip", text);
  if (color) node.style.background = `color-mix(in srgb, ${color} 35%, transparent)`;
  return node;
}
