// HTML the script gave. Sanitised on the server (core/elements/html.py: no script, handler or javascript: URL gets
// through) and inserted into the page as Streamlit does, so that its <style> restyles the app and its markup takes
// the page's fonts and width; a body of styles only takes no space. A body whose scripts run
// (unsafe_allow_javascript) is a document of its own, served by the app, in a sandboxed frame as tall as its content.
import { SCRIPT_SANDBOX, fitContent } from "porch/frame.js";
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{html: string, url: string | null, style_only: boolean, width: string | number}} Props */

/** The HTML each node shows, to touch the DOM only when it changes. */
const shown = new WeakMap();

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "html");
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
  node.hidden = !!props.style_only;
  if (props.url) {
    let frame = /** @type {HTMLIFrameElement | null} */ (node.querySelector(":scope > iframe"));
    if (!frame) {
      frame = h("iframe", "html-frame");
      frame.setAttribute("sandbox", SCRIPT_SANDBOX);
      frame.title = "Embedded HTML";
      fitContent(frame, true);
      node.replaceChildren(frame);
      shown.delete(node);
    }
    const src = new URL(props.url, document.baseURI).href;
    if (frame.src !== src) frame.src = src;
  } else if (shown.get(node) !== props.html) {
    node.innerHTML = props.html ?? "";
    shown.set(node, props.html);
  }
}
