// What an object is (st.help, and write/magic of a function, class or module): the expression that named it, its
// type, its value or signature, its docstring, and its public members with the first line of theirs. Text only.
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{name: string, type: string, value: string | null, doc: string | null}} Member */
/**
 * @typedef {{name: string | null, type: string, value: string | null, doc: string | null, members: Member[],
 *   width: string | number}} Props
 */

/** @param {Elem} el */
export function create(el) {
  const node = h("section", "doc-panel");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  setWidth(node, props.width);
  node.setAttribute("aria-label", `Help: ${props.name ?? props.value ?? props.type}`);
  const head = h("div", "doc-head");
  if (props.name) head.append(h("code", "doc-name", props.name));
  head.append(h("span", "doc-type", props.type));
  if (props.value) head.append(h("code", "doc-value", props.value));
  /** @type {HTMLElement[]} */
  const parts = [head];
  parts.push(h("div", props.doc ? "doc-text" : "doc-text doc-none", props.doc ?? "No docs available"));
  const members = props.members ?? [];
  if (members.length) {
    const list = h("dl", "doc-members");
    list.tabIndex = 0;
    list.setAttribute("aria-label", "Members");
    for (const member of members) {
      const term = h("dt");
      term.append(h("code", "doc-member-name", member.name), h("span", "doc-type", member.type));
      const text = member.value ?? member.doc;
      list.append(term, h("dd", member.value ? "doc-member-value" : "", text ?? ""));
    }
    parts.push(list);
  }
  node.replaceChildren(...parts);
}
