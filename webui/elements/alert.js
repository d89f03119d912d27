// info / success / warning / error boxes with markdown content and an optional emoji icon.
import { h, setHtml, setWidth, showIcon } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{level: string, body: string, html: string, icon: string | null, title_html: string | null,
 *   width: string | number}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/alert.py's DEFAULTS). */
export const defaults = {"icon": null, "title_html": null, "width": "stretch"};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "alert");
  const body = h("div", "alert-body");
  body.append(h("div", "alert-title"), h("div", "alert-text"));
  node.append(h("span", "alert-icon"), body);
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
  showIcon(iconNode, icon);
  const [title, text] = /** @type {HTMLElement[]} */ ([.../** @type {HTMLElement} */ (node.lastElementChild).children]);
  setHtml(title, el.props.title_html);
  title.hidden = !el.props.title_html;
  setHtml(text, html);
  setWidth(node, el.props.width);
}
