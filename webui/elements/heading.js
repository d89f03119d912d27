// Title, header and subheader: <h1>..<h3> with inline markdown, an optional icon, anchor, help and coloured divider.
import { h, setHelp, setHtml, setText, setWidth, showIcon } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{
 *   level: number,
 *   body: string,
 *   html: string,
 *   anchor: string | null,
 *   anchor_made: boolean,
 *   divider: string | boolean,
 *   help: string | null,
 *   icon: string | null,
 *   width: string | number,
 *   text_alignment: string,
 *   wrap: boolean,
 * }} Props
 */

/** The props the server leaves off while they hold these values (core/elements/heading.py's DEFAULTS). */
export const defaults = {"anchor_made": false, "divider": false, "help": null, "icon": null, "width": "stretch",
  "text_alignment": "left", "wrap": true};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "heading");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { level = 1, html, anchor, divider, help, icon } = el.props;
  const tag = `H${Math.min(Math.max(+level || 1, 1), 6)}`;
  let heading = /** @type {HTMLElement | null} */ (node.firstElementChild);
  if (!heading || heading.tagName !== tag) {
    heading = document.createElement(tag);
    heading.append(h("span", "heading-icon"), h("span", "heading-text"));
    node.replaceChildren(heading);
  }
  const [iconNode, textNode] = /** @type {HTMLElement[]} */ ([...heading.children]);
  showIcon(iconNode, icon);
  setHtml(textNode, html);
  if (anchor) heading.id = anchor;
  else heading.removeAttribute("id");
  setHelp(heading, help);
  setWidth(node, el.props.width);
  setText(node, el.props);
  let rule = node.querySelector(":scope > hr");
  if (divider && !rule) rule = node.appendChild(h("hr", "heading-divider"));
  if (!divider) rule?.remove();
  if (rule instanceof HTMLElement) rule.dataset.color = String(divider);
}
