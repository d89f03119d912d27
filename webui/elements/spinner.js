// A spinning indicator with a line of text, shown while a slow block of the script runs.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{text: string}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "spinner");
  node.setAttribute("role", "status");
  node.append(h("span", "porch-spinner"), h("span", "spinner-text"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  /** @type {HTMLElement} */ (node.lastElementChild).textContent = String(el.props.text ?? "");
}
