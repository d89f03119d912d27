// One panel of a `tabs` block; the tabs block owns its tab button and whether it shows.
import { h } from "porch/widget.js";

/** @typedef {{label: string}} Props */

export function create() {
  const node = h("div", "block tab-panel");
  node.setAttribute("role", "tabpanel");
  node.tabIndex = 0;
  return node;
}

export function update() {}
