// A download button: a real <a download> on the server's URL, so the browser (or a native web view's download
// handler) makes an ordinary download, named by the server's Content-Disposition. The click also reruns the script,
// like a button's, unless the script said on_click="ignore". It wears a button's face (and styles) from button.js.
import { buttonFace, buttonFrame } from "porch/elements/button.js";
import { click, current, h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {
 *   url: string,
 *   file_name: string,
 *   type: string,
 *   icon: string | null,
 *   icon_position: string,
 *   width: string | number,
 *   rerun: boolean,
 *   shortcut: string | null,
 *   wrap: boolean | null,
 * }} Props
 */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const link = h("a");
  const node = buttonFrame(link);
  link.addEventListener("click", (event) => {
    const now = current.get(node);
    if (!now || now.props.disabled) event.preventDefault();
    else if (now.props.rerun) click(now, ctx);
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
  const { disabled, url, file_name } = el.props;
  const link = /** @type {HTMLAnchorElement} */ (node.firstElementChild);
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
  buttonFace(node, el);
}
