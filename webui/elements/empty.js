// A placeholder that shows nothing (and takes no room).
import { h } from "porch/widget.js";

/** @typedef {{}} Props */

export function create() {
  const node = h("div", "empty");
  node.hidden = true;
  return node;
}

export function update() {}
