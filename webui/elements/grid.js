// A grid: each child is one cell, shown in a frame of its own (`holder`), row after row in equal columns. The number
// of columns is counted here from the grid's width, as Streamlit counts it: with `wrap`, as many as fit
// `min_column_width` (at most `columns`, or 24 for "auto"), at least one; without, always `columns` (the grid then
// scrolls sideways). A `grid_cell` child spans columns (shrunk to those shown, or "all") and rows.
import { h, setHeight, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Kid} Kid */
/**
 * @typedef {{columns: number | string, min_column_width: number | string, wrap: boolean,
 *   row_gap: string | number | null, column_gap: string | number | null, vertical_alignment: string,
 *   border: boolean, row_height: string | number, width: string | number, height: string | number,
 *   dense: boolean}} Props
 */

/** The most columns a grid shows. */
const MAX_COLUMNS = 24;
/** `min_column_width` "auto", in rem (200 px at the usual font size). */
const AUTO_MIN_REM = 12.5;
/** @type {Record<string, string>} */
const GAPS = {
  xxsmall: "0.25rem", xsmall: "0.5rem", small: "1rem", medium: "2rem", large: "4rem", xlarge: "6rem", xxlarge: "8rem",
};

/** @type {WeakMap<HTMLElement, Elem>} */
const shown = new WeakMap();
/** The frame each child's node is shown in. */
/** @type {WeakMap<HTMLElement, HTMLElement>} */
const frames = new WeakMap();

const resized = new ResizeObserver((entries) => {
  for (const entry of entries) layout(/** @type {HTMLElement} */ (entry.target));
});

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "grid");
  update(node, el);
  resized.observe(node);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  shown.set(node, el);
  const { row_gap, column_gap, vertical_alignment, border, row_height, dense } = el.props;
  node.style.rowGap = gap(row_gap);
  node.style.columnGap = gap(column_gap);
  node.style.gridAutoRows = typeof row_height === "number" ? `${row_height}px` : "";
  node.style.gridAutoFlow = dense ? "row dense" : "";
  node.dataset.rowHeight = typeof row_height === "number" ? "px" : "content";
  node.dataset.align = String(vertical_alignment ?? "top");
  node.dataset.border = String(!!border);
  setWidth(node, el.props.width);
  setHeight(node, el.props.height);
  layout(node);
}

/**
 * The frame a child is shown in: the cell the grid places.
 * @param {HTMLElement} kid
 */
export function holder(kid) {
  let frame = frames.get(kid);
  if (!frame) {
    frame = h("div", "grid-item");
    frames.set(kid, frame);
  }
  if (kid.parentElement !== frame) frame.append(kid);
  return frame;
}

/**
 * Children changed: a `grid_cell` child's frame spans what its props say.
 * @param {HTMLElement} node
 * @param {Kid[]} kids
 */
export function arrange(node, kids) {
  for (const { el, dom } of kids) {
    const frame = frames.get(dom);
    if (!frame) continue;
    const cell = el.kind === "grid_cell";
    frame.dataset.columnSpan = cell ? String(el.props.column_span ?? 1) : "1";
    frame.dataset.rowSpan = cell ? String(el.props.row_span ?? 1) : "1";
  }
  layout(node);
}

/**
 * Count the columns for the grid's width; place spanning frames within them.
 * @param {HTMLElement} node
 */
function layout(node) {
  const el = shown.get(node);
  if (!el || !node.isConnected) return;
  const { columns, min_column_width, wrap } = el.props;
  const declared = typeof columns === "number" && columns > 0 ? columns : undefined;
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  const least = typeof min_column_width === "number" && min_column_width > 0 ? min_column_width : AUTO_MIN_REM * rem;
  const between = Number.parseFloat(getComputedStyle(node).columnGap) || 0;
  const fixed = wrap === false && declared !== undefined;
  const fit = Math.floor((node.clientWidth + between) / (least + between));
  const count = fixed ? /** @type {number} */ (declared) : Math.min(declared ?? MAX_COLUMNS, Math.max(1, fit));
  node.style.gridTemplateColumns = `repeat(${count}, minmax(${fixed ? `${least}px` : "0"}, 1fr))`;
  node.dataset.fixed = String(fixed);
  node.dataset.columnCount = String(count);
  for (const frame of /** @type {HTMLCollectionOf<HTMLElement>} */ (node.children)) {
    const span = frame.dataset.columnSpan ?? "1";
    const rows = Number(frame.dataset.rowSpan ?? 1);
    frame.style.gridColumn = span === "all" ? "1 / -1" : Number(span) > 1 ? `span ${Math.min(Number(span), count)}` : "";
    frame.style.gridRow = rows > 1 ? `span ${rows}` : "";
  }
}

/**
 * A gap prop as CSS: a size's name, pixels, or null (none).
 * @param {unknown} value
 */
function gap(value) {
  if (value === null) return "0";
  if (typeof value === "number") return `${value}px`;
  return GAPS[String(value)] ?? GAPS.small;
}
