// A microphone: a button that records from the user's microphone (getUserMedia and MediaRecorder) until stopped, then
// turns the recording into a mono 16-bit WAV at the widget's `sample_rate` (decoded and resampled by Web Audio) and
// uploads it as a file_uploader's file is (porch/capture.js); it becomes the widget's value. The widget then plays it
// (the server's copy, `url`, after a reload) and can clear it or record another. A recording stops by itself before
// its WAV would pass the server's upload limit. Without a microphone, or without the user's leave to use it, the
// widget says why.
import { button, clear, forget, heldBy, open, stamped, stopStream, submit, unwatch, whileShown } from "porch/capture.js";
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

/** The rate a recording is taken at when the page does not know the microphone's own (`sample_rate` None). */
const FALLBACK_RATE = 48000;

/**
 * Where a microphone widget is: "idle" (nothing held), "starting" (asking for the microphone), "recording", "encoding"
 * (making the WAV), "taken" (a recording is held, maybe still on its way up), "failed" (`note` says why).
 * @typedef {object} Mic
 * @property {"idle" | "starting" | "recording" | "encoding" | "taken" | "failed"} state
 * @property {MediaStream | null} stream
 * @property {MediaRecorder | null} recorder
 * @property {number} attempt  counts the recordings, so that one overtaken by a stop or a clear lets go
 * @property {number} began  when recording began (performance.now())
 * @property {number} ticker  the interval that shows the time and stops at the size limit
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
  mics.set(node, { state: "idle", stream: null, recorder: null, attempt: 0, began: 0, ticker: 0, note: "" });
  record.addEventListener("click", () => void begin(node, ctx));
  stop.addEventListener("click", () => end(node));
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
  const stream = opened.stream;
  const track = stream.getAudioTracks()[0];
  const rate = current.get(node)?.props.sample_rate ?? track?.getSettings().sampleRate ?? FALLBACK_RATE;
  /** @type {Blob[]} */
  const chunks = [];
  let recorder;
  try {
    recorder = new MediaRecorder(stream);
  } catch (err) {
    stopStream(stream);
    Object.assign(mic, { state: "failed", note: `This browser cannot record sound (${/** @type {Error} */ (err).message}).` });
    paint(node);
    return;
  }
  recorder.addEventListener("dataavailable", (event) => {
    if (event.data.size) chunks.push(event.data);
  });
  recorder.addEventListener("stop", () => {
    stopStream(stream);
    if (mic.attempt === attempt) void finish(node, ctx, new Blob(chunks, { type: recorder.mimeType }), rate, attempt);
  });
  Object.assign(mic, { stream, recorder, began: performance.now(), note: "", state: "recording" });
  whileShown(node, () => halt(node));
  recorder.start();
  // The WAV grows by two bytes a sample: stop before it would pass the largest file the server takes.
  const limit = (Number(current.get(node)?.props.max_bytes ?? Infinity) - 44) / (2 * rate);
  mic.ticker = window.setInterval(() => {
    const seconds = (performance.now() - mic.began) / 1000;
    /** @type {HTMLElement} */ (node.querySelector(".audio-time")).textContent = clock(seconds);
    if (seconds >= limit - 0.5) {
      mic.note = "The recording stopped at the largest size this app takes.";
      end(node);
    }
  }, 200);
  paint(node);
  /** @type {HTMLElement} */ (node.querySelector(".audio-stop")).focus();
}

/**
 * Stop recording and keep what was recorded (`finish` makes it the value).
 * @param {HTMLElement} node
 */
function end(node) {
  const mic = /** @type {Mic} */ (mics.get(node));
  if (mic.state !== "recording" || !mic.recorder) return;
  window.clearInterval(mic.ticker);
  mic.state = "encoding";
  mic.recorder.stop();
  mic.recorder = null;
  unwatch(node);
  paint(node);
}

/**
 * Stop whatever is going on (asking, recording, encoding) and keep nothing of it.
 * @param {HTMLElement} node
 */
function halt(node) {
  const mic = /** @type {Mic} */ (mics.get(node));
  mic.attempt++;
  window.clearInterval(mic.ticker);
  if (mic.recorder?.state === "recording") mic.recorder.stop();
  stopStream(mic.stream);
  Object.assign(mic, { recorder: null, stream: null });
  unwatch(node);
}

/**
 * Make the WAV of a recording and send it.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 * @param {Blob} recorded  what MediaRecorder made (WebM/Opus in Chromium)
 * @param {number} rate
 * @param {number} attempt
 */
async function finish(node, ctx, recorded, rate, attempt) {
  const mic = /** @type {Mic} */ (mics.get(node));
  let wav;
  try {
    wav = await toWav(recorded, rate);
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

/**
 * A recording as a mono 16-bit PCM WAV at `rate` Hz: decoded by Web Audio at that rate (which resamples it), its
 * channels averaged.
 * @param {Blob} recorded
 * @param {number} rate
 */
async function toWav(recorded, rate) {
  const decoded = await new OfflineAudioContext(1, 1, rate).decodeAudioData(await recorded.arrayBuffer());
  const samples = new Float32Array(decoded.length);
  for (let channel = 0; channel < decoded.numberOfChannels; channel++) {
    const data = decoded.getChannelData(channel);
    for (let i = 0; i < data.length; i++) samples[i] += data[i] / decoded.numberOfChannels;
  }
  const view = new DataView(new ArrayBuffer(44 + samples.length * 2));
  const text = (/** @type {number} */ at, /** @type {string} */ s) => {
    for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true); // the size of the format chunk
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // one channel
  view.setUint32(24, decoded.sampleRate, true);
  view.setUint32(28, decoded.sampleRate * 2, true); // bytes a second
  view.setUint16(32, 2, true); // bytes a frame
  view.setUint16(34, 16, true); // bits a sample
  text(36, "data");
  view.setUint32(40, samples.length * 2, true);
  samples.forEach((sample, i) => {
    const s = Math.max(-1, Math.min(1, sample));
    view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  });
  return new Blob([view.buffer], { type: "audio/wav" });
}

/** @param {number} seconds */
function clock(seconds) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
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
