// dataframe: a table of any size. The frame stays on the server; the element brings its columns, its row count and
// its first rows, and the grid asks for the rows it shows (ctx.rows: a `rows` message) as the user scrolls or sorts.
// Only the rows on screen are in the DOM: rows have a fixed height, a spacer as tall as all the rows gives the scroll
// range (scaled down past MAX_PX, which browsers cannot lay out), and the rows in view are placed over it.
// A click on a header sorts (on the server) up, down, then back to the data's order. With selections, rows are
// chosen with check boxes, columns with their headers, cells with a click; the value is Streamlit's selection as JSON
// text.

import { fill, numeric } from "porch/cells.js";
import { commit, h, setHelp, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/protocol.js").ServerMessage} ServerMessage */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {{cells: unknown[][], pos: number[], text?: (string | null)[][], css?: (string | null)[][]}} Window */
/**
 * @typedef {WidgetProps<string | null> & {data: string, columns: FrameColumn[], rows: number, window: Window,
 *   width: string | number, height: string | number, row_height: number, placeholder: string,
 *   selection_mode: string[], sortable: boolean, alt: string | null}} Props
 */
/** @typedef {{cells: unknown[], pos: number, text: (string | null)[] | null, css: (string | null)[] | null}} Row */
/** @typedef {[number, "asc" | "desc"]} SortKey */

/** The tallest spacer browsers lay out reliably; past it the scroll position maps onto the rows proportionally. */
const MAX_PX = 8_000_000;
/** Rows asked for at once, rows kept ready beyond each edge of the view, rows kept in memory at most. */
const CHUNK = 100;
const OVERSCAN = 20;
const CACHE_ROWS = 4000;
/** How long a request may stay unanswered before it is asked again. */
const RETRY_MS = 4000;
const SELECT_WIDTH = 36;

/**
 * @typedef {object} Grid
 * @property {Elem} el
 * @property {Ctx} ctx
 * @property {HTMLElement} scroller
 * @property {HTMLElement} canvas
 * @property {HTMLElement} head
 * @property {HTMLElement} spacer
 * @property {HTMLElement} note
 * @property {HTMLElement[]} pool  row nodes, reused as the view moves
 * @property {string} layout  the columns the header and pool were built for
 * @property {Map<number, Row>} cache  rows by their place in the current order
 * @property {{start: number, end: number, at: number}[]} inflight
 * @property {SortKey[]} sort
 * @property {number} version  bumps when rows arrive or the selection changes: the rows in view are filled again
 * @property {number} frame  a pending animation frame, or 0
 * @property {ReturnType<typeof setTimeout> | undefined} fetchTimer
 * @property {[number, number]} range  the rows in view, first and last
 * @property {Set<number>} rows  selected rows (positions in the data)
 * @property {Set<string>} cols  selected columns (names)
 * @property {Map<string, [number, string]>} cellSel  selected cells
 */

/** @type {WeakMap<HTMLElement, Grid>} */
const grids = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "dataframe");
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
    el, ctx, scroller, canvas, head, spacer, note, pool: [], layout: "", cache: new Map(), inflight: [], sort: [],
    version: 0, frame: 0, fetchTimer: undefined, range: [0, -1], rows: new Set(), cols: new Set(), cellSel: new Map(),
  };
  grids.set(node, grid);
  scroller.addEventListener("scroll", () => schedule(grid));
  new ResizeObserver(() => schedule(grid)).observe(scroller);
  canvas.addEventListener("click", (event) => onClick(node, grid, event));
  canvas.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if ((event.key === "Enter" || event.key === " ") && target.classList.contains("df-cell") && target.tabIndex === 0) {
      event.preventDefault();
      target.click();
    }
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
  const grid = /** @type {Grid} */ (grids.get(node));
  const props = /** @type {Props} */ (el.props);
  const before = /** @type {Props} */ (grid.el.props);
  const layout = JSON.stringify([props.columns, props.selection_mode, props.sortable, props.row_height]);
  if (layout !== grid.layout && JSON.stringify(props.columns.map((c) => c.label)) !==
    JSON.stringify(before.columns.map((c) => c.label))) {
    grid.sort = [];
  }
  grid.el = el;
  grid.ctx = ctx;
  setWidth(node, props.width);
  node.style.setProperty("--df-row-height", `${props.row_height - 1}px`);
  grid.scroller.setAttribute("aria-label", props.alt || "Data table");
  grid.scroller.setAttribute("aria-rowcount", String(props.rows + 1));
  grid.scroller.setAttribute("aria-colcount", String(props.columns.length));
  if (layout !== grid.layout) build(grid, props);
  // New data (or the same data shown anew): what this grid held is stale; the first rows come with the element.
  grid.cache.clear();
  grid.inflight = [];
  if (!grid.sort.length) seed(grid, props.window, 0);
  grid.note.hidden = true;
  if (props.selection_mode.length && el.id) {
    sync(node, el, (value) => {
      readSelection(grid, value);
      grid.version++;
      schedule(grid);
    });
  }
  size(grid, props);
  grid.version++;
  schedule(grid);
}

/**
 * The header and the row pool for the columns.
 * @param {Grid} grid
 * @param {Props} props
 */
function build(grid, props) {
  grid.layout = JSON.stringify([props.columns, props.selection_mode, props.sortable, props.row_height]);
  const rowSelect = props.selection_mode.some((m) => m.endsWith("-row") || m === "single-row-required");
  grid.head.replaceChildren();
  grid.head.style.height = `${props.row_height}px`;
  let left = 0;
  let width = 0;
  if (rowSelect) {
    const corner = h("div", "df-header df-select");
    corner.setAttribute("role", "columnheader");
    corner.style.width = `${SELECT_WIDTH}px`;
    corner.style.left = "0px";
    corner.classList.add("df-pinned");
    grid.head.append(corner);
    left = width = SELECT_WIDTH;
  }
  const columnSelect = props.selection_mode.some((m) => m.endsWith("-column"));
  props.columns.forEach((column, j) => {
    const cell = h("div", "df-header");
    cell.setAttribute("role", "columnheader");
    cell.dataset.column = String(j);
    cell.style.width = `${column.width}px`;
    if (column.pinned) {
      cell.classList.add("df-pinned");
      cell.style.left = `${left}px`;
      left += column.width;
    }
    width += column.width;
    cell.classList.toggle("df-number", numeric(column));
    if (column.align) cell.dataset.align = column.align;
    const label = h("span", "df-label", column.label);
    if ((props.sortable || (columnSelect && !column.index)) && props.rows > 0) {
      const button = h("button", "df-sort");
      button.type = "button";
      button.append(label, h("span", "df-arrow"));
      cell.append(button);
    } else {
      cell.append(label);
    }
    setHelp(cell, column.help);
    grid.head.append(cell);
  });
  grid.canvas.style.width = `${width}px`;
  for (const row of grid.pool) row.remove();
  grid.pool = [];
  grid.version++;
}

/**
 * Put a window of rows into the cache, at their places in the current order from `start`.
 * @param {Grid} grid
 * @param {Window} window
 * @param {number} start
 */
function seed(grid, window, start) {
  window.cells.forEach((cells, k) => {
    grid.cache.set(start + k, {
      cells, pos: window.pos[k], text: window.text?.[k] ?? null, css: window.css?.[k] ?? null,
    });
  });
}

/**
 * The element's height: "auto" shows at most ten rows, "content" all (up to 10,000 px), "stretch" its container's.
 * @param {Grid} grid
 * @param {Props} props
 */
function size(grid, props) {
  const rh = props.row_height;
  const frame = 2;
  const rows = Math.max(props.rows, 1);
  const { height } = props;
  grid.scroller.dataset.height = typeof height === "number" ? "px" : String(height);
  if (typeof height === "number") grid.scroller.style.height = `${height}px`;
  else if (height === "content") grid.scroller.style.height = `${Math.min(10000, rh * (rows + 1) + frame)}px`;
  else if (height === "stretch") grid.scroller.style.height = "";
  else grid.scroller.style.height = `${rh * (Math.min(rows, 10) + 1) + frame}px`;
  grid.scroller.style.minHeight = height === "stretch" ? `${rh * 4 + frame}px` : "";
  grid.spacer.style.height = `${Math.min(props.rows * rh, MAX_PX)}px`;
}

/** @param {Grid} grid */
function schedule(grid) {
  if (!grid.frame) grid.frame = requestAnimationFrame(() => render(grid));
}

/**
 * Where the rows in view are: the first and last, and the offset that maps a row's place to the canvas.
 * @param {Grid} grid
 */
function view(grid) {
  const props = /** @type {Props} */ (grid.el.props);
  const rh = props.row_height;
  const full = props.rows * rh;
  const body = Math.min(full, MAX_PX);
  const top = grid.scroller.scrollTop;
  const seen = Math.max(rh, grid.scroller.clientHeight - rh);
  const ratio = full > MAX_PX && body > seen ? (full - seen) / (body - seen) : 1;
  const virtualTop = top * ratio;
  const first = Math.max(0, Math.floor(virtualTop / rh));
  const last = Math.min(props.rows - 1, Math.floor((virtualTop + seen) / rh));
  return { first, last, shift: rh + top - virtualTop };
}

/** @param {Grid} grid */
function render(grid) {
  grid.frame = 0;
  if (!grid.scroller.isConnected) return;
  const props = /** @type {Props} */ (grid.el.props);
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
      paintRow(grid, props, row, i);
    }
  });
  if (!props.rows) {
    grid.note.hidden = false;
    grid.note.textContent = props.columns.length ? "No rows." : "Empty table.";
  }
  // Rows missing from the view are asked for at once (at most once a frame, as rendering is); a margin around rows
  // already here waits until scrolling pauses.
  clearTimeout(grid.fetchTimer);
  if (grid.cache.has(first) && grid.cache.has(last)) grid.fetchTimer = setTimeout(() => fetchRows(grid), 120);
  else fetchRows(grid);
}

/**
 * A row node with a cell per column (and a check box first when rows can be selected).
 * @param {Grid} grid
 * @param {Props} props
 */
function makeRow(grid, props) {
  const row = h("div", "df-row");
  row.setAttribute("role", "row");
  row.style.height = `${props.row_height}px`;
  const rowSelect = props.selection_mode.some((m) => m.endsWith("-row") || m === "single-row-required");
  const cellSelect = props.selection_mode.some((m) => m.endsWith("-cell"));
  if (rowSelect) {
    const cell = h("div", "df-cell df-select df-pinned");
    cell.style.width = `${SELECT_WIDTH}px`;
    cell.style.left = "0px";
    const box = h("input", "df-check");
    box.type = "checkbox";
    cell.append(box);
    row.append(cell);
  }
  let left = rowSelect ? SELECT_WIDTH : 0;
  props.columns.forEach((column, j) => {
    const cell = h("div", "df-cell");
    cell.setAttribute("role", "gridcell");
    cell.dataset.column = String(j);
    cell.style.width = `${column.width}px`;
    cell.classList.toggle("df-number", numeric(column));
    cell.classList.toggle("df-index", column.index);
    if (column.align) cell.dataset.align = column.align;
    if (column.pinned) {
      cell.classList.add("df-pinned");
      cell.style.left = `${left}px`;
      left += column.width;
    }
    if (cellSelect && !column.index) cell.tabIndex = 0;
    cell.dataset.base = cell.style.cssText;
    row.append(cell);
  });
  grid.canvas.append(row);
  return row;
}

/**
 * @param {Grid} grid
 * @param {Props} props
 * @param {HTMLElement} row
 * @param {number} i  the row's place in the current order
 */
function paintRow(grid, props, row, i) {
  const data = grid.cache.get(i);
  row.setAttribute("aria-rowindex", String(i + 2));
  row.classList.toggle("df-loading", !data);
  const cells = /** @type {HTMLElement[]} */ ([...row.children]);
  const offset = cells.length - props.columns.length;
  if (offset) {
    const box = /** @type {HTMLInputElement} */ (cells[0].firstElementChild);
    box.disabled = !data || !!props.disabled;
    box.checked = !!data && grid.rows.has(data.pos);
    box.setAttribute("aria-label", data ? `Select row ${data.pos}` : "Select row");
  }
  row.classList.toggle("df-selected", !!data && grid.rows.has(data.pos));
  if (data) row.dataset.pos = String(data.pos);
  else delete row.dataset.pos;
  props.columns.forEach((column, j) => {
    const cell = cells[j + offset];
    if (!data) {
      cell.replaceChildren();
      cell.style.cssText = cell.dataset.base ?? "";
      cell.removeAttribute("aria-selected");
      return;
    }
    fill(cell, data.cells[j], column, data.text?.[j], data.css?.[j], props.placeholder, props.row_height);
    const chosen = (column.key !== null && grid.cols.has(column.key)) ||
      (column.key !== null && grid.cellSel.has(`${data.pos}\u0000${column.key}`));
    cell.classList.toggle("df-chosen", chosen);
    if (props.selection_mode.length) cell.setAttribute("aria-selected", String(chosen));
  });
}

/**
 * Ask for the rows in view (and a margin) that are neither here nor asked for already: a few requests at a time.
 * @param {Grid} grid
 */
function fetchRows(grid) {
  const props = /** @type {Props} */ (grid.el.props);
  if (!grid.scroller.isConnected || !props.rows) return;
  const [first, last] = grid.range;
  const low = Math.max(0, first - OVERSCAN);
  const high = Math.min(props.rows - 1, last + OVERSCAN);
  const now = performance.now();
  grid.inflight = grid.inflight.filter((r) => now - r.at < RETRY_MS);
  let sent = 0;
  for (let i = low; i <= high && sent < 3; ) {
    if (grid.cache.has(i)) {
      i++;
      continue;
    }
    const asked = grid.inflight.find((r) => r.start <= i && i < r.end);
    if (asked) {
      i = asked.end;
      continue;
    }
    const start = Math.max(0, Math.min(i, props.rows - CHUNK));
    grid.inflight.push({ start, end: start + CHUNK, at: now });
    const sort = grid.sort.map((key) => /** @type {SortKey} */ ([...key]));
    const id = props.data;
    grid.ctx.rows({ id, start, count: CHUNK, sort }, (msg) => onRows(grid, msg));
    i = start + CHUNK;
    sent++;
  }
  if (grid.cache.size > CACHE_ROWS) {
    for (const i of grid.cache.keys()) if (i < first - CACHE_ROWS / 2 || i > last + CACHE_ROWS / 2) grid.cache.delete(i);
  }
}

/**
 * The server's answer to a request: rows to show, or word that the data is gone.
 * @param {Grid} grid
 * @param {ServerMessage} msg
 */
function onRows(grid, msg) {
  const props = /** @type {Props} */ (grid.el.props);
  if (msg.id !== props.data || JSON.stringify(msg.sort ?? []) !== JSON.stringify(grid.sort)) return;
  grid.inflight = grid.inflight.filter((r) => r.start !== msg.start);
  if (msg.missing) {
    grid.note.hidden = false;
    grid.note.textContent = "This table's data is no longer on the server: rerun the app to see it again.";
    return;
  }
  if (msg.skipped) {
    schedule(grid);
    return;
  }
  seed(grid, /** @type {Window} */ (/** @type {unknown} */ (msg)), msg.start);
  grid.version++;
  if (grid.frame) cancelAnimationFrame(grid.frame);
  render(grid); // at once: the rows were asked for because the view lacks them
}

/**
 * Clicks: a header sorts (or selects its column), a check box selects its row, a cell itself (cell selection).
 * @param {HTMLElement} node
 * @param {Grid} grid
 * @param {MouseEvent} event
 */
function onClick(node, grid, event) {
  const target = /** @type {HTMLElement} */ (event.target);
  const props = /** @type {Props} */ (grid.el.props);
  const modes = props.selection_mode;
  const header = target.closest(".df-sort")?.parentElement;
  if (header?.dataset.column) {
    const j = Number(header.dataset.column);
    const column = props.columns[j];
    if (modes.some((m) => m.endsWith("-column"))) {
      if (column.key === null || props.disabled) return;
      toggle(grid.cols, column.key, modes.includes("multi-column"));
      return changed(node, grid);
    }
    if (!props.sortable) return;
    const current = grid.sort[0];
    /** @type {SortKey[]} */
    const next = current?.[0] !== j ? [[j, "asc"]] : current[1] === "asc" ? [[j, "desc"]] : [];
    setSort(grid, next);
    return;
  }
  const row = /** @type {HTMLElement | null} */ (target.closest(".df-row"));
  if (!row || row.dataset.pos === undefined || props.disabled) return;
  const pos = Number(row.dataset.pos);
  if (target.classList.contains("df-check")) {
    const required = modes.includes("single-row-required");
    if (required && grid.rows.has(pos)) {
      /** @type {HTMLInputElement} */ (target).checked = true;
      return;
    }
    toggle(grid.rows, pos, modes.includes("multi-row"));
    return changed(node, grid);
  }
  const cell = /** @type {HTMLElement | null} */ (target.closest(".df-cell"));
  if (cell?.dataset.column && modes.some((m) => m.endsWith("-cell"))) {
    const column = props.columns[Number(cell.dataset.column)];
    if (column.key === null) return;
    const key = `${pos}\u0000${column.key}`;
    if (grid.cellSel.has(key)) grid.cellSel.delete(key);
    else {
      if (!modes.includes("multi-cell")) grid.cellSel.clear();
      grid.cellSel.set(key, [pos, column.key]);
    }
    changed(node, grid);
  }
}

/**
 * @template T
 * @param {Set<T>} set
 * @param {T} item
 * @param {boolean} multi
 */
function toggle(set, item, multi) {
  if (set.has(item)) set.delete(item);
  else {
    if (!multi) set.clear();
    set.add(item);
  }
}

/**
 * Sort by `sort` (empty: the data's own order), keeping the scroll position: the rows come again from the server.
 * @param {Grid} grid
 * @param {SortKey[]} sort
 */
function setSort(grid, sort) {
  const props = /** @type {Props} */ (grid.el.props);
  grid.sort = sort;
  grid.cache.clear();
  grid.inflight = [];
  if (!sort.length) seed(grid, props.window, 0);
  for (const cell of grid.head.querySelectorAll(".df-header[data-column]")) {
    const j = Number(/** @type {HTMLElement} */ (cell).dataset.column);
    const direction = sort[0]?.[0] === j ? sort[0][1] : null;
    cell.setAttribute("aria-sort", direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none");
    const arrow = cell.querySelector(".df-arrow");
    if (arrow) arrow.textContent = direction === "asc" ? " ↑" : direction === "desc" ? " ↓" : "";
  }
  grid.version++;
  render(grid);
  clearTimeout(grid.fetchTimer);
  fetchRows(grid);
}

/**
 * The selection changed: show it, and send it (or hold it for the form).
 * @param {HTMLElement} node
 * @param {Grid} grid
 */
function changed(node, grid) {
  grid.version++;
  schedule(grid);
  const selection = {
    rows: [...grid.rows],
    columns: [...grid.cols],
    cells: [...grid.cellSel.values()],
  };
  commit(node, grid.el, grid.ctx, JSON.stringify({ selection }));
}

/**
 * Take the server's selection (JSON text) into the grid.
 * @param {Grid} grid
 * @param {unknown} value
 */
function readSelection(grid, value) {
  grid.rows.clear();
  grid.cols.clear();
  grid.cellSel.clear();
  if (typeof value !== "string") return;
  try {
    const selection = JSON.parse(value)?.selection ?? {};
    for (const row of selection.rows ?? []) grid.rows.add(Number(row));
    for (const column of selection.columns ?? []) grid.cols.add(String(column));
    for (const [row, column] of selection.cells ?? []) grid.cellSel.set(`${row}\u0000${column}`, [row, column]);
  } catch {
    // not a selection: none
  }
}
