// A recording from a microphone, shared by audio_input and chat_input (accept_audio): MediaRecorder over a stream the
// widget opened (porch/capture.js), until it is stopped or its WAV would pass the largest file the server takes;
// then the recording as a mono 16-bit WAV at the rate asked for (decoded and resampled by Web Audio, as Streamlit
// does in the browser). The recorder owns the stream from then on: it lets the microphone go when it ends.
import { stopStream } from "porch/capture.js";

/** The rate a recording is taken at when neither the widget nor the microphone says one (`sample_rate` None). */
const FALLBACK_RATE = 48000;
/** How often the time shown is brought up to date and the size limit looked at (ms). */
const TICK_MS = 200;

/**
 * One recording in progress.
 * @typedef {object} Recording
 * @property {number} rate  the WAV's sample rate, in Hz
 * @property {() => Promise<Blob>} stop  end it and make its WAV (rejects when the recording cannot be read)
 * @property {() => void} cancel  end it and keep nothing
 */

/**
 * Start recording from `stream`.
 * @param {MediaStream} stream
 * @param {object} options
 * @param {number | null | undefined} options.rate  the WAV's rate; null: the microphone's own
 * @param {number} options.maxBytes  the largest WAV the server takes: `onLimit` is called before it would pass it
 * @param {(seconds: number) => void} options.onTick  the time recorded so far, a few times a second
 * @param {() => void} options.onLimit  the recording reached the limit (the widget stops it)
 * @returns {Recording}
 * @throws {Error} when this browser cannot record (its message says so, for the person at the page)
 */
export function record(stream, { rate, maxBytes, onTick, onLimit }) {
  const wavRate = rate ?? stream.getAudioTracks()[0]?.getSettings().sampleRate ?? FALLBACK_RATE;
  let recorder;
  try {
    recorder = new MediaRecorder(stream);
  } catch (err) {
    stopStream(stream);
    throw new Error(`This browser cannot record sound (${/** @type {Error} */ (err).message}).`);
  }
  /** @type {Blob[]} */
  const chunks = [];
  recorder.addEventListener("dataavailable", (event) => {
    if (event.data.size) chunks.push(event.data);
  });
  /** @type {Promise<Blob>} what MediaRecorder made (WebM/Opus in Chromium) */
  const recorded = new Promise((resolve) => {
    recorder.addEventListener("stop", () => {
      stopStream(stream);
      resolve(new Blob(chunks, { type: recorder.mimeType }));
    });
  });
  const began = performance.now();
  // The WAV grows by two bytes a sample: stop before it would pass the largest file the server takes.
  const limit = (Number(maxBytes ?? Infinity) - 44) / (2 * wavRate);
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    window.clearInterval(ticker);
    if (recorder.state !== "inactive") recorder.stop();
    else stopStream(stream);
  };
  const ticker = window.setInterval(() => {
    const seconds = (performance.now() - began) / 1000;
    onTick(seconds);
    if (seconds >= limit - 0.5) onLimit();
  }, TICK_MS);
  recorder.start();
  return {
    rate: wavRate,
    async stop() {
      end();
      return toWav(await recorded, wavRate);
    },
    cancel: end,
  };
}

/**
 * A time for people: "0:07", "12:30".
 * @param {number} seconds
 */
export function clock(seconds) {
  const whole = Math.floor(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
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
