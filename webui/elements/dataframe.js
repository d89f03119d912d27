// dataframe: a table of any size. The frame stays on the server; the element brings its columns, its row count and
// its first rows, and the grid (porch/grid.js, shared with data_editor) asks for the rows it shows as the user scrolls
// or sorts. With selections, rows are chosen with check boxes, columns with their headers, cells with a click; the
// value is Streamlit's selection as JSON text.

import { fill } from "porch/cells.js";
import { cycleSort, dataCells, makeGrid, refresh, updateGrid } from "porch/grid.js";
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
 *   width: string | number, height: string | number, row_height: number, placeholder: string,
 *   selection_mode: string[], sortable: boolean, alt: string | null}} Props
 */

const SELECT_WIDTH = 36;

/**
 * @typedef {object} Table
 * @property {Grid} grid
 * @property {Set<number>} rows  selected rows (positions in the data)
 * @property {Set<string>} cols  selected columns (names)
 * @property {Map<string, [number, string]>} cellSel  selected cells
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
    cellSel: new Map() };
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
    paint: (row, i, data) => paintRow(table, row, data),
  });
  tables.set(node, table);
  const { canvas } = table.grid;
  canvas.addEventListener("click", (event) => onClick(node, table, event));
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
 * @param {Row | undefined} data
 */
function paintRow(table, row, data) {
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
  props.columns.forEach((column, j) => {
    const cell = cells[j];
    if (cellSelect && !column.index) cell.tabIndex = 0;
    else cell.removeAttribute("tabindex");
    if (!data) {
      cell.replaceChildren();
      cell.style.cssText = cell.dataset.base ?? "";
      cell.removeAttribute("aria-selected");
      return;
    }
    fill(cell, data.cells[j], column, data.text?.[j], data.css?.[j], props.placeholder, props.row_height);
    const chosen = (column.key !== null && table.cols.has(column.key)) ||
      (column.key !== null && table.cellSel.has(`${data.pos}\u0000${column.key}`));
    cell.classList.toggle("df-chosen", chosen);
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
  const cell = /** @type {HTMLElement | null} */ (target.closest(".df-cell"));
  if (cell?.dataset.column && modes.some((m) => m.endsWith("-cell"))) {
    const column = props.columns[Number(cell.dataset.column)];
    if (column.key === null) return;
    const key = `${pos}\u0000${column.key}`;
    if (table.cellSel.has(key)) table.cellSel.delete(key);
    else {
      if (!modes.includes("multi-cell")) table.cellSel.clear();
      table.cellSel.set(key, [pos, column.key]);
    }
    changed(node, table);
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
