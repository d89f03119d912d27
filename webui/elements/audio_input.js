// A microphone: a button that records from the user's microphone (getUserMedia, then porch/recorder.js, which
// chat_input's microphone shares) until stopped, then turns the recording into a mono 16-bit WAV at the widget's
// `sample_rate` (decoded and resampled by Web Audio) and uploads it as a file_uploader's file is (porch/capture.js);
// it becomes the widget's value. The widget then plays it (the server's copy, `url`, after a reload) and can clear it
// or record another. A recording stops by itself before its WAV would pass the server's upload limit. Without a
// microphone, or without the user's leave to use it, the widget says why.
import { button, clear, forget, heldBy, open, stamped, stopStream, submit, unwatch, whileShown } from "porch/capture.js";
import { clock, record } from "porch/recorder.js";
import { current, frame, h, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string[]> & {
 *   sample_rate: number | null,
 *   max_bytes: number,
 *   url: string | null,
 *   width: string | number,
 * }} Props
 */

/**
 * Where a microphone widget is: "idle" (nothing held), "starting" (asking for the microphone), "recording", "encoding"
 * (making the WAV), "taken" (a recording is held, maybe still on its way up), "failed" (`note` says why).
 * @typedef {object} Mic
 * @property {"idle" | "starting" | "recording" | "encoding" | "taken" | "failed"} state
 * @property {import("porch/recorder.js").Recording | null} recording
 * @property {number} attempt  counts the recordings, so that one overtaken by a stop or a clear lets go
 * @property {string} note
 */

/** @type {WeakMap<HTMLElement, Mic>} */
const mics = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const box = h("div", "capture-box audio-box");
  box.setAttribute("role", "group");
  const node = frame(box, "span");
  node.classList.add("capture", "audio-input");
  const record = button("audio-record", "Record");
  record.dataset.variant = "primary";
  const stop = button("audio-stop", "Stop recording");
  const time = h("span", "audio-time", "0:00");
  time.setAttribute("role", "timer");
  time.setAttribute("aria-label", "Recording time");
  const player = h("audio", "audio-playback");
  player.controls = true;
  player.preload = "metadata";
  player.setAttribute("aria-label", "The recording");
  const remove = button("audio-clear", "Clear recording");
  const note = h("div", "capture-note");
  note.setAttribute("role", "status");
  box.append(record, stop, time, player, remove);
  node.append(box, note);
  mics.set(node, { state: "idle", recording: null, attempt: 0, note: "" });
  record.addEventListener("click", () => void begin(node, ctx));
  stop.addEventListener("click", () => end(node, ctx));
  remove.addEventListener("click", () => {
    halt(node);
    clear(node, ctx);
    Object.assign(/** @type {Mic} */ (mics.get(node)), { state: "idle", note: "" });
    paint(node);
    record.focus();
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
  const mic = /** @type {Mic} */ (mics.get(node));
  if (el.props.disabled && (mic.state === "starting" || mic.state === "recording")) {
    halt(node);
    Object.assign(mic, { state: "idle", note: "" });
  }
  paint(node);
}

/**
 * The server's value: a recording (played from the server's copy unless the page has its own) or none.
 * @param {HTMLElement} node
 * @param {string[]} ids
 */
function show(node, ids) {
  const mic = /** @type {Mic} */ (mics.get(node));
  if (ids.length) {
    halt(node);
    Object.assign(mic, { state: "taken", note: "" });
  } else if (mic.state === "taken") {
    forget(node, null);
    Object.assign(mic, { state: "idle", note: "" });
  }
  paint(node);
}

/**
 * Start recording: ask for the microphone, then record until `end` (the Stop button, the size limit).
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 */
async function begin(node, ctx) {
  const mic = /** @type {Mic} */ (mics.get(node));
  const el = /** @type {Elem} */ (current.get(node));
  if (el.props.disabled || mic.state === "starting" || mic.state === "recording" || mic.state === "encoding") return;
  halt(node);
  const attempt = mic.attempt;
  Object.assign(mic, { state: "starting", note: "Waiting for the microphone…" });
  paint(node);
  const opened = await open("microphone", { audio: true, video: false });
  if (mic.attempt !== attempt) {
    if ("stream" in opened) stopStream(opened.stream);
    return;
  }
  if ("error" in opened) {
    Object.assign(mic, { state: "failed", note: opened.error });
    paint(node);
    return;
  }
  const time = /** @type {HTMLElement} */ (node.querySelector(".audio-time"));
  let recording;
  try {
    recording = record(opened.stream, {
      rate: current.get(node)?.props.sample_rate,
      maxBytes: Number(current.get(node)?.props.max_bytes ?? Infinity),
      onTick: (seconds) => (time.textContent = clock(seconds)),
      onLimit: () => {
        mic.note = "The recording stopped at the largest size this app takes.";
        end(node, ctx);
      },
    });
  } catch (err) {
    Object.assign(mic, { state: "failed", note: /** @type {Error} */ (err).message });
    paint(node);
    return;
  }
  Object.assign(mic, { recording, note: "", state: "recording" });
  whileShown(node, () => halt(node));
  paint(node);
  /** @type {HTMLElement} */ (node.querySelector(".audio-stop")).focus();
}

/**
 * Stop recording and make what was recorded the value.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 */
function end(node, ctx) {
  const mic = /** @type {Mic} */ (mics.get(node));
  if (mic.state !== "recording" || !mic.recording) return;
  mic.state = "encoding";
  const wav = mic.recording.stop();
  mic.recording = null;
  unwatch(node);
  paint(node);
  void finish(node, ctx, wav, mic.attempt);
}

/**
 * Stop whatever is going on (asking, recording, encoding) and keep nothing of it.
 * @param {HTMLElement} node
 */
function halt(node) {
  const mic = /** @type {Mic} */ (mics.get(node));
  mic.attempt++;
  mic.recording?.cancel();
  mic.recording = null;
  unwatch(node);
}

/**
 * Send the WAV of a recording.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 * @param {Promise<Blob>} made  the WAV, on its way (porch/recorder.js)
 * @param {number} attempt
 */
async function finish(node, ctx, made, attempt) {
  const mic = /** @type {Mic} */ (mics.get(node));
  let wav;
  try {
    wav = await made;
  } catch (err) {
    if (mic.attempt !== attempt) return;
    Object.assign(mic, { state: "failed", note: `The recording could not be read (${/** @type {Error} */ (err).message}).` });
    paint(node);
    return;
  }
  if (mic.attempt !== attempt) return;
  forget(node, ctx);
  heldBy(node).url = URL.createObjectURL(wav);
  Object.assign(mic, { state: "taken", note: mic.note || "Sending the recording…" });
  paint(node);
  /** @type {HTMLElement} */ (node.querySelector(".audio-clear")).focus();
  const failed = await submit(node, ctx, new File([wav], stamped("audio", "wav"), { type: "audio/wav" }));
  if (failed === "" || mic.attempt !== attempt || mic.state !== "taken") return;
  if (failed) forget(node, ctx);
  Object.assign(mic, failed ? { state: "failed", note: failed } : { note: mic.note.endsWith("…") ? "" : mic.note });
  paint(node);
}

/** @param {HTMLElement} node */
function paint(node) {
  const mic = /** @type {Mic} */ (mics.get(node));
  const el = /** @type {Elem} */ (current.get(node));
  const disabled = !!el.props.disabled;
  const { state } = mic;
  node.dataset.state = state;
  const record = /** @type {HTMLButtonElement} */ (node.querySelector(".audio-record"));
  record.hidden = state === "recording" || state === "encoding";
  record.disabled = disabled || state === "starting";
  record.textContent = state === "taken" ? "Record again" : "Record";
  /** @type {HTMLElement} */ (node.querySelector(".audio-stop")).hidden = state !== "recording";
  const time = /** @type {HTMLElement} */ (node.querySelector(".audio-time"));
  time.hidden = state !== "recording";
  if (state !== "recording") time.textContent = "0:00";
  const player = /** @type {HTMLAudioElement} */ (node.querySelector(".audio-playback"));
  const src = state === "taken" ? (heldBy(node).url ?? el.props.url ?? "") : "";
  if (player.getAttribute("src") !== src) {
    if (src) player.src = src;
    else player.removeAttribute("src");
  }
  player.hidden = !src;
  const remove = /** @type {HTMLButtonElement} */ (node.querySelector(".audio-clear"));
  remove.hidden = state !== "taken";
  remove.disabled = disabled;
  const note = /** @type {HTMLElement} */ (node.querySelector(".capture-note"));
  note.textContent = mic.note || (state === "encoding" ? "Preparing the recording…" : "");
  note.hidden = !note.textContent;
  note.dataset.tone = state === "failed" ? "error" : "";
}
