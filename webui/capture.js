// What camera_input and audio_input share: the device (getUserMedia) and why it could not be opened, said plainly in
// the widget; the device let go when the widget leaves the page; and the one file captured from it, uploaded as a
// file_uploader's file is (porch/upload.js) before the widget's value names it. Its styles (capture.css: the box,
// the buttons, the note) come with it.
import { discard, size, upload } from "porch/upload.js";
import { commit, current, h } from "porch/widget.js";

/** @typedef {import("porch/tree.js").Ctx} Ctx */

/**
 * The device named in messages, and the kind of file made from it.
 * @typedef {"camera" | "microphone"} Device
 */

/**
 * Open the user's `device` with `constraints`; on failure, the reason for the person at the page.
 * @param {Device} device
 * @param {MediaStreamConstraints} constraints
 * @returns {Promise<{stream: MediaStream} | {error: string}>}
 */
export async function open(device, constraints) {
  if (!navigator.mediaDevices?.getUserMedia) {
    return {
      error:
        `This page cannot use a ${device}: browsers allow it only on secure pages (served over HTTPS, or from this ` +
        "computer's own address such as localhost).",
    };
  }
  try {
    return { stream: await navigator.mediaDevices.getUserMedia(constraints) };
  } catch (err) {
    return { error: deviceError(/** @type {Error} */ (err), device) };
  }
}

/**
 * Why `device` could not be opened, in words for the person at the page.
 * @param {Error} err  what getUserMedia rejected with
 * @param {Device} device
 */
export function deviceError(err, device) {
  switch (err?.name) {
    case "NotAllowedError":
    case "SecurityError":
    case "PermissionDeniedError":
      return `Access to the ${device} was denied. Allow it in the browser's settings for this site, then try again.`;
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return `No ${device} was found. Connect one, then try again.`;
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return `The ${device} could not be started: another application may be using it.`;
    default:
      return `The ${device} could not be started (${err?.message || err?.name || err}).`;
  }
}

/** @param {MediaStream | null | undefined} stream */
export function stopStream(stream) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** @type {Map<HTMLElement, () => void>} */
const watched = new Map();
/** @type {MutationObserver | null} */
let observer = null;

/**
 * Call `stop` once `node` is no longer on the page (a run that did not render the widget removed it): a camera or a
 * microphone is never left on by a widget nobody sees. Watching ends with that call, or with `unwatch`.
 * @param {HTMLElement} node
 * @param {() => void} stop
 */
export function whileShown(node, stop) {
  if (!node.isConnected) {
    stop();
    return;
  }
  watched.set(node, stop);
  if (!observer) {
    observer = new MutationObserver(() => {
      for (const [shown, done] of [...watched]) {
        if (!shown.isConnected) {
          watched.delete(shown);
          done();
        }
      }
      if (!watched.size) unwatchAll();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }
}

/** @param {HTMLElement} node */
export function unwatch(node) {
  watched.delete(node);
  if (!watched.size) unwatchAll();
}

function unwatchAll() {
  observer?.disconnect();
  observer = null;
}

/**
 * What a capture widget has made: the file it holds locally and its id on the server once uploaded.
 * @typedef {object} Held
 * @property {string | null} url  an object URL of the captured file, for the page to show or play
 * @property {string | null} id  the server's id of the file, once uploaded
 * @property {(() => void) | null} abort  stops an upload in flight
 */

/** @type {WeakMap<HTMLElement, Held>} */
const held = new WeakMap();

/**
 * The file `node` holds locally (created empty).
 * @param {HTMLElement} node
 * @returns {Held}
 */
export function heldBy(node) {
  let it = held.get(node);
  if (!it) held.set(node, (it = { url: null, id: null, abort: null }));
  return it;
}

/**
 * Upload the captured `file` and make it the widget's value (held by its form until submitted, inside one). Returns
 * null when done, or why it failed (for the person at the page); an upload stopped by `forget` returns "".
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 * @param {File} file
 * @returns {Promise<string | null>}
 */
export async function submit(node, ctx, file) {
  const el = current.get(node);
  if (!el) return "";
  const max = el.props.max_bytes;
  if (typeof max === "number" && file.size > max) {
    return `The ${file.type.startsWith("audio/") ? "recording" : "photo"} is ${size(file.size)}; this app takes at most ${size(max)}.`;
  }
  const it = heldBy(node);
  const sending = upload(ctx, el.id, file);
  it.abort = sending.abort;
  const sent = await sending.result;
  it.abort = null;
  if ("aborted" in sent) return "";
  if ("error" in sent) return sent.error;
  it.id = sent.id;
  commit(node, /** @type {import("porch/protocol.js").Elem} */ (current.get(node)), ctx, [sent.id]);
  return null;
}

/**
 * Drop what `node` holds locally: stop its upload, free its object URL, and free its file on the server unless the
 * widget's value holds it (a value that drops a file frees it) or `ctx` is null (the server dropped it already).
 * @param {HTMLElement} node
 * @param {Ctx | null} ctx
 */
export function forget(node, ctx) {
  const it = heldBy(node);
  it.abort?.();
  const el = current.get(node);
  if (ctx && it.id && el && !(el.props.value ?? []).includes(it.id)) discard(ctx, el.id, it.id);
  if (it.url) URL.revokeObjectURL(it.url);
  Object.assign(it, { url: null, id: null, abort: null });
}

/**
 * Clear the widget: forget its file and send the empty value.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 */
export function clear(node, ctx) {
  forget(node, ctx);
  const el = current.get(node);
  if (el) commit(node, el, ctx, []);
}

/**
 * A button of a capture widget.
 * @param {string} className
 * @param {string} text
 */
export function button(className, text) {
  const it = h("button", `capture-button ${className}`, text);
  it.type = "button";
  return it;
}

/**
 * A file name with the time it was made, as Streamlit names captures ("camera-input-2025-01-31T12_00_00.000Z.jpg").
 * @param {string} prefix
 * @param {string} extension
 */
export function stamped(prefix, extension) {
  return `${prefix}-${new Date().toISOString().replaceAll(":", "_")}.${extension}`;
}
