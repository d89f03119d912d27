// Elements side by side (from `write` with several arguments), wrapping when the row is full.
import { h } from "porch/widget.js";

/** @typedef {{}} Props */

export function create() {
  return h("div", "row");
}

export function update() {}
