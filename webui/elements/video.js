// A video player; audio and video share porch/player.js.
export { create, update } from "porch/player.js";
