// A placeholder for content still loading: a block of the given size with a light sweeping across it (still for
// readers who ask for reduced motion). With `delayed` (a `with` block's skeleton) it appears only after half a second,
// so a quick block shows none. Screen readers hear "Loading…" once, as a status.
import { h, setHeight, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{height: string | number | null, width: string | number, delayed: boolean}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "skeleton");
  node.setAttribute("role", "status");
  node.setAttribute("aria-busy", "true");
  node.append(h("span", "visually-hidden", "Loading…"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  setWidth(node, props.width);
  if (props.height === null || props.height === undefined) {
    node.dataset.height = "default";
    node.style.height = "";
  } else setHeight(node, props.height);
  node.dataset.delayed = String(!!props.delayed);
}
