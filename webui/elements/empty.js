// A placeholder that shows nothing (and takes no room).
import { h } from "porch/widget.js";

/** @typedef {{spent_spinner?: boolean}} Props (spent_spinner: the place a spinner held; shown as any empty) */

export function create() {
  const node = h("div", "empty");
  node.hidden = true;
  return node;
}

export function update() {}
