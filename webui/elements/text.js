// Plain preformatted text, shown exactly as given.
import { h, setHelp, setText, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{body: string, help: string | null, width: string | number, text_alignment: string, wrap: boolean}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/text.py's DEFAULTS). */
export const defaults = {"help": null, "width": "content", "text_alignment": "left", "wrap": true};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "text");
  node.append(h("pre", "text-body"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const pre = /** @type {HTMLElement} */ (node.firstElementChild);
  const body = String(el.props.body ?? "");
  if (pre.textContent !== body) pre.textContent = body;
  setHelp(node, el.props.help);
  setWidth(node, el.props.width);
  setText(node, el.props);
}
