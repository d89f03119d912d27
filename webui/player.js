// Audio and video: the browser's own player on a URL the server answers with ranges, so it can seek. The start
// rides the URL as a media fragment (#t=start,end); reaching end_time pauses, or with `loop` goes back to the start.
// Its styles (player.css) come with it.
import { current, h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */

/** @param {Elem} el */
export function create(el) {
  const player = /** @type {HTMLMediaElement} */ (h(el.kind === "video" ? "video" : "audio", `player ${el.kind}`));
  player.controls = true;
  player.preload = "metadata";
  player.addEventListener("timeupdate", () => {
    const { start_time = 0, end_time, loop } = current.get(player)?.props ?? {};
    if (end_time == null || player.currentTime < end_time) return;
    if (loop) player.currentTime = start_time;
    else if (!player.paused) player.pause();
  });
  player.addEventListener("ended", () => {
    const { start_time = 0, loop } = current.get(player)?.props ?? {};
    if (loop && start_time) {
      player.currentTime = start_time;
      void player.play().catch(() => {});
    }
  });
  update(player, el);
  return player;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const player = /** @type {HTMLMediaElement} */ (node);
  current.set(player, el);
  const { url, start_time = 0, end_time, loop, autoplay, muted } = el.props;
  if (!url) player.removeAttribute("src"); // nothing to play yet (st.audio(None)): an empty player, as Streamlit's
  else {
    const src = new URL(String(url), document.baseURI);
    if (start_time || end_time != null) src.hash = `t=${start_time}${end_time != null ? `,${end_time}` : ""}`;
    if (player.src !== src.href) player.src = src.href;
  }
  player.loop = !!loop && !start_time && end_time == null;
  player.autoplay = !!autoplay;
  player.muted = !!muted;
  if (el.props.alt) player.setAttribute("aria-label", String(el.props.alt));
  else player.removeAttribute("aria-label");
  setWidth(player, el.props.width);
}
