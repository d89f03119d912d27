// A camera: the live picture from the user's camera (getUserMedia) with a button that takes a photo. The photo, a
// JPEG, is uploaded as a file_uploader's file is (porch/capture.js) and becomes the widget's value; the widget then
// shows it (the server's copy, `url`, after a reload) with a button that clears it and turns the camera on again.
// The camera is on only while the widget is on the page, enabled and holding no photo. Without a camera, or without
// the user's leave to use it, the widget says why and offers to try again.
import { button, clear, forget, heldBy, open, stamped, stopStream, submit, unwatch, whileShown } from "porch/capture.js";
import { current, frame, h, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string[]> & {
 *   resolution: number | null,
 *   max_bytes: number,
 *   url: string | null,
 *   width: string | number,
 * }} Props
 */

/**
 * Where a camera widget is: "off" (disabled, or not started yet), "starting" (asking for the camera), "live"
 * (showing it), "failed" (no camera: `note` says why), "taken" (a photo is held, maybe still on its way up).
 * @typedef {object} Cam
 * @property {"off" | "starting" | "live" | "failed" | "taken"} state
 * @property {MediaStream | null} stream
 * @property {number} attempt  counts the starts, so that a start overtaken by a stop or another start lets go
 * @property {string} note  what the widget says under the picture
 * @property {boolean} focusTake  give the "Take photo" button the focus once the camera is live
 */

/** @type {WeakMap<HTMLElement, Cam>} */
const cams = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const box = h("div", "capture-box camera-box");
  box.setAttribute("role", "group");
  const node = frame(box, "span");
  node.classList.add("capture", "camera-input");
  const video = h("video", "camera-video");
  video.muted = true;
  video.playsInline = true;
  video.setAttribute("aria-label", "Camera preview");
  const photo = h("img", "camera-photo");
  photo.alt = "The photo taken";
  const note = h("div", "capture-note");
  note.setAttribute("role", "status");
  box.append(video, photo, note);
  const actions = h("div", "capture-actions");
  const take = button("camera-take", "Take photo");
  take.dataset.variant = "primary";
  const retake = button("camera-clear", "Clear photo");
  const retry = button("camera-retry", "Try again");
  actions.append(take, retake, retry);
  node.append(box, actions);
  cams.set(node, { state: "off", stream: null, attempt: 0, note: "", focusTake: false });
  take.addEventListener("click", () => void snap(node, ctx));
  retake.addEventListener("click", () => {
    clear(node, ctx);
    const cam = /** @type {Cam} */ (cams.get(node));
    Object.assign(cam, { state: "off", note: "", focusTake: true });
    wake(node);
  });
  retry.addEventListener("click", () => {
    /** @type {Cam} */ (cams.get(node)).state = "off";
    wake(node);
  });
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setWidth(node, el.props.width);
  setLabel(node, el, /** @type {HTMLElement} */ (node.querySelector(".capture-box")));
  sync(node, el, (ids) => show(node, Array.isArray(ids) ? ids : []));
  wake(node);
}

/**
 * The server's value: a photo (the page shows the server's copy unless it has its own) or none (the camera again).
 * @param {HTMLElement} node
 * @param {string[]} ids
 */
function show(node, ids) {
  const cam = /** @type {Cam} */ (cams.get(node));
  if (ids.length) {
    sleep(node);
    Object.assign(cam, { state: "taken", note: "" });
  } else if (cam.state === "taken") {
    forget(node, null);
    Object.assign(cam, { state: "off", note: "" });
  }
  paint(node);
}

/**
 * Turn the camera on if the widget wants it (enabled, holding no photo, not failed); off if it is disabled.
 * @param {HTMLElement} node
 */
function wake(node) {
  const cam = /** @type {Cam} */ (cams.get(node));
  const el = /** @type {Elem} */ (current.get(node));
  if (el.props.disabled) {
    sleep(node);
    if (cam.state !== "taken") Object.assign(cam, { state: "off", note: "" });
  } else if (cam.state === "off") {
    void start(node);
  }
  paint(node);
}

/** @param {HTMLElement} node */
async function start(node) {
  const cam = /** @type {Cam} */ (cams.get(node));
  const attempt = ++cam.attempt;
  Object.assign(cam, { state: "starting", note: "Waiting for the camera…" });
  paint(node);
  const opened = await open("camera", { video: await wanted(node), audio: false });
  if (cam.attempt !== attempt) {
    if ("stream" in opened) stopStream(opened.stream);
    return;
  }
  if ("error" in opened) {
    Object.assign(cam, { state: "failed", note: opened.error });
    paint(node);
    return;
  }
  const video = /** @type {HTMLVideoElement} */ (node.querySelector("video"));
  cam.stream = opened.stream;
  video.srcObject = opened.stream;
  whileShown(node, () => {
    sleep(node);
    if (cam.state !== "taken") cam.state = "off";
  });
  await video.play().catch(() => {});
  if (cam.attempt !== attempt) return;
  Object.assign(cam, { state: "live", note: "" });
  paint(node);
  if (cam.focusTake) {
    cam.focusTake = false;
    /** @type {HTMLElement} */ (node.querySelector(".camera-take")).focus();
  }
}

/**
 * Let go of the camera (and of a start still asking for it).
 * @param {HTMLElement} node
 */
function sleep(node) {
  const cam = /** @type {Cam} */ (cams.get(node));
  cam.attempt++;
  stopStream(cam.stream);
  cam.stream = null;
  /** @type {HTMLVideoElement} */ (node.querySelector("video")).srcObject = null;
  unwatch(node);
}

/**
 * What to ask of the camera, as Streamlit asks: the height of the widget's `resolution`, or without one a width
 * fitted to the widget's (the browser picks the camera's nearest size) once the page has laid the widget out (a
 * widget just made is not in the page yet; one that never shows asks for the camera's own size).
 * @param {HTMLElement} node
 * @returns {Promise<MediaTrackConstraints | boolean>}
 */
async function wanted(node) {
  const height = current.get(node)?.props.resolution;
  if (height) return { height: { ideal: height } };
  for (let tries = 0; tries < LAYOUT_TRIES && !shownWidth(node); tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const width = shownWidth(node);
  return width ? { width: { ideal: width } } : true;
}

/** How many times (20 ms apart) a camera waits for its widget to be laid out before it asks for the camera. */
const LAYOUT_TRIES = 25;

/**
 * The width the widget shows the camera at (px; 0 while it is not laid out).
 * @param {HTMLElement} node
 */
function shownWidth(node) {
  if (!node.isConnected) return 0;
  const box = /** @type {HTMLElement} */ (node.querySelector(".capture-box") ?? node);
  return Math.round(box.getBoundingClientRect().width);
}

/**
 * Take a photo of what the camera shows and send it: at the size the camera gives with a `resolution`, and without
 * one at the widget's width (the camera's proportions kept), as Streamlit takes it.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 */
async function snap(node, ctx) {
  const cam = /** @type {Cam} */ (cams.get(node));
  const video = /** @type {HTMLVideoElement} */ (node.querySelector("video"));
  if (cam.state !== "live" || !video.videoWidth) return;
  const canvas = h("canvas");
  const fitted = !current.get(node)?.props.resolution;
  canvas.width = fitted ? Math.max(1, video.clientWidth || shownWidth(node)) : video.videoWidth;
  canvas.height = fitted ? Math.max(1, Math.round((canvas.width * video.videoHeight) / video.videoWidth)) :
    video.videoHeight;
  canvas.getContext("2d")?.drawImage(video, 0, 0, canvas.width, canvas.height);
  /** @type {Blob | null} */
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
  if (!blob) {
    cam.note = "The photo could not be made: try again.";
    paint(node);
    return;
  }
  sleep(node);
  forget(node, ctx);
  heldBy(node).url = URL.createObjectURL(blob);
  Object.assign(cam, { state: "taken", note: "Sending the photo…" });
  paint(node);
  /** @type {HTMLElement} */ (node.querySelector(".camera-clear")).focus();
  const failed = await submit(node, ctx, new File([blob], stamped("camera-input", "jpg"), { type: "image/jpeg" }));
  // A clear, or a new value from the server, may have come while the photo was on its way.
  if (failed === "" || /** @type {Cam["state"]} */ (cam.state) !== "taken") return;
  if (failed) forget(node, ctx);
  Object.assign(cam, failed ? { state: "failed", note: failed } : { note: "" });
  paint(node);
}

/** @param {HTMLElement} node */
function paint(node) {
  const cam = /** @type {Cam} */ (cams.get(node));
  const el = /** @type {Elem} */ (current.get(node));
  const disabled = !!el.props.disabled;
  const { state } = cam;
  node.dataset.state = state;
  /** @type {HTMLElement} */ (node.querySelector("video")).hidden = state !== "live";
  const photo = /** @type {HTMLImageElement} */ (node.querySelector(".camera-photo"));
  const src = state === "taken" ? (heldBy(node).url ?? el.props.url ?? "") : "";
  if (photo.getAttribute("src") !== src) {
    if (src) photo.src = src;
    else photo.removeAttribute("src");
  }
  photo.hidden = !src;
  const note = /** @type {HTMLElement} */ (node.querySelector(".capture-note"));
  note.textContent = cam.note || (state === "off" && disabled ? "The camera is off: this input is disabled." : "");
  note.hidden = !note.textContent;
  note.dataset.tone = state === "failed" ? "error" : "";
  const take = /** @type {HTMLButtonElement} */ (node.querySelector(".camera-take"));
  take.hidden = state !== "live" && state !== "starting";
  take.disabled = disabled || state !== "live";
  const retake = /** @type {HTMLButtonElement} */ (node.querySelector(".camera-clear"));
  retake.hidden = state !== "taken";
  retake.disabled = disabled;
  const retry = /** @type {HTMLButtonElement} */ (node.querySelector(".camera-retry"));
  retry.hidden = state !== "failed";
  retry.disabled = disabled;
}
