// An exception raised by the script: its type and message, then the traceback of the user's own frames (each part
// there only when the server sent it: client.showErrorDetails withholds them, core/elements/exception.py).
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{type: string, message: string, traceback: string[], width: string | number}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "exception");
  node.setAttribute("role", "alert");
  const head = h("div", "exception-head");
  head.append(h("strong", "exception-type"), h("span", "exception-message"));
  node.append(head, h("pre", "exception-traceback"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { type = "Exception", message = "", traceback = [] } = el.props;
  const [typeNode, messageNode] = /** @type {HTMLElement[]} */ ([...node.querySelectorAll(".exception-head > *")]);
  // The type is "" when client.showErrorDetails withholds it ("none"): the message (a notice) stands alone.
  typeNode.textContent = String(type);
  typeNode.hidden = !type;
  messageNode.textContent = message && type ? `: ${message}` : message;
  const pre = /** @type {HTMLElement} */ (node.lastElementChild);
  pre.textContent = Array.isArray(traceback) ? traceback.join("\n") : String(traceback);
  pre.hidden = !pre.textContent;
  setWidth(node, el.props.width);
}
