// Raw HTML from the script, isolated in a sandboxed iframe: no scripts run in it. It is same-origin (still without
// scripts) only so the page can size the frame to its content.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{html: string}} Props */

const PRELUDE =
  "<!doctype html><meta charset=utf-8><style>:root{color-scheme:light dark;font:16px/1.6 system-ui,-apple-system," +
  "'Segoe UI',Roboto,sans-serif}body{margin:0}</style>";

/** @param {Elem} el */
export function create(el) {
  const frame = h("iframe", "html");
  frame.setAttribute("sandbox", "allow-same-origin");
  frame.setAttribute("title", "Embedded HTML");
  frame.addEventListener("load", () => fit(frame));
  update(frame, el);
  return frame;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const frame = /** @type {HTMLIFrameElement} */ (node);
  const doc = PRELUDE + String(el.props.html ?? "");
  if (frame.srcdoc !== doc) frame.srcdoc = doc;
}

/** @param {HTMLIFrameElement} frame */
function fit(frame) {
  const body = frame.contentDocument?.body;
  if (!body) return;
  const size = () => (frame.style.height = `${Math.ceil(body.getBoundingClientRect().height)}px`);
  size();
  new ResizeObserver(size).observe(body);
}
