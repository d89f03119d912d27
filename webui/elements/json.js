// Any JSON value as a collapsible tree built from <details>; `expanded` opens all levels (true) or the first n.
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{value: any, text: string | null, expanded: boolean | number, width: string | number}} Props */

/** The props the server leaves off while they hold these values (core/elements/json.py's DEFAULTS). */
export const defaults = {"text": null, "expanded": true, "width": "stretch"};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "json");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { value, expanded = true } = el.props;
  setWidth(node, el.props.width);
  const key = JSON.stringify([value, expanded]);
  if (node.dataset.key === key) return;
  node.dataset.key = key;
  const depth = expanded === true ? Infinity : expanded === false ? 0 : Number(expanded);
  node.replaceChildren(render(value, depth));
}

/**
 * @param {unknown} value
 * @param {number} depth  how many more levels start open
 * @returns {HTMLElement}
 */
function render(value, depth) {
  if (value === null || typeof value !== "object") {
    const type = value === null ? "null" : typeof value;
    return h("span", `json-${type}`, typeof value === "string" ? JSON.stringify(value) : String(value));
  }
  const isArray = Array.isArray(value);
  const entries = Object.entries(value);
  const [open, close] = isArray ? ["[", "]"] : ["{", "}"];
  if (!entries.length) return h("span", "json-punct", open + close);
  const details = h("details");
  details.open = depth > 0;
  const summary = h("summary", "json-punct", open);
  summary.append(h("span", "json-count", ` ${entries.length} ${isArray ? "items" : "keys"} ${close}`));
  const list = h("div", "json-entries");
  for (const [key, item] of entries) {
    const row = h("div", "json-entry");
    if (!isArray) row.append(h("span", "json-key", `${JSON.stringify(key)}: `));
    row.append(render(item, depth - 1));
    list.append(row);
  }
  details.append(summary, list, h("span", "json-punct", close));
  return details;
}
