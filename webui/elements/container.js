// A group of elements, optionally bordered, optionally of fixed height that scrolls.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{border: boolean, height: number | null}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "block container");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { border, height } = el.props;
  node.classList.toggle("bordered", !!border || !!height);
  node.classList.toggle("scroll", !!height);
  node.style.height = height ? `${height}px` : "";
  if (height) node.tabIndex = 0;
  else node.removeAttribute("tabindex");
}
