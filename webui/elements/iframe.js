// A web page by URL, or HTML text of the script's (a document the app serves, whose scripts run), in a frame. A frame
// never shares the app's origin with scripts: HTML text and pages of the app's own origin are sandboxed without
// allow-same-origin (porch/frame.js); another site's page keeps its own origin. Only http(s) URLs are loaded.
import { SCRIPT_SANDBOX, fitContent } from "porch/frame.js";
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{src: string, served: boolean, width: string | number, height: string | number,
 *   tab_index: number | null, alt: string | null, scrolling?: boolean}} Props
 */

/** The height of a frame whose content's height cannot be known (a page by URL), as a browser's default. */
const DEFAULT_HEIGHT = 150;

/** @param {Elem} el */
export function create(el) {
  const frame = h("iframe", "iframe");
  update(frame, el);
  return frame;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const frame = /** @type {HTMLIFrameElement} */ (node);
  const props = /** @type {Props} */ (el.props);
  // A frame cannot know its content's width: "content" is the container's, as "stretch".
  setWidth(frame, props.width === "content" ? "stretch" : props.width);
  frame.title = props.alt || "Embedded page";
  if (props.tab_index === null || props.tab_index === undefined) frame.removeAttribute("tabindex");
  else frame.tabIndex = props.tab_index;
  const src = props.served ? new URL(props.src, document.baseURI) : webUrl(props.src);
  // The sandbox must be in place before the frame navigates.
  const sandbox =
    src && !props.served && src.origin !== location.origin ? `${SCRIPT_SANDBOX} allow-same-origin` : SCRIPT_SANDBOX;
  if (frame.getAttribute("sandbox") !== sandbox) frame.setAttribute("sandbox", sandbox);
  // As Streamlit's frame: scroll bars when the content is larger ("auto"), or none, the content cut off ("no").
  const scrolling = props.scrolling === false ? "no" : "auto";
  if (frame.getAttribute("scrolling") !== scrolling) frame.setAttribute("scrolling", scrolling);
  frame.style.overflow = scrolling === "no" ? "hidden" : "";
  const fit = props.served && props.height === "content";
  fitContent(frame, fit);
  frame.dataset.height = typeof props.height === "number" ? "px" : String(props.height);
  if (typeof props.height === "number") frame.style.height = `${props.height}px`;
  else if (props.height === "stretch") frame.style.height = "";
  else if (!fit || !frame.style.height) frame.style.height = `${DEFAULT_HEIGHT}px`;
  const href = src ? src.href : "about:blank";
  if (frame.src !== href) frame.src = href;
}

/**
 * `text` as a URL this page may frame: http or https, absolute or relative to the page; otherwise null.
 * @param {string} text
 * @returns {URL | null}
 */
function webUrl(text) {
  try {
    const url = new URL(text, document.baseURI);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}
