// dataframe: a table of any size. The frame stays on the server; the element brings its columns, its row count and
// its first rows, and the grid (porch/grid.js, shared with data_editor) asks for the rows it shows as the user scrolls
// or sorts. The grid's toolbar (search, download, hidden columns, full screen: grid_tools.js) and column tools
// (resize, column menu: grid_columns.js) come with it. With selections, rows are chosen with check boxes, columns with
// their headers, cells with a click; in `multi-cell` mode a drag (or a click, then Shift and a click or Shift+Enter on
// another cell, or Shift and the arrow keys) selects the range between, as Streamlit's; the arrow keys move between
// cells. The value is Streamlit's selection as JSON text. Without cell selection, a drag (or Shift and a click) marks
// a range locally, as Streamlit's grid does, for Ctrl+C to copy; nothing is sent.

import { copied, fill, numeric } from "porch/cells.js";
import {
  addTools, cycleSort, dataCells, makeGrid, readView, refresh, reveal, rowNode, updateGrid,
} from "porch/grid.js";
import { shownColumns } from "porch/grid_layout.js";
import { commit, h, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/grid.js").Row} Row */
/** @typedef {import("porch/grid.js").Window} Window */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string | null> & {data: string, columns: FrameColumn[], rows: number, window: Window,
 *   width: string | number, height: string | number, row_height: number, placeholder: string | null,
 *   selection_mode: string[], sortable: boolean, alt: string | null}} Props
 */

const SELECT_WIDTH = 36;
/** Walks a copy of selected columns makes at most, when runs that show the data anew stop one (`readLines`). */
const COPY_WALKS = 3;
/** Where each arrow key moves the focus between cells: rows, and columns as shown. */
const ARROWS = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/**
 * @typedef {object} Table
 * @property {Grid} grid
 * @property {Set<number>} rows  selected rows (positions in the data)
 * @property {Set<string>} cols  selected columns (names)
 * @property {Map<string, [number, string]>} cellSel  selected cells
 * @property {[number, number] | null} anchor  where a range of cells starts: the view's row, the column's index
 * @property {boolean} dragging  the pointer is selecting a range
 * @property {[number, number] | null} current  the cell last clicked without cell selection (the view's row, the
 *   column's index): what Ctrl+C copies when nothing is selected
 * @property {[number, number] | null} corner  without cell selection, the other end of a range from `current` marked
 *   by a drag or Shift and a click: local, for Ctrl+C only
 * @property {boolean} marking  the pointer is marking such a range
 */

/** @type {WeakMap<HTMLElement, Table>} */
const tables = new WeakMap();

/** @param {Elem} el */
function propsOf(el) {
  return /** @type {Props} */ (el.props);
}

/** @param {string[]} modes */
function selectsRows(modes) {
  return modes.some((m) => m.endsWith("-row") || m === "single-row-required");
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "dataframe");
  /** @type {Table} */
  const table = { grid: /** @type {Grid} */ (/** @type {unknown} */ (null)), rows: new Set(), cols: new Set(),
    cellSel: new Map(), anchor: null, dragging: false, current: null, corner: null,
    marking: false };
  table.grid = makeGrid(node, el, ctx, {
    layout: () => JSON.stringify([propsOf(table.grid.el).selection_mode, propsOf(table.grid.el).sortable]),
    lead: () => (selectsRows(propsOf(table.grid.el).selection_mode) ? SELECT_WIDTH : 0),
    leadHeader: () => {},
    leadCell: (cell) => {
      const box = h("input", "df-check");
      box.type = "checkbox";
      cell.append(box);
    },
    headerButton: (column) => {
      const props = propsOf(table.grid.el);
      return props.sortable || (props.selection_mode.some((m) => m.endsWith("-column")) && !column.index);
    },
    count: () => propsOf(table.grid.el).rows,
    source: (i) => i,
    paint: (row, i, data) => paintRow(table, row, i, data),
    sortable: () => propsOf(table.grid.el).sortable,
    copy: () => copyCells(table),
  });
  tables.set(node, table);
  addTools(table.grid);
  const { canvas } = table.grid;
  canvas.addEventListener("click", (event) => onClick(node, table, event));
  canvas.addEventListener("keydown", (event) => {
    const target = /** @type {HTMLElement} */ (event.target);
    if (!target.classList.contains("df-cell") || target.tabIndex !== 0) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      pickCell(node, table, target, event.shiftKey, true);
    } else if (event.key in ARROWS) {
      event.preventDefault();
      moveFocus(node, table, target, ARROWS[/** @type {keyof typeof ARROWS} */ (event.key)], event.shiftKey);
    }
  });
  canvas.addEventListener("pointerdown", (event) => {
    const cell = /** @type {HTMLElement} */ (event.target).closest(".df-cell");
    if (cell instanceof HTMLElement && cell.tabIndex !== 0 && event.button === 0) {
      markFrom(table, cell, event); // no cell selection: the cell (or range) Ctrl+C copies
      return;
    }
    if (!(cell instanceof HTMLElement) || cell.tabIndex !== 0 || event.button !== 0) return;
    event.preventDefault(); // no text selection while dragging over cells
    cell.focus();
    const multi = propsOf(table.grid.el).selection_mode.includes("multi-cell");
    pickCell(node, table, cell, event.shiftKey, !multi);
    table.dragging = multi;
  });
  canvas.addEventListener("pointerover", (event) => {
    const cell = /** @type {HTMLElement} */ (event.target).closest(".df-cell");
    if (table.dragging && cell instanceof HTMLElement && cell.tabIndex === 0) extendTo(table, cell);
    if (table.marking && cell instanceof HTMLElement) markTo(table, cell);
  });
  document.addEventListener("pointerup", () => {
    table.marking = false;
    if (!table.dragging) return;
    table.dragging = false;
    if (node.isConnected) changed(node, table);
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
  const table = /** @type {Table} */ (tables.get(node));
  updateGrid(node, table.grid, el, ctx);
  if (propsOf(el).selection_mode.length && el.id) {
    sync(node, el, (value) => {
      readSelection(table, value);
      refresh(table.grid);
    });
  }
}

/**
 * @param {Table} table
 * @param {HTMLElement} row
 * @param {number} i
 * @param {Row | undefined} data
 */
function paintRow(table, row, i, data) {
  const { grid } = table;
  const props = propsOf(grid.el);
  const cellSelect = props.selection_mode.some((m) => m.endsWith("-cell"));
  if (grid.hooks.lead()) {
    const box = /** @type {HTMLInputElement} */ (row.firstElementChild?.firstElementChild);
    box.disabled = !data || !!props.disabled;
    box.checked = !!data && table.rows.has(data.pos);
    box.setAttribute("aria-label", data ? `Select row ${data.pos}` : "Select row");
  }
  row.classList.toggle("df-selected", !!data && table.rows.has(data.pos));
  if (data) row.dataset.pos = String(data.pos);
  else delete row.dataset.pos;
  const cells = dataCells(grid, row);
  const order = shownColumns(grid);
  const marked = markedRange(table, order);
  grid.shownAs.forEach((column, j) => {
    const cell = cells[j];
    if (cellSelect && !column.index) cell.tabIndex = 0;
    else cell.removeAttribute("tabindex");
    if (!data) {
      cell.replaceChildren();
      cell.style.cssText = cell.dataset.base ?? "";
      cell.removeAttribute("aria-selected");
      return;
    }
    fill(cell, data.cells[j], column, data.text?.[j], data.css?.[j], props.placeholder, props.row_height,
      { html: data.html?.[j], pos: data.pos, ctx: grid.ctx });
    const chosen = (column.key !== null && table.cols.has(column.key)) ||
      (column.key !== null && table.cellSel.has(`${data.pos}\u0000${column.key}`));
    cell.classList.toggle("df-chosen", chosen);
    cell.classList.toggle("df-current", table.current?.[0] === i && table.current[1] === j);
    cell.classList.toggle("df-marked", !!marked && within(marked, i, order.indexOf(j)));
    if (props.selection_mode.length) cell.setAttribute("aria-selected", String(chosen));
  });
}

/**
 * Clicks: a header sorts (or selects its column), a check box selects its row, a cell itself (cell selection).
 * @param {HTMLElement} node
 * @param {Table} table
 * @param {MouseEvent} event
 */
function onClick(node, table, event) {
  const target = /** @type {HTMLElement} */ (event.target);
  const { grid } = table;
  const props = propsOf(grid.el);
  const modes = props.selection_mode;
  const header = target.closest(".df-sort")?.parentElement;
  if (header?.dataset.column) {
    const j = Number(header.dataset.column);
    const column = props.columns[j];
    if (modes.some((m) => m.endsWith("-column"))) {
      if (column.key === null || props.disabled) return;
      toggle(table.cols, column.key, modes.includes("multi-column"));
      return changed(node, table);
    }
    if (props.sortable) cycleSort(grid, j);
    return;
  }
  const row = /** @type {HTMLElement | null} */ (target.closest(".df-row"));
  if (!row || row.dataset.pos === undefined || props.disabled) return;
  const pos = Number(row.dataset.pos);
  if (target.classList.contains("df-check")) {
    const required = modes.includes("single-row-required");
    if (required && table.rows.has(pos)) {
      /** @type {HTMLInputElement} */ (target).checked = true;
      return;
    }
    toggle(table.rows, pos, modes.includes("multi-row"));
    return changed(node, table);
  }
  // Cells are picked as the pointer goes down (pointerdown above), so that a drag selects a range.
}

/**
 * The view's row and the column's index of a data cell node.
 * @param {HTMLElement} cell
 * @returns {[number, number] | null}
 */
function placeOf(cell) {
  const row = /** @type {HTMLElement | null} */ (cell.closest(".df-row"));
  if (!row?.dataset.index || row.dataset.pos === undefined || cell.dataset.column === undefined) return null;
  return [Number(row.dataset.index), Number(cell.dataset.column)];
}

/**
 * A cell is picked (a click, Enter or Space): it becomes the selection, or in `multi-cell` mode with Shift the
 * range from the anchor to it. Picked again alone, it is let go. `send`: send the selection now (a drag sends it when
 * the pointer is released).
 * @param {HTMLElement} node
 * @param {Table} table
 * @param {HTMLElement} cell
 * @param {boolean} extend
 * @param {boolean} send
 */
function pickCell(node, table, cell, extend, send) {
  const props = propsOf(table.grid.el);
  const at = placeOf(cell);
  if (!at || props.disabled || !props.selection_mode.some((m) => m.endsWith("-cell"))) return;
  const multi = props.selection_mode.includes("multi-cell");
  if (extend && multi && table.anchor) {
    selectRange(table, table.anchor, at);
  } else {
    const before = [...table.cellSel.keys()];
    selectRange(table, at, at);
    if (before.length === 1 && table.cellSel.size === 1 && before[0] === [...table.cellSel.keys()][0]) {
      table.cellSel.clear(); // the only cell selected, picked again
      table.anchor = null;
    } else {
      table.anchor = at;
    }
  }
  if (send) changed(node, table);
  else refresh(table.grid);
}

/**
 * An arrow key in a cell: the focus moves to the next cell that way (the rows scrolling with it); with Shift in
 * `multi-cell` mode, the range from the anchor goes to that cell, as Streamlit's.
 * @param {HTMLElement} node
 * @param {Table} table
 * @param {HTMLElement} cell
 * @param {number[]} by  rows, columns
 * @param {boolean} extend
 */
function moveFocus(node, table, cell, by, extend) {
  const { grid } = table;
  const props = propsOf(grid.el);
  const at = placeOf(cell);
  if (!at) return;
  const order = shownColumns(grid).filter((j) => !props.columns[j].index);
  const i = Math.max(0, Math.min(props.rows - 1, at[0] + by[0]));
  const j = order[Math.max(0, Math.min(order.length - 1, order.indexOf(at[1]) + by[1]))];
  reveal(grid, i);
  const next = rowNode(grid, i)?.querySelector(`.df-cell[data-column="${j}"]`);
  if (!(next instanceof HTMLElement)) return;
  next.focus();
  next.scrollIntoView({ block: "nearest", inline: "nearest" });
  if (extend && props.selection_mode.includes("multi-cell") && table.anchor && !props.disabled) {
    selectRange(table, table.anchor, [i, j]);
    changed(node, table);
  }
}

/**
 * Without cell selection, the pointer goes down on `cell`: it becomes the cell Ctrl+C copies, or with Shift the
 * far end of a range from the one before; a drag from it marks a range (markTo). Local: nothing is sent.
 * @param {Table} table
 * @param {HTMLElement} cell
 * @param {PointerEvent} event
 */
function markFrom(table, cell, event) {
  const at = placeOf(cell);
  if (!at) return;
  event.preventDefault(); // no text selection while marking cells
  table.grid.scroller.focus({ preventScroll: true }); // where Ctrl+C's copy event goes
  if (event.shiftKey && table.current) table.corner = at;
  else {
    table.current = at;
    table.corner = null;
  }
  table.marking = true;
  refresh(table.grid);
}

/**
 * A drag without cell selection reached `cell`: the marked range goes from `current` to it.
 * @param {Table} table
 * @param {HTMLElement} cell
 */
function markTo(table, cell) {
  const at = placeOf(cell);
  if (!at || !table.current) return;
  const corner = at[0] === table.current[0] && at[1] === table.current[1] ? null : at;
  if (corner?.[0] === table.corner?.[0] && corner?.[1] === table.corner?.[1]) return;
  table.corner = corner;
  refresh(table.grid);
}

/**
 * The marked range (without cell selection): its first and last view rows, and its first and last places in `order`
 * (the columns as shown); null when there is none.
 * @param {Table} table
 * @param {number[]} order
 */
function markedRange(table, order) {
  const { current, corner } = table;
  if (!current || !corner) return null;
  const x1 = order.indexOf(current[1]);
  const x2 = order.indexOf(corner[1]);
  if (x1 < 0 || x2 < 0) return null;
  return { top: Math.min(current[0], corner[0]), bottom: Math.max(current[0], corner[0]), left: Math.min(x1, x2),
    right: Math.max(x1, x2) };
}

/**
 * Whether the view's row `i` and the place `x` in the columns shown are in a marked range.
 * @param {{top: number, bottom: number, left: number, right: number}} range
 * @param {number} i
 * @param {number} x
 */
function within(range, i, x) {
  return i >= range.top && i <= range.bottom && x >= range.left && x <= range.right;
}

/**
 * The rows of a marked range that the page holds, in the order shown.
 * @param {Table} table
 * @param {{top: number, bottom: number}} range
 * @returns {Row[]}
 */
function markedRows(table, range) {
  /** @type {Row[]} */
  const rows = [];
  for (let i = range.top; i <= range.bottom; i++) {
    const row = table.grid.cache.get(table.grid.hooks.source(i));
    if (row) rows.push(row);
  }
  return rows;
}

/**
 * A drag reached `cell`: the range goes from the anchor to it.
 * @param {Table} table
 * @param {HTMLElement} cell
 */
function extendTo(table, cell) {
  const at = placeOf(cell);
  if (!at || !table.anchor) return;
  selectRange(table, table.anchor, at);
  refresh(table.grid);
}

/**
 * Select the cells between `from` and `to` (the view's rows, the columns as shown), as Streamlit lists a range:
 * row by row, each row's cells left to right, index columns left out.
 * @param {Table} table
 * @param {[number, number]} from
 * @param {[number, number]} to
 */
function selectRange(table, from, to) {
  const { grid } = table;
  const props = propsOf(grid.el);
  const order = shownColumns(grid);
  const x1 = order.indexOf(from[1]);
  const x2 = order.indexOf(to[1]);
  table.cellSel.clear();
  if (x1 < 0 || x2 < 0) return;
  for (let i = Math.min(from[0], to[0]); i <= Math.max(from[0], to[0]); i++) {
    const pos = grid.cache.get(grid.hooks.source(i))?.pos;
    if (pos === undefined) continue;
    for (let x = Math.min(x1, x2); x <= Math.max(x1, x2); x++) {
      const column = props.columns[order[x]];
      if (column.index || column.key === null) continue;
      table.cellSel.set(`${pos}\u0000${column.key}`, [pos, column.key]);
    }
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
 * The selection changed: show it, and send it (or hold it for the form).
 * @param {HTMLElement} node
 * @param {Table} table
 */
function changed(node, table) {
  refresh(table.grid);
  const selection = {
    rows: [...table.rows],
    columns: [...table.cols],
    cells: [...table.cellSel.values()],
  };
  commit(node, table.grid.el, table.grid.ctx, JSON.stringify({ selection }));
}

/**
 * Take the server's selection (JSON text) into the table.
 * @param {Table} table
 * @param {unknown} value
 */
function readSelection(table, value) {
  table.rows.clear();
  table.cols.clear();
  table.cellSel.clear();
  if (typeof value !== "string") return;
  try {
    const selection = JSON.parse(value)?.selection ?? {};
    for (const row of selection.rows ?? []) table.rows.add(Number(row));
    for (const column of selection.columns ?? []) table.cols.add(String(column));
    for (const [row, column] of selection.cells ?? []) table.cellSel.set(`${row}\u0000${column}`, [row, column]);
  } catch {
    // not a selection: none
  }
}

/**
 * A cell's text as Streamlit's grid copies it (its cells' `copyData`): a number whole (0.3333333333333333 where it
 * shows 0.3333), a duration as its seconds (cells.js `copied`), anything else as it shows; nothing for a missing value.
 * @param {unknown} value
 * @param {string | null | undefined} text  the server's display text (a Styler's), if any
 * @param {FrameColumn} column
 */
function copyText(value, text, column) {
  if (typeof value === "number" && Number.isFinite(value) && numeric(column)) return String(value);
  return text ?? (value === null || value === undefined ? "" : copied(value, column));
}

/**
 * What Ctrl+C copies (grid_clipboard.js), as Streamlit's grid does: the selected cells (a range: its rows, each row's
 * cells in the order shown), else the selected rows (every column shown), else the selected columns (every row of
 * the frame, in the view's order: `copyColumns`), else the focused or last clicked cell; each cell's text as
 * `copyText` gives it. Cells and rows are copied from the rows the page holds (a selection's rows are in view, or
 * near it).
 * @param {Table} table
 * @returns {string[][] | Promise<string[][] | null> | null}
 */
function copyCells(table) {
  const { grid } = table;
  const props = propsOf(grid.el);
  const order = shownColumns(grid);
  const rows = [...grid.cache.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
  /** @param {Row} row @param {number} j */
  const text = (row, j) => copyText(row.cells[j], row.text?.[j], grid.shownAs[j]);
  if (table.cellSel.size) {
    const picked = [...table.cellSel.values()];
    const keys = new Set(picked.map(([, key]) => key));
    const positions = new Set(picked.map(([pos]) => pos));
    const columns = order.filter((j) => keys.has(/** @type {string} */ (props.columns[j].key)));
    return rows.filter((row) => positions.has(row.pos)).map((row) => columns.map((j) => text(row, j)));
  }
  if (table.rows.size) {
    return rows.filter((row) => table.rows.has(row.pos)).map((row) => order.map((j) => text(row, j)));
  }
  const chosen = order.filter((j) => table.cols.has(/** @type {string} */ (props.columns[j].key)));
  if (chosen.length) return copyColumns(table, chosen);
  const marked = markedRange(table, order);
  if (marked) {
    const columns = order.slice(marked.left, marked.right + 1);
    return markedRows(table, marked).map((row) => columns.map((j) => text(row, j)));
  }
  const focused = document.activeElement;
  const at = focused instanceof HTMLElement && focused.classList.contains("df-cell") && grid.scroller.contains(focused)
    ? placeOf(focused) : table.current;
  const row = at ? grid.cache.get(grid.hooks.source(at[0])) : undefined;
  return at && row ? [[text(row, at[1])]] : null;
}

/**
 * Every row of the selected `columns`, in the view's order, as Streamlit's grid copies selected columns (no header).
 * From the page when it holds every row; else read from the server a window at a time (grid.js `readView`, as the
 * CSV download reads it), so the text comes later (null: the walk stopped, the element left the page).
 * @param {Table} table
 * @param {number[]} columns  the columns' indexes, in the order shown
 * @returns {string[][] | Promise<string[][] | null>}
 */
function copyColumns(table, columns) {
  const { grid } = table;
  const total = propsOf(grid.el).rows;
  /** @param {unknown[]} cells @param {(string | null)[] | null | undefined} text */
  const line = (cells, text) => columns.map((j) => copyText(cells[j], text?.[j], grid.shownAs[j]));
  /** @type {string[][]} */
  const held = [];
  for (let i = 0; i < total; i++) {
    const row = grid.cache.get(grid.hooks.source(i));
    if (!row) break;
    held.push(line(row.cells, row.text));
  }
  if (held.length === total) return held;
  return readLines(grid, line, COPY_WALKS);
}

/**
 * Every row of the view as `line` writes it, read from the server (grid.js `readView`). A run that shows the data
 * anew (every run sends a frame under a new id: a fragment's timer, another widget) stops a walk; the copy then
 * walks the new data, up to `walks` times in all (null: still stopped, or the element left the page).
 * @param {Grid} grid
 * @param {(cells: unknown[], text: (string | null)[] | null | undefined) => string[]} line
 * @param {number} walks
 * @returns {Promise<string[][] | null>}
 */
function readLines(grid, line, walks) {
  /** @type {string[][]} */
  const lines = [];
  const walk = readView(grid, (view) => view.cells.forEach((cells, k) => lines.push(line(cells, view.text[k]))));
  return walk.done.then((read) => {
    if (read) return lines;
    return walks > 1 && grid.scroller.isConnected ? readLines(grid, line, walks - 1) : null;
  });
}
