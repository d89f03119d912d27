// A collapsible section: <details>/<summary>. The user's open/closed choice survives reruns unless the script
// changes `expanded`.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{label: string, expanded: boolean, icon: string | null}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("details", "expander");
  const summary = h("summary");
  summary.append(h("span", "expander-icon"), h("span", "expander-label"));
  node.append(summary, h("div", "block expander-body"));
  node.open = !!el.props.expanded;
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { label = "", expanded = false, icon } = el.props;
  const details = /** @type {HTMLDetailsElement} */ (node);
  if (node.dataset.expanded !== undefined && node.dataset.expanded !== String(!!expanded)) details.open = !!expanded;
  node.dataset.expanded = String(!!expanded);
  const [iconNode, labelNode] = /** @type {HTMLElement[]} */ ([...node.querySelectorAll("summary > span")]);
  iconNode.textContent = icon ?? "";
  iconNode.hidden = !icon;
  labelNode.textContent = String(label);
}

/** @param {HTMLElement} node */
export function slot(node) {
  return /** @type {HTMLElement} */ (node.lastElementChild);
}
