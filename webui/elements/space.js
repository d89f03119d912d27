// Blank space along the direction its container lays out its elements: down a column, across a row (flex-basis).
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{size: string | number}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "space");
  node.setAttribute("aria-hidden", "true");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { size } = /** @type {Props} */ (el.props);
  const px = typeof size === "number";
  node.dataset.size = px ? "px" : String(size);
  node.style.setProperty("--space", px ? `${size}px` : "");
}
