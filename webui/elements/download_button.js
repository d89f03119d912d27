// A download button: a real <a download> on the server's URL, so the browser (or a native web view's download
// handler) makes an ordinary download, named by the server's Content-Disposition. The click also reruns the script,
// like a button's, unless the script said on_click="ignore".
import { click, current, h, setHelp } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "widget button-widget");
  const link = h("a", "btn");
  link.append(h("span", "btn-icon"), h("span", "btn-label"));
  link.addEventListener("click", (event) => {
    const now = current.get(node);
    if (!now || now.props.disabled) event.preventDefault();
    else if (now.props.rerun) click(now, ctx);
  });
  node.append(link);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const { label = "", type = "secondary", icon, use_container_width, disabled, help, url, file_name } = el.props;
  const link = /** @type {HTMLAnchorElement} */ (node.firstElementChild);
  link.dataset.variant = type;
  link.download = String(file_name ?? "");
  if (disabled) {
    link.removeAttribute("href");
    link.setAttribute("aria-disabled", "true");
  } else {
    const href = new URL(String(url), document.baseURI).href;
    if (link.href !== href) link.href = href;
    link.removeAttribute("aria-disabled");
  }
  node.classList.toggle("disabled", !!disabled);
  node.classList.toggle("full-width", !!use_container_width);
  const [iconNode, labelNode] = /** @type {HTMLElement[]} */ ([...link.children]);
  iconNode.textContent = icon ?? "";
  iconNode.hidden = !icon;
  labelNode.textContent = String(label);
  setHelp(node, help, link);
}
