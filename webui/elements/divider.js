// A horizontal rule.
import { h } from "porch/widget.js";

/** @typedef {{}} Props */

export function create() {
  return h("hr", "divider");
}

export function update() {}
