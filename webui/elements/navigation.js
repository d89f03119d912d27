// The menu of a multipage app's pages (porch.navigation). Each page is a real link to its address under the app's
// base, so a middle click or Ctrl+click opens it in a new tab as any link does; a plain click goes to the page
// through the app (ctx.navigate: a history entry, and a rerun on that page) without reloading. An external page opens
// in a new tab. The menu sits at the top of the sidebar ("sidebar") or above the page ("top", sections as drop-down
// menus) wherever the script called navigation: its root shows it first (navigation.css). A long sidebar menu shows
// its first pages and a button for the rest, unless `expanded`. A page's title is Markdown as Streamlit draws a label's
// (inline, links as their text; the server rendered it, raw HTML escaped); its help is a Markdown tooltip shown while
// the link is hovered or focused, and describes the link.
import { h, setHtml, setLabelText, showIcon, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {{title: string, title_html?: string, icon: string | null, page: string, section: string,
 *   external: string | null, help: string | null, help_html?: string | null}} NavPage
 */
/**
 * @typedef {{position: string, expanded: boolean, visible_items: number | null, sections: string[], pages: NavPage[],
 *   current: string}} Props
 */

/** Pages a shortened menu shows when the script named no number (Streamlit's). */
const SHORT_MENU = 10;

/** The element each menu last drew, for its "View more" button. */
const shown = new WeakMap();

// A section's drop-down menu ("top") closes on a click elsewhere and on Escape, as menus do.
document.addEventListener("click", (event) => {
  for (const open of document.querySelectorAll(".page-nav details[open]")) {
    if (!open.contains(/** @type {Node} */ (event.target))) open.removeAttribute("open");
  }
});
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const open of document.querySelectorAll(".page-nav details[open]")) {
    open.removeAttribute("open");
    /** @type {HTMLElement | null} */ (open.querySelector("summary"))?.focus();
  }
});

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
  const node = h("nav", "page-nav");
  node.setAttribute("aria-label", "Pages");
  node.addEventListener("click", (event) => {
    const link = /** @type {HTMLElement | null} */ ((/** @type {Element} */ (event.target)).closest("a[data-page]"));
    if (!link || !node.contains(link)) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    ctx.navigate(link.dataset.page ?? "", {});
    node.querySelectorAll("details[open]").forEach((open) => open.removeAttribute("open"));
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
  const props = /** @type {Props} */ (el.props);
  const key = JSON.stringify(props) + (node.dataset.open ?? "");
  shown.set(node, el);
  if (node.dataset.key === key) return;
  node.dataset.key = key;
  node.dataset.position = props.position;
  const limit = props.visible_items ?? SHORT_MENU;
  const collapsible = props.position === "sidebar" && !props.expanded && props.pages.length > limit + 2;
  const open = node.dataset.open === "true";
  const pages = collapsible && !open ? props.pages.slice(0, limit) : props.pages;
  /** @type {HTMLElement[]} */
  const parts = [];
  for (const section of props.sections) {
    const members = pages.filter((page) => page.section === section);
    if (!members.length) continue;
    const list = h("ul", "page-nav-list");
    list.append(...members.map((page) => item(page, props.current, ctx)));
    if (props.position === "top" && section) {
      const menu = h("details", "page-nav-section");
      const summary = h("summary", "page-nav-summary", section);
      if (members.some((page) => !page.external && page.page === props.current)) summary.dataset.current = "true";
      menu.append(summary, list);
      parts.push(menu);
    } else {
      if (section) parts.push(h("div", "page-nav-header", section));
      parts.push(list);
    }
  }
  if (collapsible) {
    const more = h("button", "page-nav-more", open ? "View less" : `View ${props.pages.length - limit} more`);
    more.type = "button";
    more.setAttribute("aria-expanded", String(open));
    more.addEventListener("click", () => {
      node.dataset.open = String(!open);
      update(node, shown.get(node) ?? el, ctx);
      /** @type {HTMLElement | null} */ (node.querySelector(".page-nav-more"))?.focus();
    });
    parts.push(more);
  }
  node.replaceChildren(...parts);
}

/**
 * One page of the menu: a link to its address, marked when it is the page shown.
 * @param {NavPage} page
 * @param {string} current
 * @param {Ctx} ctx
 */
function item(page, current, ctx) {
  const entry = h("li");
  const link = h("a", "page-nav-link");
  if (page.external) {
    const href = externalHref(page.external);
    if (href) link.href = href;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  } else {
    link.href = ctx.pageUrl(page.page);
    link.dataset.page = page.page;
    if (page.page === current) link.setAttribute("aria-current", "page");
  }
  if (page.icon) {
    const icon = h("span", "page-nav-icon");
    showIcon(icon, page.icon, !!page.title);
    link.append(icon);
  }
  const title = h("span", "page-nav-title");
  if (page.title_html === undefined) setLabelText(title, page.title);
  else setHtml(title, page.title_html);
  link.append(title);
  entry.append(link);
  if (page.help) {
    const tip = h("span", "tooltip page-nav-tip");
    tip.id = uid();
    tip.setAttribute("role", "tooltip");
    if (page.help_html) tip.innerHTML = page.help_html;
    else tip.textContent = page.help;
    link.setAttribute("aria-describedby", tip.id);
    entry.classList.add("page-nav-described");
    entry.append(tip);
  }
  return entry;
}

