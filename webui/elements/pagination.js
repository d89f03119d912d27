// Page buttons between previous and next arrows, in a navigation landmark, laid out as Streamlit 1.67 lays them out:
// `max_visible_pages` slots (pages and ellipses) around the current page, the first and last pages staying in reach,
// and never more slots than the widget's width holds: a narrow container shows fewer pages instead of wrapping
// (`fitted`, Streamlit's rule). The current page has aria-current="page"; the arrow keys, Home and End move between
// the buttons. Sends the chosen page (from 1).
import { commit, current, h, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {WidgetProps<number> & {num_pages: number, max_visible_pages: number | null, width: string | number}} Props */

/** @type {WeakMap<HTMLElement, number>} the page each widget shows */
const shown = new WeakMap();

/** Slots shown before the widget has been measured, at most (Streamlit's). */
const UNMEASURED = 50;

/**
 * The buttons to show, in order, null standing for an ellipsis: Streamlit's own list for `slots` slots (pages and
 * ellipses together), the current page among them.
 * @param {number} page
 * @param {number} total
 * @param {number} slots
 * @returns {(number | null)[]}
 */
export function visiblePages(page, total, slots) {
  /** @param {number} from @param {number} to */
  const range = (from, to) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  if (slots <= 0) return [];
  if (slots === 1) return [page];
  if (total <= slots) return range(1, total);
  if (slots === 2) return page === 1 || page === total ? [1, null, total] : [page, null, total];
  if (slots === 3 && total > 4) {
    if (page <= 3) return [1, 2, 3, null, total];
    return page >= total - 2 ? [1, null, total - 2, total - 1, total] : [1, null, page, null, total];
  }
  const before = page > 3;
  const after = page < total - 2;
  const inner = Math.max(1, slots - 2 - Number(before) - Number(after));
  let from;
  let to;
  if (!before) {
    from = 2;
    to = Math.max(page, Math.min(total - 1, 2 + inner - 1));
    if (to - from + 1 < inner) to = Math.min(total - 1, from + inner - 1);
  } else if (!after) {
    to = total - 1;
    from = Math.min(page, Math.max(2, total - inner));
    if (to - from + 1 < inner) from = Math.max(2, to - inner + 1);
  } else {
    from = Math.max(2, page - Math.floor((inner - 1) / 2));
    to = Math.min(total - 1, from + inner - 1);
    if (to === total - 1) from = Math.max(2, to - inner + 1);
    if (from === 2) to = Math.min(total - 1, from + inner - 1);
  }
  return [1, ...(before ? [null] : []), ...range(from, to), ...(after ? [null] : []), total];
}

/**
 * How many slots a widget `width` pixels wide shows (0: not measured yet), as Streamlit decides: what fits beside the
 * two arrows at 2rem a button and 0.25rem between them, at most `max` (every page when null), and then 5 or more, or
 * else 2 (a page, an ellipsis and the last page) from 3, 1 from 1, or none.
 * @param {number} width
 * @param {number | null} max
 * @param {number} total
 */
export function fitted(width, max, total) {
  const most = max ?? total;
  if (width <= 0) return Math.min(most, UNMEASURED);
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const slot = 2.25 * rem;
  const arrows = 4.25 * rem;
  const fits = Math.min(most, Math.max(0, Math.floor((width - arrows) / slot)));
  return fits >= 5 ? fits : fits >= 3 ? 2 : fits >= 1 ? 1 : 0;
}

/**
 * The width a widget has for its buttons: its own, or with `width="content"` (as wide as its buttons, at most the
 * container's) the container's, so that it shows more pages again when the container grows. 0: not laid out yet.
 * @param {HTMLElement} node
 */
function room(node) {
  const parent = node.parentElement;
  if (node.dataset.width !== "content" || !parent) return node.getBoundingClientRect().width;
  const style = getComputedStyle(parent);
  return Math.max(0, parent.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
}

/** Widgets and their containers change size: each widget concerned fits its buttons again (a no-op when the same
 * slots fit). */
const resized = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const target = /** @type {HTMLElement} */ (entry.target);
    const nodes = target.classList.contains("pagination") ? [target] : target.querySelectorAll(":scope > .pagination");
    for (const node of /** @type {Iterable<HTMLElement>} */ (nodes)) {
      if (node.isConnected && current.has(node)) show(node, shown.get(node) ?? 1);
    }
  }
});

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("nav", "widget pagination");
  node.setAttribute("aria-label", "Pagination");
  node.append(h("div", "pagination-row"));
  resized.observe(node);
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
  if (node.parentElement && !node.dataset.observed) {
    node.dataset.observed = "true";
    resized.observe(node.parentElement);
  }
  const slots = fitted(room(node), props.max_visible_pages, total);
  const key = `${node.dataset.key}:${page}:${slots}`;
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
  const items = visiblePages(page, total, slots).map((n) => {
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
  /** @type {HTMLElement} */ (node.firstElementChild).replaceChildren(prev, ...items, next);
  if (refocus) {
    const again = /** @type {HTMLButtonElement | null} */ (node.querySelector(refocus));
    const here = /** @type {HTMLElement | null} */ (node.querySelector(`[data-page="${page}"]`));
    (again && !again.disabled ? again : here ?? next).focus();
  }
}
