// A button: a click asks for a rerun with `trigger`; a form's submit button also sends the form's held values.
import { click, current, h, setHelp } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "widget button-widget");
  const button = h("button", "btn");
  button.append(h("span", "btn-icon"), h("span", "btn-label"));
  button.addEventListener("click", () => {
    const now = current.get(node);
    if (now && !now.props.disabled) click(now, ctx);
  });
  node.append(button);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const { label = "", type = "secondary", icon, use_container_width, submit, disabled, help } = el.props;
  const button = /** @type {HTMLButtonElement} */ (node.firstElementChild);
  button.type = submit ? "submit" : "button";
  button.dataset.variant = type;
  button.disabled = !!disabled;
  node.classList.toggle("full-width", !!use_container_width);
  const [iconNode, labelNode] = /** @type {HTMLElement[]} */ ([...button.children]);
  iconNode.textContent = icon ?? "";
  iconNode.hidden = !icon;
  labelNode.textContent = String(label);
  setHelp(node, help, button);
}
