// info / success / warning / error boxes with markdown content and an optional emoji icon.
import { h, setHtml } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{level: string, html: string, icon: string | null}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "alert");
  node.append(h("span", "alert-icon"), h("div", "alert-body"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { level = "info", html, icon } = el.props;
  node.dataset.level = level;
  node.setAttribute("role", level === "error" || level === "warning" ? "alert" : "status");
  const iconNode = /** @type {HTMLElement} */ (node.firstElementChild);
  iconNode.textContent = icon ?? "";
  iconNode.hidden = !icon;
  iconNode.setAttribute("aria-hidden", "true");
  setHtml(/** @type {HTMLElement} */ (node.lastElementChild), html);
}
