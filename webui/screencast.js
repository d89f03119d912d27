// The app menu's "Record screen", as Streamlit 1.67's screencast: a dialog asks whether to record audio too ("Start
// recording!"), the browser asks which screen, window or tab to capture (`getDisplayMedia`; the app's own tab is
// offered too), a 3-2-1 countdown, then MediaRecorder records WebM until Escape, the menu's "Stop recording", or the
// browser's own "Stop sharing"; a last dialog previews the video and saves it to disk from a blob URL, so nothing
// leaves the page. Escape or "Cancel recording" during the countdown gives up before anything is recorded.
//
// Shown only where it can work (`supported`): a browser with getDisplayMedia, getUserMedia and WebM recording (which
// needs a secure context: https, or the machine's own address), and not the desktop window, whose shell grants the
// page its camera and microphone but no screen capture (shell/qt_window.py). Where the browser then refuses (the user
// cancelled the picker, a policy forbids capture), Streamlit's "unsupported" dialog says so, with the browser's reason.
//
// Loaded by menu.js (so with menu.css, where its styles are) when the menu is first used.
import { h } from "porch/widget.js";

/** What is recorded, as Streamlit's (`video/webm`). */
const MIME = "video/webm";
/** The countdown's first number; one a second. */
const COUNTDOWN = 3;

/**
 * Where a screencast is: "off", "setup" (its dialog is open), "countdown", "recording", "preview" (the video's dialog).
 * @typedef {"off" | "setup" | "countdown" | "recording" | "preview"} ScreencastState
 */
/**
 * A dialog of the menu's (menu.js `modal`): titled, closed by its button, Escape or the backdrop.
 * @typedef {(title: string, name: string) => HTMLDialogElement} Modal
 */

/** Whether this page can record a screencast (see the module's comment). */
export function supported() {
  if (document.body.dataset.runtime === "desktop") return false;
  try {
    const devices = navigator.mediaDevices;
    return !!devices && typeof devices.getDisplayMedia === "function" && typeof devices.getUserMedia === "function"
      && typeof MediaRecorder === "function" && MediaRecorder.isTypeSupported(MIME);
  } catch {
    return false;
  }
}

export class Screencast {
  /**
   * @param {Modal} modal
   * @param {(state: ScreencastState) => void} changed  told of every change of state (the menu redraws its item)
   */
  constructor(modal, changed) {
    this.modal = modal;
    this.changed = changed;
    /** @type {ScreencastState} */
    this.state = "off";
    /** Also record the microphone: the setup dialog's choice, kept for the page as Streamlit's. */
    this.recordAudio = false;
    /** @type {MediaStream | null} */
    this.stream = null;
    /** @type {MediaRecorder | null} */
    this.recorder = null;
    /** @type {Blob[]} */
    this.chunks = [];
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {HTMLElement | null} */
    this.overlay = null;
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
      if (this.state === "countdown" || this.state === "recording") {
        event.preventDefault();
        this.stop();
      }
    });
  }

  /** @param {ScreencastState} state */
  set(state) {
    this.state = state;
    this.changed(state);
  }

  /** The menu's item: set up a recording when there is none, else cancel the countdown or stop the recording. */
  toggle() {
    if (this.state === "off") this.setup();
    else this.stop();
  }

  /** Streamlit's first dialog: what it does, "Also record audio", and "Start recording!". */
  setup() {
    const dialog = this.modal("Record a screencast", "screencast");
    const body = h("div", "porch-menu-dialog-body");
    const audio = /** @type {HTMLInputElement} */ (h("input"));
    audio.type = "checkbox";
    audio.name = "recordAudio";
    audio.checked = this.recordAudio;
    audio.addEventListener("change", () => (this.recordAudio = audio.checked));
    const label = h("label", "porch-screencast-audio");
    label.append(audio, " Also record audio");
    const hint = h("p", "porch-screencast-hint");
    hint.append("Press ", h("code", "", "Esc"), " any time to stop recording.");
    body.append(
      h("p", "", "This will record a video with the contents of your screen, so you can easily share what you're "
        + "seeing with others."),
      label, hint,
    );
    const buttons = h("div", "porch-menu-dialog-buttons");
    const start = h("button", "porch-menu-dialog-button", "Start recording!");
    let starting = false;
    start.addEventListener("click", () => {
      starting = true;
      dialog.close();
      this.start(); // within the click: the browser asks for the screen only on a user's gesture
    });
    dialog.addEventListener("close", () => {
      if (!starting) this.set("off");
    });
    buttons.append(start);
    dialog.append(body, buttons);
    this.set("setup");
    dialog.showModal();
    start.focus();
  }

  /** Ask the browser for the screen (and the microphone), then count down. */
  async start() {
    /** @type {MediaStreamTrack[]} */
    let tracks = [];
    try {
      // The app's own tab is what one usually records; Chromium leaves it out of its picker unless asked.
      const screen = await navigator.mediaDevices.getDisplayMedia(
        /** @type {DisplayMediaStreamOptions} */ ({ video: true, selfBrowserSurface: "include" }));
      tracks = screen.getTracks();
      if (this.recordAudio) {
        const microphone = await navigator.mediaDevices.getUserMedia({ video: false, audio: true });
        tracks = tracks.concat(microphone.getAudioTracks());
      }
      this.stream = new MediaStream(tracks);
      this.chunks = [];
      const recorder = new MediaRecorder(this.stream, { mimeType: MIME });
      recorder.addEventListener("dataavailable", (event) => {
        if (event.data.size) this.chunks.push(event.data);
      });
      // Stopped by us, or on its own when the browser's "Stop sharing" ended the capture: show what was recorded.
      recorder.addEventListener("stop", () => this.preview());
      this.recorder = recorder;
    } catch (error) {
      tracks.forEach((track) => track.stop());
      this.stream = null;
      this.unsupported(error);
      return;
    }
    for (const track of this.stream.getVideoTracks()) track.addEventListener("ended", () => this.stop());
    this.set("countdown");
    this.count(COUNTDOWN);
  }

  /**
   * Show `n` over the page for a second, then the next; after 1, record.
   * @param {number} n
   */
  count(n) {
    if (this.state !== "countdown") return;
    if (n === 0) {
      this.overlay?.remove();
      this.overlay = null;
      this.record();
      return;
    }
    this.overlay?.remove();
    this.overlay = h("div", "porch-screencast-countdown", String(n));
    this.overlay.setAttribute("aria-live", "assertive");
    document.body.append(this.overlay);
    this.timer = setTimeout(() => this.count(n - 1), 1000);
  }

  record() {
    try {
      this.recorder?.start();
    } catch (error) {
      this.release();
      this.unsupported(error);
      return;
    }
    this.set("recording");
  }

  /** Escape or the menu's item: cancel the countdown, or stop the recording and preview it. */
  stop() {
    if (this.state === "countdown") {
      clearTimeout(this.timer);
      this.overlay?.remove();
      this.overlay = null;
      this.recorder = null;
      this.release();
      this.set("off");
    } else if (this.state === "recording" && this.recorder?.state !== "inactive") {
      this.recorder?.stop(); // its "stop" event previews (also when it stopped on its own)
    }
  }

  /** End the capture: the browser's "sharing" indicator goes away. */
  release() {
    this.stream?.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }

  /** Streamlit's "Next steps": the video to watch, and to save to disk (from a blob URL: nothing leaves the page). */
  preview() {
    if (this.state !== "recording") return;
    this.release();
    this.recorder = null;
    const video = new Blob(this.chunks, { type: MIME });
    this.chunks = [];
    const url = URL.createObjectURL(video);
    const dialog = this.modal("Next steps", "screencast-preview");
    dialog.classList.add("porch-screencast-preview");
    const player = /** @type {HTMLVideoElement} */ (h("video", "porch-screencast-video"));
    player.src = url;
    player.controls = true;
    const save = h("button", "porch-menu-dialog-button", "Save video to disk");
    save.addEventListener("click", () => {
      const anchor = h("a");
      anchor.setAttribute("href", url);
      anchor.setAttribute("download", `${fileName()}.webm`);
      anchor.click();
      dialog.close();
    });
    // Streamlit links "WebM format" to webmproject.org; the page names no address beyond its own origin.
    const webm = h("strong", "", "WebM format");
    const format = h("p", "porch-screencast-note");
    format.append("This video is encoded in the ", webm, ", which is only supported by newer video players. You can "
      + "also play it by dragging the file directly into your browser.");
    const saving = h("div");
    saving.append(save, format);
    dialog.append(
      step("Step 1", h("p", "", "Preview your video below:"), player),
      step("Step 2", saving),
      step("Step 3", "Share your video with the world on Twitter, LinkedIn, YouTube, or just plain email! 😀"),
    );
    dialog.addEventListener("close", () => {
      URL.revokeObjectURL(url);
      this.set("off");
    });
    this.set("preview");
    dialog.showModal();
    save.focus();
  }

  /**
   * Streamlit's dialog for a browser that cannot record, with the browser's reason.
   * @param {unknown} error
   */
  unsupported(error) {
    const dialog = this.modal("Record a screencast", "screencast-unsupported");
    const body = h("div", "porch-menu-dialog-body porch-screencast-unsupported");
    body.append(h("span", "porch-screencast-alien", "👾"), h("p", "", "Due to limitations with some browsers, this "
      + "feature is only supported on recent desktop versions of Chrome, Firefox, and Edge."));
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    dialog.append(body, h("p", "porch-screencast-note", `The browser said: ${reason}`));
    dialog.addEventListener("close", () => this.set("off"));
    this.set("off");
    dialog.showModal();
  }
}

/**
 * A step of the preview: its name, and what it says.
 * @param {string} name
 * @param {...(Node | string)} content
 */
function step(name, ...content) {
  const row = h("div", "porch-screencast-step");
  const text = h("div", "porch-screencast-step-text");
  text.append(...content);
  row.append(h("div", "porch-screencast-step-name", name), text);
  return row;
}

/** Streamlit's name for the video (`streamlit-<script>-<local time>`), with the page's title for the script. */
function fileName() {
  const now = new Date();
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}-${two(now.getHours())}-`
    + `${two(now.getMinutes())}-${two(now.getSeconds())}`;
  const title = document.title.trim().replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "app";
  return `porch-${title}-${stamp}`;
}
