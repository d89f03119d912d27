// A display formula: MathML the server made from the script's LaTeX (the browser draws it; nothing is loaded).
import { h, setHelp, setHtml, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{body: string, html: string, help: string | null, width: string | number}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "latex");
  node.append(h("div", "latex-body"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  // `body` (the LaTeX source) is for AppTest and for the error the server shows in `html` when it does not parse.
  setHtml(/** @type {HTMLElement} */ (node.firstElementChild), props.html);
  setHelp(node, props.help);
  setWidth(node, props.width);
}
