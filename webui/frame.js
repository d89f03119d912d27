// Frames of documents the app serves whose own scripts run (core/elements/_framed.py: html with
// unsafe_allow_javascript, an iframe of HTML text), shared by html.js and iframe.js as player.js is by audio and
// video. Such a frame never shares the app's origin: its sandbox has no allow-same-origin (nor has the policy the
// document is served with), so its scripts reach neither this page, its cookies nor its storage. A small script at
// the document's head posts its height, which a frame marked data-fit="content" takes.

/** The sandbox of a frame whose scripts run: everything a page may need, except the app's origin. */
export const SCRIPT_SANDBOX =
  "allow-scripts allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals allow-downloads";
/** A frame's height, at most (a document may say anything). */
const MAX_HEIGHT = 100000;

/**
 * Make `frame` as tall as its document says it is (true), or leave its height alone (false).
 * @param {HTMLIFrameElement} frame
 * @param {boolean} fit
 */
export function fitContent(frame, fit) {
  if (fit) frame.dataset.fit = "content";
  else delete frame.dataset.fit;
}

addEventListener("message", (event) => {
  const data = event.data;
  if (event.origin !== "null" || typeof data !== "object" || data === null || data.porch !== "frame-height") return;
  const height = Number(data.height);
  if (!Number.isFinite(height)) return;
  for (const frame of document.querySelectorAll("iframe[data-fit='content']")) {
    if (/** @type {HTMLIFrameElement} */ (frame).contentWindow === event.source) {
      /** @type {HTMLIFrameElement} */ (frame).style.height = `${Math.min(Math.max(0, Math.ceil(height)), MAX_HEIGHT)}px`;
      return;
    }
  }
});
