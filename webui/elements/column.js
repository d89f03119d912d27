// One column of a `columns` block: its `width` is its share of the row.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{width: number}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "block column");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  node.style.setProperty("--weight", String(Number(el.props.width) || 1));
}
