// A PDF document in the browser's own viewer, in a frame (no sandbox attribute: a sandboxed frame shows no PDF; a
// document the app serves carries a sandbox in its own Content-Security-Policy instead). Where the browser has no PDF
// viewer (navigator.pdfViewerEnabled is false), a link to open or download the document stands in its place. Only
// http(s) URLs, absolute or relative to the page, are ever loaded.
import { h, setHeight } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{url: string, height: string | number, alt: string | null}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "pdf");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  const url = webUrl(props.url);
  const name = props.alt || "PDF document";
  setHeight(node, props.height);
  node.style.height = typeof props.height === "number" ? `${props.height}px` : "";
  const viewer = navigator.pdfViewerEnabled !== false;
  node.dataset.viewer = String(viewer);
  if (viewer) {
    let frame = /** @type {HTMLIFrameElement | null} */ (node.querySelector(":scope > iframe.pdf-frame"));
    if (!frame) {
      frame = h("iframe", "pdf-frame");
      node.replaceChildren(frame);
    }
    frame.title = name;
    const href = url ? url.href : "about:blank";
    if (frame.src !== href) frame.src = href;
    return;
  }
  let box = /** @type {HTMLElement | null} */ (node.querySelector(":scope > .pdf-fallback"));
  if (!box) {
    box = h("div", "pdf-fallback");
    box.append(h("p", "pdf-fallback-text", "This browser does not show PDF documents here."), h("a", "pdf-link"));
    node.replaceChildren(box);
  }
  const link = /** @type {HTMLAnchorElement} */ (box.querySelector("a.pdf-link"));
  link.textContent = `Open ${name}`;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  if (url) {
    link.href = url.href;
    if (url.origin === location.origin) link.download = "";
    else link.removeAttribute("download");
  } else link.removeAttribute("href");
}

/**
 * `text` as a URL this page may load: http or https, absolute or relative to the page; otherwise null.
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
