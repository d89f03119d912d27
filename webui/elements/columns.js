// Side-by-side columns; each `column` child sets its own relative width. They stack on narrow screens unless
// `wrap` is false.
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{gap: string | null, vertical_alignment: string, border: boolean, width: string | number,
 *   wrap: boolean}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/columns.py's DEFAULTS). */
export const defaults = {"gap": "small", "vertical_alignment": "top", "border": false, "width": "stretch",
  "wrap": true};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "columns");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  node.dataset.gap = el.props.gap === null ? "none" : el.props.gap ?? "small";
  node.dataset.align = el.props.vertical_alignment ?? "top";
  node.dataset.stack = String(el.props.wrap !== false);
  node.classList.toggle("bordered-columns", !!el.props.border);
  setWidth(node, el.props.width);
}
