// A collapsible section: <details>/<summary>. The user's open/closed choice survives reruns unless the script
// changes `expanded`. When the element has an id (the script asked to know, with on_change), each toggle is sent
// as the new state, and the server's `expanded` wins when it changes it.
import { commit, current, h, setLabelText, setWidth, showIcon, sync } from "porch/widget.js";
import { setKeyClass } from "porch/keys.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {{label: string, expanded: boolean, icon: string | null, type: string, width: string | number,
 *   key: string | null}} Props
 */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("details", "expander");
  const summary = h("summary");
  summary.append(h("span", "expander-icon"), h("span", "expander-label"));
  node.append(summary, h("div", "block expander-body"));
  const details = /** @type {HTMLDetailsElement} */ (node);
  details.open = !!el.props.expanded;
  // A toggle the server's word caused is no change to send: commit drops a value equal to the server's.
  details.addEventListener("toggle", () => {
    const now = current.get(node);
    if (now?.id) commit(node, now, ctx, details.open);
  });
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setKeyClass(node, el.props.key ?? null);
  const { label = "", expanded = false, icon, type } = el.props;
  const details = /** @type {HTMLDetailsElement} */ (node);
  if (el.id) {
    sync(node, { ...el, props: { ...el.props, value: !!expanded } }, (open) => (details.open = !!open));
  } else if (node.dataset.expanded !== undefined && node.dataset.expanded !== String(!!expanded)) {
    details.open = !!expanded;
  }
  node.dataset.expanded = String(!!expanded);
  node.dataset.type = type ?? "default";
  setWidth(node, el.props.width);
  const [iconNode, labelNode] = /** @type {HTMLElement[]} */ ([...node.querySelectorAll("summary > span")]);
  showIcon(iconNode, icon, !!label);
  setLabelText(labelNode, String(label));
}

/** @param {HTMLElement} node */
export function slot(node) {
  return /** @type {HTMLElement} */ (node.lastElementChild);
}
