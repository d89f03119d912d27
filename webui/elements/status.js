// A status container: an expander (it wears expander.css, imported with it) whose label has a state icon before
// it: a spinner while "running", a check mark when "complete", an error mark on "error". The user's open/closed
// choice survives reruns and updates unless the script changes `expanded`.
import { slot } from "porch/elements/expander.js";
import { h, setLabelText, setWidth } from "porch/widget.js";

export { slot };

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{label: string, expanded: boolean, state: string, type: string, width: string | number}} Props */

/** What a screen reader says for each state. */
const STATE_NAMES = /** @type {Record<string, string>} */ ({ running: "Running", complete: "Complete", error: "Error" });

/** @param {Elem} el */
export function create(el) {
  const node = h("details", "expander status");
  const summary = h("summary");
  const icon = h("span", "status-icon");
  icon.setAttribute("role", "img");
  summary.append(icon, h("span", "expander-label"));
  node.append(summary, h("div", "block expander-body"));
  /** @type {HTMLDetailsElement} */ (node).open = !!el.props.expanded;
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { label = "", expanded = false, state = "running", type } = el.props;
  const details = /** @type {HTMLDetailsElement} */ (node);
  if (node.dataset.expanded !== undefined && node.dataset.expanded !== String(!!expanded)) details.open = !!expanded;
  node.dataset.expanded = String(!!expanded);
  node.dataset.type = type ?? "default";
  node.dataset.state = String(state);
  setWidth(node, el.props.width);
  const icon = /** @type {HTMLElement} */ (node.querySelector("summary > .status-icon"));
  icon.className = state === "running" ? "status-icon porch-spinner" : "status-icon";
  icon.setAttribute("aria-label", STATE_NAMES[state] ?? String(state));
  setLabelText(/** @type {HTMLElement} */ (node.querySelector("summary > .expander-label")), String(label));
}
