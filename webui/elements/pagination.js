// Page buttons between previous and next arrows, in a navigation landmark. Beyond `max_visible_pages`, runs of pages
// fold into an ellipsis around the current page, the first and last pages staying in reach. The current page has
// aria-current="page"; the arrow keys, Home and End move between the buttons. Sends the chosen page (from 1).
import { commit, current, h, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {WidgetProps<number> & {num_pages: number, max_visible_pages: number | null, width: string | number}} Props */

/** @type {WeakMap<HTMLElement, number>} the page each widget shows */
const shown = new WeakMap();

/**
 * The pages to show buttons for, in order, null standing for an ellipsis. At most `max` page buttons (all: null),
 * the first and last among them when `max` is 5 or more; an ellipsis that would hide a single page shows that page.
 * @param {number} page
 * @param {number} total
 * @param {number | null} max
 * @returns {(number | null)[]}
 */
export function visiblePages(page, total, max) {
  /** @param {number} from @param {number} to */
  const range = (from, to) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  if (max === null || max >= total) return range(1, total);
  if (max <= 0) return [];
  if (max < 5) {
    const start = Math.max(1, Math.min(page - Math.floor((max - 1) / 2), total - max + 1));
    return range(start, start + max - 1);
  }
  const inner = max - 2;
  const start = Math.max(2, Math.min(page - Math.floor((inner - 1) / 2), total - inner));
  const end = start + inner - 1;
  /** @type {(number | null)[]} */
  const pages = [1];
  if (start === 3) pages.push(2);
  else if (start > 3) pages.push(null);
  pages.push(...range(start, end));
  if (end === total - 2) pages.push(total - 1);
  else if (end < total - 2) pages.push(null);
  pages.push(total);
  return pages;
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("nav", "widget pagination");
  node.setAttribute("aria-label", "Pagination");
  node.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button || !node.contains(button) || /** @type {HTMLButtonElement} */ (button).disabled) return;
    const el = /** @type {Elem} */ (current.get(node));
    const props = /** @type {Props} */ (el.props);
    const now = shown.get(node) ?? 1;
    const page = button.dataset.page ? Number(button.dataset.page) : now + Number(button.dataset.step);
    if (page < 1 || page > props.num_pages || page === now) return;
    show(node, page);
    commit(node, el, ctx, page);
  });
  node.addEventListener("keydown", (event) => {
    const buttons = /** @type {HTMLButtonElement[]} */ ([...node.querySelectorAll("button:not(:disabled)")]);
    const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (event.target));
    if (at < 0) return;
    /** @type {Record<string, number>} */
    const moves = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    buttons[Math.max(0, Math.min(to, buttons.length - 1))].focus();
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
  setWidth(node, props.width);
  node.classList.toggle("disabled", !!props.disabled);
  node.dataset.key = JSON.stringify([props.num_pages, props.max_visible_pages, !!props.disabled]);
  sync(node, el, (value) => show(node, typeof value === "number" ? value : 1));
  show(node, shown.get(node) ?? 1);
}

/**
 * Draw the buttons for `page`, keeping the keyboard focus on the same page (or arrow) when the buttons change.
 * @param {HTMLElement} node
 * @param {number} page
 */
function show(node, page) {
  const props = /** @type {Props} */ (/** @type {Elem} */ (current.get(node)).props);
  const total = Math.max(1, props.num_pages);
  page = Math.min(Math.max(1, page), total);
  const key = `${node.dataset.key}:${page}`;
  shown.set(node, page);
  if (node.dataset.drawn === key) return;
  node.dataset.drawn = key;
  const focused = /** @type {HTMLElement | null} */ (node.querySelector(":focus"));
  const refocus = focused ? (focused.dataset.page ? `[data-page="${page}"]` : `[data-step="${focused.dataset.step}"]`) : null;
  const disabled = !!props.disabled;
  /**
   * @param {string} cls
   * @param {string} text
   * @param {string} name
   */
  const button = (cls, text, name) => {
    const b = h("button", cls, text);
    b.type = "button";
    b.setAttribute("aria-label", name);
    b.disabled = disabled;
    return b;
  };
  const prev = button("pagination-arrow", "‹", "Previous page");
  prev.dataset.step = "-1";
  prev.disabled = disabled || page <= 1;
  const next = button("pagination-arrow", "›", "Next page");
  next.dataset.step = "1";
  next.disabled = disabled || page >= total;
  const items = visiblePages(page, total, props.max_visible_pages).map((n) => {
    if (n === null) {
      const gap = h("span", "pagination-gap", "…");
      gap.setAttribute("aria-hidden", "true");
      return gap;
    }
    const b = button("pagination-page", String(n), `Page ${n}`);
    b.dataset.page = String(n);
    if (n === page) b.setAttribute("aria-current", "page");
    return b;
  });
  node.replaceChildren(prev, ...items, next);
  if (refocus) {
    const again = /** @type {HTMLButtonElement | null} */ (node.querySelector(refocus));
    const here = /** @type {HTMLElement | null} */ (node.querySelector(`[data-page="${page}"]`));
    (again && !again.disabled ? again : here ?? next).focus();
  }
}
