// Markdown the server rendered to HTML (raw HTML escaped there); `caption` makes it small and muted.
import { h, setHelp, setHtml, setText, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{body: string, html: string, allow_html: boolean, variant: string | null, help: string | null,
 *   width: string | number, text_alignment: string, wrap: boolean}} Props
 */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "markdown");
  node.append(h("div", "markdown-body"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  node.classList.toggle("caption", el.props.variant === "caption");
  setHtml(/** @type {HTMLElement} */ (node.firstElementChild), el.props.html);
  setHelp(node, el.props.help);
  setWidth(node, el.props.width);
  setText(node, el.props);
}
