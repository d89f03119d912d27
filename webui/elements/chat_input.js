// The chat field. Enter sends the message (Shift+Enter starts a new line) as the widget's value together with
// `trigger: id`, and empties the field. `pinned`: in the page's bottom bar (root 3, which app.js and style.css keep
// at the bottom of the window); the page then follows new content while the user is at the bottom. With
// `accept_file`, files are attached with the paperclip or by dropping them on the field; each goes to the session's
// upload address as soon as it is picked (porch/upload.js, as a file_uploader's do), and the message names those
// that arrived. With `accept_audio`, a microphone button records a message as Streamlit's does: while recording the
// field gives way to the time recorded, a Cancel and a Submit button; Submit makes the WAV (porch/recorder.js, which
// audio_input shares), uploads it as the files are and sends the message at once, with the text and files in the
// field: `[text, recording id or "", file id, ...]`.
import { open, stamped, stopStream, unwatch, whileShown } from "porch/capture.js";
import { clock, record } from "porch/recorder.js";
import { discard, size, upload } from "porch/upload.js";
import { current, h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<null> & {placeholder: string, max_chars: number | null, accept_file: string,
 *   file_type: string[] | null, max_bytes: number, pinned: boolean, submit_mode: string, accept_audio: boolean,
 *   audio_sample_rate: number | null, prefill: string | null, width: string | number, height: string | number}} Props
 */
/**
 * A file attached to the message being written.
 * @typedef {object} Attached
 * @property {string} name
 * @property {"uploading" | "done" | "error"} state
 * @property {string} [id]  the server's file id, once uploaded
 * @property {string} [message]  why it was refused
 * @property {() => void} [abort]  stops its upload
 * @property {HTMLElement} chip
 */
/**
 * The field's microphone: "idle", "starting" (asking for the microphone), "recording", "sending" (making the WAV and
 * uploading it); `note` says why the last recording failed.
 * @typedef {object} Mic
 * @property {"idle" | "starting" | "recording" | "sending"} state
 * @property {import("porch/recorder.js").Recording | null} recording
 * @property {number} attempt  counts the recordings, so that one cancelled meanwhile lets go
 * @property {(() => void) | null} abort  stops the recording's upload
 * @property {string} note
 */

const SVG = "http://www.w3.org/2000/svg";
const SEND_ICON = "M5 12h13M13 6l6 6-6 6";
const STOP_ICON = "M7 7h10v10H7z";
const CLIP_ICON = "M20 11.5 12.4 19a5 5 0 0 1-7.1-7.1l8-8a3.3 3.3 0 0 1 4.7 4.7l-8 8a1.7 1.7 0 0 1-2.4-2.4L15 6.8";
const MIC_ICON = "M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5 11a7 7 0 0 0 14 0M12 18v3";
const CANCEL_ICON = "M6 6l12 12M18 6 6 18";
const APPROVE_ICON = "M5 12.5l4.5 4.5L19 7.5";
/** How close to the end of the page (px) still counts as "at the bottom" for following new content. */
const BOTTOM_SLACK = 64;

/** @type {WeakMap<HTMLElement, Attached[]>} */
const attachedOf = new WeakMap();
/** @type {WeakMap<HTMLElement, Ctx>} */
const ctxOf = new WeakMap();
/** @type {WeakMap<HTMLElement, Mic>} */
const mics = new WeakMap();
/** The field's text as last accepted within `max_chars`: what an edit that would go over it leaves. */
/** @type {WeakMap<HTMLTextAreaElement, string>} */
const kept = new WeakMap();
/**
 * Fields waiting for the run their message caused to end (`submit_mode` "disable" or "stop"), with the number of the
 * page's latest run when the message went: the run it causes has another number.
 * @type {Map<HTMLElement, string | undefined>}
 */
const waiting = new Map();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "widget chat-input");
  const inner = h("div", "chat-inner");
  const files = h("ul", "chat-files");
  files.hidden = true;
  const box = h("div", "chat-box");
  const area = h("textarea", "chat-field");
  area.rows = 1;
  const attach = h("button", "chat-button chat-attach");
  attach.type = "button";
  attach.setAttribute("aria-label", "Attach files");
  attach.title = "Attach files";
  attach.append(icon(CLIP_ICON));
  const picker = h("input", "chat-picker");
  picker.type = "file";
  picker.hidden = true;
  picker.tabIndex = -1;
  const send = h("button", "chat-button chat-send");
  send.type = "button";
  send.append(icon(SEND_ICON));
  const count = h("span", "chat-count");
  count.setAttribute("aria-hidden", "true");
  const mic = chatButton("chat-mic", "Start recording", MIC_ICON);
  const recording = h("div", "chat-recording");
  const time = h("span", "chat-recording-time", "0:00");
  time.setAttribute("role", "timer");
  time.setAttribute("aria-label", "Recording time");
  recording.append(h("span", "chat-recording-dot"), time);
  const cancel = chatButton("chat-cancel", "Cancel recording", CANCEL_ICON);
  const approve = chatButton("chat-approve", "Submit recording", APPROVE_ICON);
  const note = h("div", "chat-note");
  note.setAttribute("role", "status");
  box.append(attach, picker, area, recording, mic, cancel, approve, send);
  inner.append(files, box, count, note);
  node.append(inner);
  attachedOf.set(node, []);
  ctxOf.set(node, ctx);
  mics.set(node, { state: "idle", recording: null, attempt: 0, abort: null, note: "" });
  mic.addEventListener("click", () => void startRecording(node, ctx));
  cancel.addEventListener("click", () => {
    halt(node);
    paintState(node);
    field(node).focus();
  });
  approve.addEventListener("click", () => void sendRecording(node, ctx));

  area.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit(node, ctx);
    }
  });
  area.addEventListener("input", () => {
    // As Streamlit's field: an edit that would make the text longer than max_chars (a key typed at the limit, a
    // paste too long) is dropped whole, and the text stays as it was.
    const max = current.get(node)?.props.max_chars;
    if (max && area.value.length > max) area.value = (kept.get(area) ?? "").slice(0, max);
    kept.set(area, area.value);
    paintState(node);
  });
  send.addEventListener("click", () => {
    if (node.dataset.waiting === "stop") document.getElementById("porch-stop")?.click();
    else submit(node, ctx);
  });
  attach.addEventListener("click", () => picker.click());
  picker.addEventListener("change", () => {
    add(node, [...(picker.files ?? [])], ctx);
    picker.value = "";
  });
  box.addEventListener("dragover", (event) => {
    if (takesFiles(node) && !isOff(node) && mics.get(node)?.state === "idle") {
      event.preventDefault();
      box.classList.add("dragging");
    }
  });
  box.addEventListener("dragleave", () => box.classList.remove("dragging"));
  box.addEventListener("drop", (event) => {
    box.classList.remove("dragging");
    if (!takesFiles(node) || isOff(node) || mics.get(node)?.state !== "idle") return;
    event.preventDefault();
    add(node, [...(event.dataTransfer?.files ?? [])], ctx);
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
  const { placeholder, max_chars, accept_file, file_type, pinned, prefill, height } = el.props;
  node.dataset.pinned = String(!!pinned);
  const inner = /** @type {HTMLElement} */ (node.firstElementChild);
  setWidth(inner, el.props.width);
  const area = field(node);
  area.placeholder = String(placeholder ?? "");
  area.setAttribute("aria-label", String(placeholder ?? "Your message"));
  area.dataset.height = typeof height === "number" ? "px" : String(height ?? "content");
  area.style.minHeight = typeof height === "number" ? `${height}px` : "";
  const picker = /** @type {HTMLInputElement} */ (node.querySelector(".chat-picker"));
  picker.multiple = accept_file === "multiple" || accept_file === "directory";
  picker.webkitdirectory = accept_file === "directory";
  picker.accept = (file_type ?? []).join(",");
  if (!el.props.accept_audio || el.props.disabled) halt(node);
  // Text the script put into the field: taken once, when it changes (so that the user may then edit or clear it).
  const given = prefill ?? "";
  if (given !== (node.dataset.prefill ?? "")) {
    node.dataset.prefill = given;
    if (prefill != null) {
      area.value = max_chars ? prefill.slice(0, max_chars) : prefill;
      kept.set(area, area.value);
    }
  }
  if (pinned) follow();
  paintState(node);
}

/**
 * The field and its buttons as the props, the text and the attached files allow.
 * @param {HTMLElement} node
 */
function paintState(node) {
  const el = current.get(node);
  if (!el) return;
  const area = field(node);
  const off = isOff(node);
  const stopping = node.dataset.waiting === "stop";
  const attached = attachedOf.get(node) ?? [];
  const uploading = attached.some((a) => a.state === "uploading");
  const mic = /** @type {Mic} */ (mics.get(node));
  const recording = mic.state === "recording" || mic.state === "sending";
  node.classList.toggle("disabled", !!el.props.disabled);
  node.dataset.recording = mic.state;
  area.disabled = off;
  area.hidden = recording;
  const attach = /** @type {HTMLButtonElement} */ (node.querySelector(".chat-attach"));
  attach.hidden = !takesFiles(node) || recording; // as Streamlit's: the recording takes the whole field
  attach.disabled = off;
  const micButton = /** @type {HTMLButtonElement} */ (node.querySelector(".chat-mic"));
  micButton.hidden = !el.props.accept_audio || recording;
  micButton.disabled = off || mic.state === "starting" || uploading;
  /** @type {HTMLElement} */ (node.querySelector(".chat-recording")).hidden = !recording;
  /** @type {HTMLElement} */ (node.querySelector(".chat-cancel")).hidden = !recording;
  const approve = /** @type {HTMLButtonElement} */ (node.querySelector(".chat-approve"));
  approve.hidden = !recording;
  approve.disabled = mic.state === "sending";
  const note = /** @type {HTMLElement} */ (node.querySelector(".chat-note"));
  note.textContent = mic.state === "sending" ? "Sending the recording…" : mic.note;
  note.hidden = !note.textContent;
  note.dataset.tone = mic.state === "idle" && mic.note ? "error" : "";
  const send = /** @type {HTMLButtonElement} */ (node.querySelector(".chat-send"));
  const empty = area.value.trim() === "" && !attached.some((a) => a.state === "done");
  send.hidden = recording;
  send.disabled = stopping ? false : off || empty || uploading;
  const label = stopping ? "Stop" : "Send message";
  send.setAttribute("aria-label", label);
  send.title = label;
  const path = /** @type {SVGPathElement} */ (send.querySelector("path"));
  path.setAttribute("d", stopping ? STOP_ICON : SEND_ICON);
  const count = /** @type {HTMLElement} */ (node.querySelector(".chat-count"));
  const max = el.props.max_chars;
  count.hidden = !max;
  count.textContent = max ? `${area.value.length}/${max}` : "";
}

/**
 * Send the message: its text, the files that arrived and the recording (`audio`, its id: the microphone's Submit);
 * then empty the field.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 * @param {string} [audio]
 * @returns {boolean} whether it was sent
 */
function submit(node, ctx, audio = "") {
  const el = current.get(node);
  if (!el?.id || isOff(node)) return false;
  const area = field(node);
  const attached = attachedOf.get(node) ?? [];
  if (attached.some((a) => a.state === "uploading")) return false;
  const ids = attached.flatMap((a) => (a.state === "done" && a.id ? [a.id] : []));
  const text = area.value;
  if (text.trim() === "" && !ids.length && !audio) return false;
  /** @type {unknown} */
  let value = text;
  if (el.props.accept_audio) value = [text, audio, ...ids];
  else if (takesFiles(node)) value = [text, ...ids];
  ctx.send({ [el.id]: value }, el.id);
  area.value = "";
  kept.set(area, "");
  setAttached(node, []); // the message holds them now: the server frees them after its run
  const mode = el.props.submit_mode;
  if (mode === "disable" || mode === "stop") {
    waiting.set(node, document.body.dataset.runCount);
    node.dataset.waiting = mode;
    node.dataset.refocus = String(document.activeElement === area);
    watchRuns();
  }
  paintState(node);
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// submit_mode "disable" and "stop": the page's run state (body[data-run], set by app.js) says when the run ends. It is
// read as it stands, not step by step: a quick run's start and end may come in one frame, seen as one change here.
// ---------------------------------------------------------------------------------------------------------------

/** @type {MutationObserver | null} */
let runWatcher = null;

function watchRuns() {
  if (runWatcher) return;
  runWatcher = new MutationObserver(() => {
    const { run, runStatus, runCount } = document.body.dataset;
    for (const [node, sentDuring] of [...waiting]) {
      if (!node.isConnected) waiting.delete(node);
      else if (run === "finished" && runStatus !== "rerun" && runCount !== sentDuring) {
        waiting.delete(node);
        delete node.dataset.waiting;
        paintState(node);
        if (node.dataset.refocus === "true") field(node).focus();
      }
    }
    if (!waiting.size) {
      runWatcher?.disconnect();
      runWatcher = null;
    }
  });
  runWatcher.observe(document.body, {
    attributes: true, attributeFilter: ["data-run", "data-run-status", "data-run-count"],
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Pinned: following new content while the user is at the bottom of the page.
// ---------------------------------------------------------------------------------------------------------------

let atBottom = true;
let following = false;

function follow() {
  if (following) return;
  following = true;
  const root = document.getElementById("porch-main-root");
  const end = () => document.documentElement.scrollHeight - window.innerHeight;
  window.addEventListener("scroll", () => (atBottom = window.scrollY >= end() - BOTTOM_SLACK), { passive: true });
  if (root) {
    new ResizeObserver(() => {
      if (atBottom && document.querySelector('.chat-input[data-pinned="true"]')) window.scrollTo(0, end());
    }).observe(root);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The microphone (accept_audio).
// ---------------------------------------------------------------------------------------------------------------

/**
 * Ask for the microphone, then record until Submit, Cancel or the size limit.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 */
async function startRecording(node, ctx) {
  const mic = /** @type {Mic} */ (mics.get(node));
  const el = current.get(node);
  if (!el?.props.accept_audio || isOff(node) || mic.state !== "idle") return;
  const attempt = ++mic.attempt;
  Object.assign(mic, { state: "starting", note: "" });
  paintState(node);
  const opened = await open("microphone", { audio: true, video: false });
  if (mic.attempt !== attempt) {
    if ("stream" in opened) stopStream(opened.stream);
    return;
  }
  if ("error" in opened) {
    Object.assign(mic, { state: "idle", note: opened.error });
    paintState(node);
    return;
  }
  const time = /** @type {HTMLElement} */ (node.querySelector(".chat-recording-time"));
  time.textContent = clock(0);
  try {
    mic.recording = record(opened.stream, {
      rate: current.get(node)?.props.audio_sample_rate,
      maxBytes: Number(current.get(node)?.props.max_bytes ?? Infinity),
      onTick: (seconds) => (time.textContent = clock(seconds)),
      onLimit: () => void sendRecording(node, ctx), // at the largest file the app takes: sent as it is
    });
  } catch (err) {
    Object.assign(mic, { state: "idle", note: /** @type {Error} */ (err).message });
    paintState(node);
    return;
  }
  mic.state = "recording";
  whileShown(node, () => halt(node));
  paintState(node);
  /** @type {HTMLElement} */ (node.querySelector(".chat-approve")).focus();
}

/**
 * Submit: stop recording, make the WAV, upload it, then send the message with it.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 */
async function sendRecording(node, ctx) {
  const mic = /** @type {Mic} */ (mics.get(node));
  const el = current.get(node);
  if (mic.state !== "recording" || !mic.recording || !el) return;
  const attempt = mic.attempt;
  const made = mic.recording.stop();
  mic.recording = null;
  mic.state = "sending";
  unwatch(node);
  paintState(node);
  /** @type {string} */
  let failed;
  try {
    const wav = await made;
    if (mic.attempt !== attempt) return;
    const file = new File([wav], stamped("audio", "wav"), { type: "audio/wav" });
    const max = el.props.max_bytes;
    if (max && file.size > max) {
      failed = `The recording is ${size(file.size)}; this app takes at most ${size(max)}.`;
    } else {
      const sending = upload(ctx, current.get(node)?.id, file);
      mic.abort = sending.abort;
      const sent = await sending.result;
      mic.abort = null;
      if (mic.attempt !== attempt || "aborted" in sent) return;
      if ("id" in sent) {
        Object.assign(mic, { state: "idle", note: "" });
        if (!submit(node, ctx, sent.id)) discard(ctx, current.get(node)?.id, sent.id);
        paintState(node);
        field(node).focus();
        return;
      }
      failed = sent.error;
    }
  } catch (err) {
    if (mic.attempt !== attempt) return;
    failed = `The recording could not be read (${/** @type {Error} */ (err).message}).`;
  }
  Object.assign(mic, { state: "idle", note: failed });
  paintState(node);
}

/**
 * Stop whatever the microphone is doing (asking, recording, sending) and keep nothing of it.
 * @param {HTMLElement} node
 */
function halt(node) {
  const mic = mics.get(node);
  if (!mic || (mic.state === "idle" && !mic.recording)) return;
  mic.attempt++;
  mic.recording?.cancel();
  mic.abort?.();
  Object.assign(mic, { state: "idle", recording: null, abort: null });
  unwatch(node);
}

// ---------------------------------------------------------------------------------------------------------------
// Attached files.
// ---------------------------------------------------------------------------------------------------------------

/**
 * Attach picked or dropped files: one replaces the one attached unless the field takes several.
 * @param {HTMLElement} node
 * @param {File[]} picked
 * @param {Ctx} ctx
 */
function add(node, picked, ctx) {
  const el = current.get(node);
  if (!el || !picked.length) return;
  let attached = attachedOf.get(node) ?? [];
  if (el.props.accept_file === "single") {
    for (const old of attached) drop(node, old, ctx);
    attached = [];
    picked = picked.slice(0, 1);
  }
  const added = picked.map((file) => {
    const relative = /** @type {File & {webkitRelativePath?: string}} */ (file).webkitRelativePath;
    /** @type {Attached} */
    const item = { name: relative || file.name, state: "uploading", chip: h("li", "chat-file") };
    const problem = refusal(el, file);
    if (problem) Object.assign(item, { state: "error", message: problem });
    else sendFile(node, item, file, ctx);
    return item;
  });
  setAttached(node, [...attached, ...added]);
}

/**
 * Why the server would refuse `file`, or null: its size or its type.
 * @param {Elem} el
 * @param {File} file
 */
function refusal(el, file) {
  const { max_bytes, file_type } = el.props;
  if (max_bytes && file.size > max_bytes) {
    return `${file.name} is ${size(file.size)}; files may be at most ${size(max_bytes)}.`;
  }
  /** @type {string[]} */
  const types = file_type ?? [];
  const name = file.name.toLowerCase();
  const mime = (file.type || "").toLowerCase();
  const fits = (/** @type {string} */ t) =>
    t.startsWith(".") ? name.endsWith(t) : t.endsWith("/*") ? mime.startsWith(t.slice(0, -1)) : mime === t;
  if (types.length && !types.some(fits)) return `${file.name} is not an accepted file type (${types.join(", ")}).`;
  return null;
}

/**
 * Send the file to the session's upload address; its chip follows.
 * @param {HTMLElement} node
 * @param {Attached} item
 * @param {File} file
 * @param {Ctx} ctx
 */
function sendFile(node, item, file, ctx) {
  const sending = upload(ctx, current.get(node)?.id, file);
  item.abort = sending.abort;
  sending.result.then((sent) => {
    item.abort = undefined;
    if ("aborted" in sent) return;
    if ("id" in sent) Object.assign(item, { state: "done", id: sent.id });
    else Object.assign(item, { state: "error", message: sent.error });
    paintChip(node, item);
    paintState(node);
  });
}

/**
 * Take a file off the message: stop its upload, or tell the server to free it.
 * @param {HTMLElement} node
 * @param {Attached} item
 * @param {Ctx} ctx
 */
function drop(node, item, ctx) {
  item.abort?.();
  if (item.state === "done" && item.id) discard(ctx, current.get(node)?.id, item.id);
}

/**
 * @param {HTMLElement} node
 * @param {Attached[]} attached
 */
function setAttached(node, attached) {
  const list = /** @type {HTMLElement} */ (node.querySelector(".chat-files"));
  attachedOf.set(node, attached);
  list.replaceChildren(...attached.map((item) => item.chip));
  list.hidden = !attached.length;
  for (const item of attached) paintChip(node, item);
  paintState(node);
}

/**
 * @param {HTMLElement} node
 * @param {Attached} item
 */
function paintChip(node, item) {
  const chip = item.chip;
  chip.dataset.state = item.state;
  if (!chip.firstChild) {
    const remove = h("button", "chat-file-remove", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", `Remove ${item.name}`);
    remove.addEventListener("click", () => {
      const ctx = ctxOf.get(node);
      if (ctx) drop(node, item, ctx);
      setAttached(node, (attachedOf.get(node) ?? []).filter((a) => a !== item));
    });
    const error = h("span", "chat-file-error");
    error.setAttribute("role", "alert");
    chip.append(h("span", "chat-file-name", item.name), error, remove);
  }
  const error = /** @type {HTMLElement} */ (chip.querySelector(".chat-file-error"));
  error.textContent = item.message ?? "";
  error.hidden = !item.message;
}

// ---------------------------------------------------------------------------------------------------------------

/** @param {HTMLElement} node */
function field(node) {
  return /** @type {HTMLTextAreaElement} */ (node.querySelector(".chat-field"));
}

/** @param {HTMLElement} node */
function takesFiles(node) {
  const kind = current.get(node)?.props.accept_file;
  return !!kind && kind !== "false";
}

/**
 * Whether the field takes no input now: disabled by the script, or waiting for its run (submit_mode).
 * @param {HTMLElement} node
 */
function isOff(node) {
  return !!current.get(node)?.props.disabled || !!node.dataset.waiting;
}

/**
 * A round button of the field with an icon, named for assistive technology.
 * @param {string} className
 * @param {string} label
 * @param {string} d
 */
function chatButton(className, label, d) {
  const it = h("button", `chat-button ${className}`);
  it.type = "button";
  it.setAttribute("aria-label", label);
  it.title = label;
  it.append(icon(d));
  return it;
}

/** @param {string} d */
function icon(d) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  svg.append(path);
  return svg;
}
