// A video player; audio and video share porch/player.js. A video's subtitle tracks (`subtitles`: WebVTT the server
// serves, SRT already converted) are <track> elements of the player, the first shown by default, as in Streamlit.
import { create as createPlayer, update as updatePlayer } from "porch/player.js";
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{
 *   start_time: number,
 *   end_time: number | null,
 *   loop: boolean,
 *   autoplay: boolean,
 *   url: string,
 *   muted: boolean,
 *   alt: string | null,
 *   width: string | number,
 *   subtitles: {label: string, url: string}[],
 * }} Props
 */

/** @param {Elem} el */
export function create(el) {
  const player = createPlayer(el);
  showTracks(player, el);
  return player;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  updatePlayer(node, el);
  showTracks(node, el);
}

/**
 * Put the subtitle tracks into the player, touching them only when they changed (a new <track> restarts loading).
 * @param {HTMLElement} player
 * @param {Elem} el
 */
function showTracks(player, el) {
  const tracks = /** @type {Props} */ (el.props).subtitles ?? [];
  const key = JSON.stringify(tracks);
  if (player.dataset.tracks === key) return;
  player.dataset.tracks = key;
  player.replaceChildren(
    ...tracks.map(({ label, url }, i) => {
      const track = h("track");
      track.kind = "subtitles";
      track.label = label;
      track.src = new URL(url, document.baseURI).href;
      track.default = i === 0;
      return track;
    }),
  );
}
