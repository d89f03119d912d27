// A horizontal rule.
import { h } from "porch/widget.js";

export function create() {
  return h("hr", "divider");
}

export function update() {}
