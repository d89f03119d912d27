// An audio player; audio and video share porch/player.js.

/**
 * @typedef {{start_time: number, end_time: number | null, loop: boolean, autoplay: boolean, url: string,
 *   alt: string | null, width: string | number}} Props
 */
export { create, update } from "porch/player.js";
