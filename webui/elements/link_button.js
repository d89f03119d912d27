// A link drawn as a button: a real <a target=_blank rel="noopener noreferrer">, so the browser opens it in a new tab
// (the desktop window hands it to the system's browser). It wears a button's face and styles from button.js. Only an
// http(s) or mailto URL, or one relative to the page, ever becomes its href: the server already sends null for any
// other, and this module checks again. When `rerun` (the script gave on_click "rerun" or a function) the click also
// reruns the script, as a button's does.
import { buttonFace, buttonFrame } from "porch/elements/button.js";
import { click, current, h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {WidgetProps<null> & {url: string | null, type: string, icon: string | null, use_container_width: boolean,
 *   icon_position: string, width: string | number, shortcut: string | null, wrap: boolean | null, rerun: boolean}} Props
 */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */

const SCHEMES = new Set(["http:", "https:", "mailto:"]);

/**
 * The absolute URL a link may carry for `url`, or null (a `javascript:`, `data:`... URL, or no URL at all).
 * @param {unknown} url
 */
export function linkHref(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url, document.baseURI);
    return SCHEMES.has(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const link = h("a");
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  link.setAttribute("role", "link");
  const node = buttonFrame(link);
  link.addEventListener("click", (event) => {
    const now = current.get(node);
    if (!now || now.props.disabled || !link.hasAttribute("href")) {
      event.preventDefault();
      return;
    }
    if (now.id && now.props.rerun) click(now, ctx);
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
  const props = /** @type {Props} */ (el.props);
  const link = /** @type {HTMLAnchorElement} */ (node.firstElementChild);
  const href = props.disabled ? null : linkHref(props.url);
  if (href === null) {
    link.removeAttribute("href");
    link.setAttribute("aria-disabled", "true");
  } else {
    if (link.href !== href) link.href = href;
    link.removeAttribute("aria-disabled");
  }
  node.classList.toggle("disabled", href === null);
  buttonFace(node, el);
}
