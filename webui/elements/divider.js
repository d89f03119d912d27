// A horizontal rule.
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{width: string | number}} Props */

/** The props the server leaves off while they hold these values (core/elements/divider.py's DEFAULTS). */
export const defaults = {"width": "stretch"};

/** @param {Elem} el */
export function create(el) {
  const node = h("hr", "divider");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  setWidth(node, el.props.width);
}
