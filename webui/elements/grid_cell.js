// One cell of a grid holding several elements: a block the grid's frame holds; the grid (grid.js) reads its
// `column_span` and `row_span` to place that frame.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{column_span: number | string, row_span: number}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "block grid-cell");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  node.dataset.columnSpan = String(el.props.column_span ?? 1);
  node.dataset.rowSpan = String(el.props.row_span ?? 1);
}
