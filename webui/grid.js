// The scrolling grid of a frame the server holds, shared by dataframe.js and data_editor.js. The element brings the
// frame's columns, its row count and its first rows; the grid asks for the rows it shows (ctx.rows: a `rows` message)
// as the user scrolls or sorts. Only the rows in view are in the DOM: rows have a fixed height, a spacer as tall as
// all the rows gives the scroll range (scaled down past MAX_PX, which browsers cannot lay out), and the rows in view
// are placed over it. A click on a sort button of a header sorts (on the server) up, down, then back to the data's
// order. What a kind adds (a column of check boxes, what a row shows, how the view's rows map onto the server's)
// comes through its `GridHooks`. `addTools` gives a kind Streamlit's toolbar and column tools (grid_tools.js,
// grid_columns.js, loaded once the page is idle); the user's own layout of the columns they make (widths dragged,
// columns hidden or pinned, a format picked: grid_layout.js) is kept in `Grid.view` and applied to the header and
// every row node as they are built, and cells that search marks are marked as rows are painted. `readAll` walks
// every row of the frame through the same `rows` requests (download and search need the whole frame, as Streamlit's
// client has it), and `readView` the view's rows as the kind shows them. Copying and pasting cells (grid_clipboard.js,
// through the kind's `copy` and `paste` hooks) come with the grid itself, not with the tools: a Ctrl+C the moment the
// first rows show copies. Styles: grid.css, served with this module.

import { numeric } from "porch/cells.js";
import { clipboard } from "porch/grid_clipboard.js";
import { applyColumns, columnAs, placement, place } from "porch/grid_layout.js";
import { h, setHelp, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/protocol.js").ServerMessage} ServerMessage */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/**
 * A window of rows, as a `rows` message carries it; `html`: the server's rendering of Markdown columns' cells.
 * @typedef {{cells: unknown[][], pos: number[], text?: (string | null)[][], css?: (string | null)[][],
 *   html?: (string | null)[][]}} Window
 */
/**
 * @typedef {{cells: unknown[], pos: number, text: (string | null)[] | null, css: (string | null)[] | null,
 *   html?: (string | null)[] | null}} Row
 */
/** @typedef {[number, "asc" | "desc"]} SortKey */
/**
 * The props of a frame's element that the grid reads (core/elements/_frames.py `shown_props`, and `data`).
 * @typedef {{data: string, columns: FrameColumn[], rows: number, window: Window, width: string | number,
 *   height: string | number, row_height: number, alt: string | null}} FrameProps
 */

/**
 * What a kind tells the grid.
 * @typedef {object} GridHooks
 * @property {() => string} layout  what the header and the row nodes depend on besides the columns and row height:
 *   they are built again when it changes
 * @property {() => number} lead  the width of a column of controls before the data's (row check boxes), 0: none
 * @property {(cell: HTMLElement) => void} leadHeader  fill the header cell of that column
 * @property {(cell: HTMLElement) => void} leadCell  fill a row's cell of that column, when the row node is made
 * @property {(column: FrameColumn, j: number) => boolean} headerButton  whether a column's header is a button (to
 *   sort by it, or select it)
 * @property {() => number} count  how many rows the view shows
 * @property {(i: number) => number} source  the place, in the server's order, of the view's row `i`; -1 for a row
 *   the server does not hold (one the user added)
 * @property {(row: HTMLElement, i: number, data: Row | undefined) => void} paint  fill a row node with the view's
 *   row `i` (`data`: the server's row, undefined while it is being fetched or for a row the server does not hold)
 * @property {() => boolean} [sortable]  whether the column menu offers sorting (default: no)
 * @property {(window: Window, start: number) => ViewRows} [viewOf]  the view's rows among a window of the server's
 *   rows (from `start` in the server's current order), for search and download: by default the window's rows as they
 *   are, at their places (a data_editor applies its edits and leaves its deleted rows out)
 * @property {() => ViewRows} [tail]  the view's rows after the server's (a data_editor's added rows), read last
 * @property {() => string[][] | Promise<string[][] | null> | null} [copy]  the selected cells' text, row by row, for
 *   Ctrl+C (grid_clipboard.js); null: nothing selected; a promise: rows read from the server first (selected columns)
 * @property {(rows: string[][]) => void} [paste]  text pasted into the grid, row by row, cell by cell
 */
/**
 * Rows of the view as search and download read them: each row's cells (by column index), the server's text of them
 * where it has one, and each row's place in the view.
 * @typedef {{cells: unknown[][], text: ((string | null)[] | null)[], rows: number[]}} ViewRows
 */

/** @typedef {import("porch/grid_layout.js").ColumnView} ColumnView */

/**
 * A walk over every row (`readAll`): the rows it waits for next, in the order of `sort`.
 * @typedef {{id: string, sort: SortKey[], next: number, take: (msg: ServerMessage) => void}} Walker
 */

/** Rows a walk over the whole frame asks for at once (the protocol's most; the server may answer fewer). */
const WALK_CHUNK = 1000;

/** The tallest spacer browsers lay out reliably; past it the scroll position maps onto the rows proportionally. */
const MAX_PX = 8_000_000;
/** Rows asked for at once, rows kept ready beyond each edge of the view, rows kept in memory at most. */
const CHUNK = 100;
const OVERSCAN = 20;
const CACHE_ROWS = 4000;
/** How long a request may stay unanswered before it is asked again. */
const RETRY_MS = 4000;

/**
 * @typedef {object} Grid
 * @property {Elem} el
 * @property {Ctx} ctx
 * @property {GridHooks} hooks
 * @property {HTMLElement} scroller  the element with role grid, which scrolls
 * @property {HTMLElement} canvas
 * @property {HTMLElement} head
 * @property {HTMLElement} spacer
 * @property {HTMLElement} note
 * @property {HTMLElement[]} pool  row nodes, reused as the view moves
 * @property {string} layout  what the header and pool were built for
 * @property {Map<number, Row>} cache  rows by their place in the server's current order
 * @property {{start: number, end: number, at: number}[]} inflight
 * @property {SortKey[]} sort
 * @property {number} version  bumps when rows arrive or what a row shows changes: the rows in view are filled again
 * @property {number} frame  a pending animation frame, or 0
 * @property {ReturnType<typeof setTimeout> | undefined} fetchTimer
 * @property {[number, number]} range  the rows in view, first and last
 * @property {HTMLElement} node  the element's node
 * @property {ColumnView[]} view  the user's layout of the columns, by column index
 * @property {FrameColumn[]} shownAs  the columns as the rows show them: with the format the user picked
 * @property {string} columnsKey  the columns `view` was made for
 * @property {Set<string>} marks  cells search marked, as `row:column` (the view's row, the column's index)
 * @property {string} current  the mark search is on
 * @property {Set<Walker>} walkers  walks over every row under way
 * @property {Set<(why: "sort" | "data") => void>} watchers  told when the order or the data changes
 * @property {((cell: HTMLElement, j: number) => void) | null} headerTools  adds the column tools' controls to column
 *   `j`'s header cell as it is built (grid_columns.js), once they are loaded
 */

/**
 * The grid's nodes, inside `node` (the element's own): a scroller with role grid holding the header row and the rows,
 * and a note under it (no rows; data gone). Call `updateGrid` to show the element's props.
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Ctx} ctx
 * @param {GridHooks} hooks
 * @returns {Grid}
 */
export function makeGrid(node, el, ctx, hooks) {
  const scroller = h("div", "df-scroll");
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "grid");
  const canvas = h("div", "df-canvas");
  const head = h("div", "df-head");
  head.setAttribute("role", "row");
  head.setAttribute("aria-rowindex", "1");
  const spacer = h("div", "df-spacer");
  canvas.append(head, spacer);
  scroller.append(canvas);
  const note = h("div", "df-note");
  note.hidden = true;
  note.setAttribute("role", "status");
  node.append(scroller, note);
  /** @type {Grid} */
  const grid = {
    el, ctx, hooks, scroller, canvas, head, spacer, note, pool: [], layout: "", cache: new Map(), inflight: [],
    sort: [], version: 0, frame: 0, fetchTimer: undefined, range: [0, -1], node, view: [], shownAs: [], columnsKey: "",
    marks: new Set(), current: "", walkers: new Set(), watchers: new Set(), headerTools: null,
  };
  scroller.addEventListener("scroll", () => schedule(grid));
  new ResizeObserver(() => schedule(grid)).observe(scroller);
  clipboard(grid);
  return grid;
}

/**
 * Give the grid Streamlit's toolbar and column tools (grid_tools.js, grid_columns.js), loaded once the page is idle:
 * the first rows show without waiting for them. `toolbar`: search, download, hidden columns and full screen (they
 * read the rows as the server holds them, and the view shows them so); `arrange`: the column menu pins, hides and
 * formats columns (the kind paints `Grid.shownAs` and moves between the columns shown). Resizing, autosizing and
 * sorting (where the kind sorts) come always.
 * @param {Grid} grid
 * @param {{toolbar: boolean, arrange: boolean}} [options]
 */
export function addTools(grid, options = { toolbar: true, arrange: true }) {
  const load = async () => {
    const [columns, tools] = await Promise.all([import("porch/grid_columns.js"), import("porch/grid_tools.js")]);
    columns.columnTools(grid, options.arrange);
    if (options.toolbar) tools.gridToolbar(grid);
  };
  // WebKit (the desktop window on macOS) has no requestIdleCallback: a moment after the rows, there.
  if ("requestIdleCallback" in window) requestIdleCallback(() => void load(), { timeout: 500 });
  else setTimeout(() => void load(), 50);
}

/**
 * Show the element `el`: its width and height, its columns (the header and row nodes are built again when they
 * changed), and its first rows (the rows held before are stale: new data, or the same data shown anew).
 * @param {HTMLElement} node
 * @param {Grid} grid
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function updateGrid(node, grid, el, ctx) {
  const props = /** @type {FrameProps} */ (el.props);
  const before = /** @type {FrameProps} */ (grid.el.props);
  grid.el = el;
  grid.ctx = ctx;
  const layout = layoutOf(grid, props);
  if (layout !== grid.layout && JSON.stringify(props.columns.map((c) => c.label)) !==
    JSON.stringify(before.columns.map((c) => c.label))) {
    grid.sort = [];
  }
  setWidth(node, props.width);
  node.style.setProperty("--df-row-height", `${props.row_height - 1}px`);
  grid.scroller.setAttribute("aria-label", props.alt || "Data table");
  grid.scroller.setAttribute("aria-colcount", String(props.columns.length + (grid.hooks.lead() ? 1 : 0)));
  if (layout !== grid.layout) build(grid, props, layout);
  grid.cache.clear();
  grid.inflight = [];
  if (!grid.sort.length) seed(grid, props.window, 0);
  grid.note.hidden = true;
  refresh(grid);
  if (props.data !== before.data) {
    for (const walker of grid.walkers) walker.take({ type: "rows", id: walker.id, start: walker.next, missing: true });
    for (const watcher of grid.watchers) watcher("data");
  }
}

/**
 * What a row shows changed (a selection, an edit, a row added): size the view again and fill its rows again.
 * @param {Grid} grid
 */
export function refresh(grid) {
  size(grid);
  grid.version++;
  schedule(grid);
}

/**
 * @param {Grid} grid
 * @param {FrameProps} props
 */
function layoutOf(grid, props) {
  return JSON.stringify([props.columns, props.row_height, grid.hooks.layout()]);
}

/**
 * The header and the row pool for the columns.
 * @param {Grid} grid
 * @param {FrameProps} props
 * @param {string} layout
 */
function build(grid, props, layout) {
  grid.layout = layout;
  grid.head.replaceChildren();
  grid.head.style.height = `${props.row_height}px`;
  const lead = grid.hooks.lead();
  const key = JSON.stringify(props.columns.map((c) => [c.label, c.width, c.pinned]));
  if (key !== grid.columnsKey) {
    grid.columnsKey = key;
    grid.view = props.columns.map((c) => ({ width: c.width, hidden: false, pinned: c.pinned, format: null }));
  }
  grid.shownAs = props.columns.map((column, j) => columnAs(column, grid.view[j]));
  if (lead) {
    const corner = h("div", "df-header df-select df-pinned");
    corner.setAttribute("role", "columnheader");
    corner.style.width = `${lead}px`;
    corner.style.left = "0px";
    grid.hooks.leadHeader(corner);
    grid.head.append(corner);
  }
  props.columns.forEach((column, j) => {
    const cell = h("div", "df-header");
    cell.setAttribute("role", "columnheader");
    cell.dataset.column = String(j);
    cell.classList.toggle("df-number", numeric(column));
    if (column.align) cell.dataset.align = column.align;
    const label = h("span", "df-label", column.label);
    if (grid.hooks.headerButton(column, j) && props.rows > 0) {
      const button = h("button", "df-sort");
      button.type = "button";
      button.append(label, h("span", "df-arrow"));
      cell.append(button);
    } else {
      cell.append(label);
    }
    setHelp(cell, column.help);
    grid.head.append(cell);
    grid.headerTools?.(cell, j);
  });
  for (const row of grid.pool) row.remove();
  grid.pool = [];
  grid.version++;
  applyColumns(grid);
  showSort(grid);
}

/**
 * Put a window of rows into the cache, at their places in the server's current order from `start`.
 * @param {Grid} grid
 * @param {Window} window
 * @param {number} start
 */
function seed(grid, window, start) {
  window.cells.forEach((cells, k) => {
    grid.cache.set(start + k, {
      cells, pos: window.pos[k], text: window.text?.[k] ?? null, css: window.css?.[k] ?? null,
      html: window.html?.[k] ?? null,
    });
  });
}

/**
 * The element's height: "auto" shows at most ten rows, "content" all (up to 10,000 px), "stretch" its container's.
 * @param {Grid} grid
 */
function size(grid) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  const count = grid.hooks.count();
  const rh = props.row_height;
  const frame = 2;
  const rows = Math.max(count, 1);
  const { height } = props;
  const scroller = grid.scroller;
  scroller.setAttribute("aria-rowcount", String(count + 1));
  scroller.dataset.height = typeof height === "number" ? "px" : String(height);
  if (typeof height === "number") scroller.style.height = `${height}px`;
  else if (height === "content") scroller.style.height = `${Math.min(10000, rh * (rows + 1) + frame)}px`;
  else if (height === "stretch") scroller.style.height = "";
  else scroller.style.height = `${rh * (Math.min(rows, 10) + 1) + frame}px`;
  scroller.style.minHeight = height === "stretch" ? `${rh * 4 + frame}px` : "";
  grid.spacer.style.height = `${Math.min(count * rh, MAX_PX)}px`;
}

/**
 * Paint the rows in view at the next animation frame.
 * @param {Grid} grid
 */
export function schedule(grid) {
  if (!grid.frame) grid.frame = requestAnimationFrame(() => render(grid));
}

/**
 * Where the rows in view are: the first and last, and the offset that maps a row's place to the canvas.
 * @param {Grid} grid
 */
function view(grid) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  const count = grid.hooks.count();
  const rh = props.row_height;
  const full = count * rh;
  const body = Math.min(full, MAX_PX);
  const top = grid.scroller.scrollTop;
  const seen = Math.max(rh, grid.scroller.clientHeight - rh);
  const ratio = full > MAX_PX && body > seen ? (full - seen) / (body - seen) : 1;
  const virtualTop = top * ratio;
  const first = Math.max(0, Math.floor(virtualTop / rh));
  const last = Math.min(count - 1, Math.floor((virtualTop + seen) / rh));
  return { first, last, shift: rh + top - virtualTop, ratio };
}

/**
 * Scroll so that the view's row `i` is in view (keyboard moves past the edge of the view).
 * @param {Grid} grid
 * @param {number} i
 */
export function reveal(grid, i) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  const rh = props.row_height;
  const { first, last, ratio } = view(grid);
  if (i >= first && i < last) return;
  const seen = Math.max(rh, grid.scroller.clientHeight - rh);
  const target = i < first ? i * rh : (i + 1) * rh - seen;
  grid.scroller.scrollTop = Math.max(0, target / ratio);
  render(grid);
}

/** @param {Grid} grid */
function render(grid) {
  if (grid.frame) cancelAnimationFrame(grid.frame);
  grid.frame = 0;
  if (!grid.scroller.isConnected) return;
  const props = /** @type {FrameProps} */ (grid.el.props);
  const { first, last, shift } = view(grid);
  grid.range = [first, last];
  const count = Math.max(0, last - first + 1);
  while (grid.pool.length < count) grid.pool.push(makeRow(grid, props));
  const rh = props.row_height;
  grid.pool.forEach((row, k) => {
    if (k >= count) {
      row.hidden = true;
      row.dataset.index = "";
      return;
    }
    const i = first + k;
    row.hidden = false;
    row.style.transform = `translateY(${(i * rh + shift).toFixed(1)}px)`;
    const key = `${i}:${grid.version}`;
    if (row.dataset.key !== key) {
      row.dataset.key = key;
      row.dataset.index = String(i);
      row.setAttribute("aria-rowindex", String(i + 2));
      const k = grid.hooks.source(i);
      const data = k < 0 ? undefined : grid.cache.get(k);
      row.classList.toggle("df-loading", k >= 0 && !data);
      grid.hooks.paint(row, i, data);
      markRow(grid, row, i);
    }
  });
  if (!grid.hooks.count()) {
    grid.note.hidden = false;
    grid.note.textContent = props.columns.length ? "No rows." : "Empty table.";
  } else if (grid.note.textContent !== MISSING) {
    grid.note.hidden = true;
  }
  // Rows missing from the view are asked for at once (at most once a frame, as rendering is); a margin around rows
  // already here waits until scrolling pauses.
  clearTimeout(grid.fetchTimer);
  if (held(grid, first, last)) grid.fetchTimer = setTimeout(() => fetchRows(grid), 120);
  else fetchRows(grid);
}

const MISSING = "This table's data is no longer on the server: rerun the app to see it again.";

/**
 * Whether every row of the view from `first` to `last` that the server holds is here.
 * @param {Grid} grid
 * @param {number} first
 * @param {number} last
 */
function held(grid, first, last) {
  for (let i = first; i <= last; i++) {
    const k = grid.hooks.source(i);
    if (k >= 0 && !grid.cache.has(k)) return false;
  }
  return true;
}

/**
 * A row node with a cell per column (and one for the lead column first).
 * @param {Grid} grid
 * @param {FrameProps} props
 */
function makeRow(grid, props) {
  const row = h("div", "df-row");
  row.setAttribute("role", "row");
  row.style.height = `${props.row_height}px`;
  const lead = grid.hooks.lead();
  if (lead) {
    const cell = h("div", "df-cell df-select df-pinned");
    cell.setAttribute("role", "gridcell");
    cell.style.width = `${lead}px`;
    cell.style.left = "0px";
    grid.hooks.leadCell(cell);
    row.append(cell);
  }
  const { places } = placement(grid);
  props.columns.forEach((column, j) => {
    const cell = h("div", "df-cell");
    cell.setAttribute("role", "gridcell");
    cell.dataset.column = String(j);
    cell.classList.toggle("df-number", numeric(column));
    cell.classList.toggle("df-index", column.index);
    if (column.align) cell.dataset.align = column.align;
    place(cell, places[j]);
    row.append(cell);
  });
  grid.canvas.append(row);
  return row;
}

/**
 * Mark the cells of the row node showing the view's row `i` that search found (`Grid.marks`, `Grid.current`).
 * @param {Grid} grid
 * @param {HTMLElement} row
 * @param {number} i
 */
function markRow(grid, row, i) {
  if (!grid.marks.size && !row.classList.contains("df-marked")) return;
  let any = false;
  dataCells(grid, row).forEach((cell, j) => {
    const key = `${i}:${j}`;
    const hit = grid.marks.has(key);
    any ||= hit;
    cell.classList.toggle("df-match", hit);
    cell.classList.toggle("df-match-current", key === grid.current);
  });
  row.classList.toggle("df-marked", any);
}

/**
 * Mark `marks` (cells as `row:column`, the view's row and the column's index), `current` the one search is on.
 * @param {Grid} grid
 * @param {Set<string>} marks
 * @param {string} current
 */
export function setMarks(grid, marks, current) {
  grid.marks = marks;
  grid.current = current;
  for (const row of grid.pool) if (!row.hidden) markRow(grid, row, Number(row.dataset.index));
}

/**
 * The data cells of a row node (after the lead cell, if any).
 * @param {Grid} grid
 * @param {HTMLElement} row
 * @returns {HTMLElement[]}
 */
export function dataCells(grid, row) {
  const cells = /** @type {HTMLElement[]} */ ([...row.children]);
  return grid.hooks.lead() ? cells.slice(1) : cells;
}

/**
 * The row node showing the view's row `i`, if it is in view.
 * @param {Grid} grid
 * @param {number} i
 * @returns {HTMLElement | undefined}
 */
export function rowNode(grid, i) {
  return grid.pool.find((row) => !row.hidden && row.dataset.index === String(i));
}

/**
 * The row node showing the view's row `i`, painted now if the view moved or grew since it was last painted (a row
 * just added, a key typed into it before the next frame); undefined when the row is not in view.
 * @param {Grid} grid
 * @param {number} i
 * @returns {HTMLElement | undefined}
 */
export function rowShown(grid, i) {
  const shown = rowNode(grid, i);
  if (shown) return shown;
  render(grid);
  return rowNode(grid, i);
}

/**
 * Ask for the rows in view (and a margin) that are neither here nor asked for already: a few requests at a time.
 * @param {Grid} grid
 */
function fetchRows(grid) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  if (!grid.scroller.isConnected || !props.rows) return;
  const count = grid.hooks.count();
  const [first, last] = grid.range;
  const low = Math.max(0, first - OVERSCAN);
  const high = Math.min(count - 1, last + OVERSCAN);
  const now = performance.now();
  grid.inflight = grid.inflight.filter((r) => now - r.at < RETRY_MS);
  let sent = 0;
  for (let i = low; i <= high && sent < 3; i++) {
    const k = grid.hooks.source(i);
    if (k < 0 || grid.cache.has(k) || grid.inflight.some((r) => r.start <= k && k < r.end)) continue;
    const start = Math.max(0, Math.min(k, props.rows - CHUNK));
    grid.inflight.push({ start, end: start + CHUNK, at: now });
    const sort = grid.sort.map((key) => /** @type {SortKey} */ ([...key]));
    grid.ctx.rows({ id: props.data, start, count: CHUNK, sort }, (msg) => onRows(grid, msg));
    sent++;
  }
  if (grid.cache.size > CACHE_ROWS) {
    const low = grid.hooks.source(first);
    const high = grid.hooks.source(last);
    for (const k of grid.cache.keys()) if (k < low - CACHE_ROWS / 2 || k > high + CACHE_ROWS / 2) grid.cache.delete(k);
  }
}

/**
 * The server's answer to a request: rows to show, or word that the data is gone.
 * @param {Grid} grid
 * @param {ServerMessage} msg
 */
function onRows(grid, msg) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  let walked = false;
  for (const walker of grid.walkers) {
    if (msg.id === walker.id && msg.start === walker.next && JSON.stringify(msg.sort ?? []) ===
      JSON.stringify(walker.sort)) {
      walker.take(msg);
      walked = true;
    }
  }
  if (walked && !grid.inflight.some((r) => r.start === msg.start)) return; // a walk's rows are not kept
  if (msg.id !== props.data || JSON.stringify(msg.sort ?? []) !== JSON.stringify(grid.sort)) return;
  grid.inflight = grid.inflight.filter((r) => r.start !== msg.start);
  if (msg.missing) {
    grid.note.hidden = false;
    grid.note.textContent = MISSING;
    return;
  }
  if (msg.skipped) {
    schedule(grid);
    return;
  }
  seed(grid, /** @type {Window} */ (/** @type {unknown} */ (msg)), msg.start);
  grid.version++;
  render(grid); // at once: the rows were asked for because the view lacks them
}

/**
 * A click on the sort button of column `j`'s header: sort by it up, then down, then back to the data's order.
 * @param {Grid} grid
 * @param {number} j
 */
export function cycleSort(grid, j) {
  const current = grid.sort[0];
  /** @type {SortKey[]} */
  const next = current?.[0] !== j ? [[j, "asc"]] : current[1] === "asc" ? [[j, "desc"]] : [];
  setSort(grid, next);
}

/**
 * Sort by `sort` (empty: the data's own order), keeping the scroll position: the rows come again from the server.
 * @param {Grid} grid
 * @param {SortKey[]} sort
 */
export function setSort(grid, sort) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  grid.sort = sort;
  grid.cache.clear();
  grid.inflight = [];
  if (!sort.length) seed(grid, props.window, 0);
  showSort(grid);
  grid.version++;
  render(grid);
  clearTimeout(grid.fetchTimer);
  fetchRows(grid);
  for (const watcher of grid.watchers) watcher("sort");
}

/**
 * Read every row of the frame, in the view's order, a request at a time (the same `rows` requests as scrolling):
 * `take` gets each window and where it starts. The promise settles when every row was read (true), or when the walk
 * stopped (false: cancelled, or the data changed or is gone from the server). `first` and `end`: read only the rows
 * from `first` up to (not with) `end`, in that order (a data_editor's copy of a range).
 * @param {Grid} grid
 * @param {(window: Window, start: number) => void} take
 * @param {number} [first]
 * @param {number} [end]
 * @returns {{done: Promise<boolean>, cancel: () => void}}
 */
export function readAll(grid, take, first = 0, end = Infinity) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  const total = Math.min(props.rows, end);
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {(read: boolean) => void} */
  let settle = () => {};
  /** @type {Promise<boolean>} */
  const done = new Promise((resolve) => {
    settle = resolve;
  });
  /** @type {Walker} */
  const walker = {
    id: props.data,
    sort: grid.sort.map((key) => /** @type {SortKey} */ ([...key])),
    next: first,
    take: (msg) => {
      if (msg.missing) return finish(false);
      if (msg.skipped) return ask();
      const window = /** @type {Window} */ (/** @type {unknown} */ (msg));
      take(window, walker.next);
      walker.next += window.cells.length;
      if (!window.cells.length || walker.next >= total) finish(true);
      else ask();
    },
  };
  const ask = () => {
    if (!grid.scroller.isConnected) return finish(false); // the element left the page
    clearTimeout(timer);
    timer = setTimeout(ask, RETRY_MS); // a request the server dropped is asked again
    const request = { id: walker.id, start: walker.next, count: Math.min(WALK_CHUNK, total - walker.next),
      sort: walker.sort };
    grid.ctx.rows(request, (msg) => onRows(grid, msg));
  };
  /** @param {boolean} read */
  const finish = (read) => {
    clearTimeout(timer);
    grid.walkers.delete(walker);
    settle(read);
  };
  grid.walkers.add(walker);
  if (total > first) ask();
  else finish(true);
  return { done, cancel: () => finish(false) };
}

/**
 * Read every row of the view, in its order (`readAll`, through the kind's `viewOf`, then its `tail`): `take` gets the
 * view's rows of each window. Settles as `readAll` does.
 * @param {Grid} grid
 * @param {(rows: ViewRows) => void} take
 * @returns {{done: Promise<boolean>, cancel: () => void}}
 */
export function readView(grid, take) {
  const { viewOf, tail } = grid.hooks;
  const walk = readAll(grid, (window, start) => take(viewOf ? viewOf(window, start) : {
    cells: window.cells, text: window.cells.map((_, k) => window.text?.[k] ?? null),
    rows: window.cells.map((_, k) => start + k),
  }));
  const done = walk.done.then((read) => {
    if (read && tail) take(tail());
    return read;
  });
  return { done, cancel: walk.cancel };
}

/**
 * The headers say how the view is sorted (aria-sort, and an arrow).
 * @param {Grid} grid
 */
function showSort(grid) {
  const sort = grid.sort;
  for (const cell of grid.head.querySelectorAll(".df-header[data-column]")) {
    const j = Number(/** @type {HTMLElement} */ (cell).dataset.column);
    const direction = sort[0]?.[0] === j ? sort[0][1] : null;
    const arrow = cell.querySelector(".df-arrow");
    if (!arrow) continue;
    cell.setAttribute("aria-sort", direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none");
    arrow.textContent = direction === "asc" ? " ↑" : direction === "desc" ? " ↓" : "";
  }
}
