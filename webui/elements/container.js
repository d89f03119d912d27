// A group of elements: bordered or not, as tall as its content, stretched, or of fixed height (then it scrolls),
// its children stacked or side by side (`horizontal`), aligned and spaced as the props say. With `autoscroll` it
// keeps scrolled to its end as children are added.
import { h, setHeight, setWidth } from "porch/widget.js";
import { setKeyClass } from "porch/keys.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{
 *   border: boolean,
 *   height: string | number,
 *   width: string | number,
 *   horizontal: boolean,
 *   wrap: boolean,
 *   horizontal_alignment: string,
 *   vertical_alignment: string,
 *   gap: string | null,
 *   autoscroll: boolean | null,
 *   key: string | null,
 * }} Props
 */

/** The props the server leaves off while they hold these values (core/elements/container.py's DEFAULTS). */
export const defaults = {"border": false, "height": "content", "width": "stretch", "horizontal": false, "wrap": true,
  "horizontal_alignment": "left", "vertical_alignment": "top", "gap": "small", "autoscroll": null,
  "key": null};

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
  const { border, height, horizontal, wrap, horizontal_alignment, vertical_alignment, gap, autoscroll } = el.props;
  // A container from an older server sent height null for "as tall as its content".
  const fixed = typeof height === "number";
  node.classList.toggle("bordered", !!border);
  node.classList.toggle("scroll", fixed);
  setHeight(node, height ?? "content");
  setWidth(node, el.props.width);
  node.dataset.direction = horizontal ? "row" : "column";
  node.dataset.rowWrap = String(wrap !== false);
  node.dataset.halign = horizontal_alignment ?? "left";
  node.dataset.valign = vertical_alignment ?? "top";
  node.dataset.gap = gap ?? "none";
  node.dataset.autoscroll = String(!!autoscroll);
  if (fixed) node.tabIndex = 0;
  else node.removeAttribute("tabindex");
  setKeyClass(node, el.props.key ?? null);
}

/**
 * Children were added or removed: an autoscrolling container shows its end.
 * @param {HTMLElement} node
 */
export function arrange(node) {
  if (node.dataset.autoscroll === "true") node.scrollTop = node.scrollHeight;
}
