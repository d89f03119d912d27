// A small coloured label with an optional emoji icon, as markdown's :blue-badge[...] shows one.
import { h, setHelp, setWidth, showIcon } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{label: string, icon: string | null, color: string, help: string | null, width: string | number}} Props */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "badge-line");
  const badge = h("span", "badge");
  badge.append(h("span", "badge-icon"), h("span", "badge-label"));
  node.append(badge);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  const badge = /** @type {HTMLElement} */ (node.firstElementChild);
  badge.dataset.color = props.color;
  const [icon, label] = /** @type {HTMLElement[]} */ ([...badge.children]);
  showIcon(icon, props.icon, !!props.label);
  label.textContent = props.label;
  label.title = props.width === "content" ? "" : props.label;
  setWidth(badge, props.width ?? "content");
  setHelp(node, props.help);
}
