// A link to a page of a multipage app (porch.page_link), or to an external page. A real <a href>: to an app's page it
// is the page's address, and a plain click goes there through the app (ctx.navigate: a history entry, a rerun on that
// page, the link's query) without reloading, while a middle click or Ctrl+click opens a new tab as links do. An
// external page (http or https only) opens in a new tab and leaves the run alone. Disabled: no href. The link to the
// page shown now is marked (aria-current). The label is Markdown as Streamlit draws a label's (inline, links as their
// text) and the help tooltip Markdown, both rendered by the server with raw HTML escaped.
import { h, setHelp, setHtml, setLabelText, setWidth, showIcon } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {{label: string, label_html?: string, icon: string | null, icon_position: string, help: string | null,
 *   help_html?: string | null, disabled: boolean, page: string | null, url: string | null,
 *   query: Record<string, string[]>, current: boolean, width: string | number}} Props
 */

/** What each link last drew (its click reads the newest). */
const shown = new WeakMap();

/**
 * An external page's address: http(s) only; null for anything else.
 * @param {string | null} url
 */
function externalHref(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "page-link-line");
  const link = h("a", "page-link");
  link.append(h("span", "page-link-icon"), h("span", "page-link-label"));
  node.append(link);
  link.addEventListener("click", (event) => {
    const now = /** @type {Elem | undefined} */ (shown.get(node));
    const props = /** @type {Props | undefined} */ (now?.props);
    if (!props || !link.hasAttribute("href")) {
      event.preventDefault();
      return;
    }
    if (props.page === null || props.url !== null) return; // an external page: the browser opens its tab
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    ctx.navigate(props.page, props.query);
  });
  update(node, el, ctx);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function update(node, el, ctx) {
  shown.set(node, el);
  const props = /** @type {Props} */ (el.props);
  const link = /** @type {HTMLAnchorElement} */ (node.firstElementChild);
  let href = null;
  if (!props.disabled) {
    if (props.url !== null) href = externalHref(props.url);
    else if (props.page !== null) {
      const url = new URL(ctx.pageUrl(props.page));
      for (const [name, values] of Object.entries(props.query ?? {})) {
        for (const value of values) url.searchParams.append(name, value);
      }
      href = url.href;
    }
  }
  if (href === null) {
    link.removeAttribute("href");
    link.setAttribute("aria-disabled", "true");
  } else {
    if (link.href !== href) link.href = href;
    link.removeAttribute("aria-disabled");
  }
  if (props.url !== null) {
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  } else {
    link.removeAttribute("target");
    link.removeAttribute("rel");
  }
  if (props.current) link.setAttribute("aria-current", "page");
  else link.removeAttribute("aria-current");
  link.dataset.iconPosition = props.icon_position;
  const [icon, label] = /** @type {HTMLElement[]} */ ([...link.children]);
  showIcon(icon, props.icon, !!props.label);
  if (props.label_html === undefined) setLabelText(label, String(props.label));
  else setHtml(label, props.label_html);
  setWidth(node, props.width);
  setHelp(node, props.help, link);
  const tip = /** @type {HTMLElement | null} */ (node.querySelector(":scope > .help .tooltip"));
  if (tip && props.help_html) tip.innerHTML = props.help_html;
}
