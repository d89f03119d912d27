// The user's layout of a grid's columns (grid.js, grid_columns.js): each column's width, whether it is hidden or
// pinned, and the format picked from its menu, kept in `Grid.view` while the element shows the same columns. Pinned
// columns come first (flex `order`, so the row nodes keep one cell per column in the data's order, which the kinds
// index), each stuck at its offset; hidden ones take no room.

/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */

/**
 * The user's layout of a column: its width (dragged, or autosized), whether it is hidden or pinned, the format picked
 * from its menu (null: the column's own; "": automatic).
 * @typedef {{width: number, hidden: boolean, pinned: boolean, format: string | null}} ColumnView
 */

/** The narrowest and widest a user may make a column (Streamlit's limits). */
export const MIN_COLUMN_WIDTH = 50;
export const MAX_COLUMN_WIDTH = 1000;

/**
 * Where each column goes: its width, its place (pinned columns first, in their order, then the others), its sticky
 * offset if pinned (null if not), whether it is hidden; and the width of them all.
 * @param {Grid} grid
 */
export function placement(grid) {
  const lead = grid.hooks.lead();
  const order = grid.view.map((_, j) => j);
  order.sort((a, b) => Number(grid.view[b].pinned) - Number(grid.view[a].pinned) || a - b);
  /** @type {{width: number, order: number, left: number | null, hidden: boolean}[]} */
  const places = grid.view.map((v) => ({ width: v.width, order: 0, left: null, hidden: v.hidden }));
  let left = lead;
  let total = lead;
  order.forEach((j, k) => {
    const view = grid.view[j];
    places[j].order = k + 1;
    if (view.hidden) return;
    if (view.pinned) {
      places[j].left = left;
      left += view.width;
    }
    total += view.width;
  });
  return { places, total };
}

/**
 * `column` with the format the user picked for it, if any.
 * @param {FrameColumn} column
 * @param {ColumnView | undefined} view
 * @returns {FrameColumn}
 */
export function columnAs(column, view) {
  if (view?.format === null || view?.format === undefined) return column;
  return { ...column, config: { ...column.config, format: view.format || null } };
}

/**
 * The columns shown, in the order they show (pinned ones first), by index.
 * @param {Grid} grid
 */
export function shownColumns(grid) {
  const order = grid.view.map((_, j) => j).filter((j) => !grid.view[j].hidden);
  return order.sort((a, b) => Number(grid.view[b].pinned) - Number(grid.view[a].pinned) || a - b);
}

/**
 * Show the columns as `Grid.view` says, on the header and every row node: after the user resized, hid or pinned one.
 * @param {Grid} grid
 */
export function applyColumns(grid) {
  const { places, total } = placement(grid);
  for (const cell of /** @type {NodeListOf<HTMLElement>} */ (grid.head.querySelectorAll(".df-header[data-column]"))) {
    const j = Number(cell.dataset.column);
    place(cell, places[j]);
    cell.querySelector(".df-resize")?.setAttribute("aria-valuenow", String(places[j].width)); // grid_columns.js
  }
  const skip = grid.hooks.lead() ? 1 : 0; // the lead cell (check boxes) keeps its place
  for (const row of grid.pool) {
    [...row.children].slice(skip).forEach((cell, j) => place(/** @type {HTMLElement} */ (cell), places[j]));
  }
  grid.canvas.style.width = `${total}px`;
}

/**
 * @param {HTMLElement} cell
 * @param {{width: number, order: number, left: number | null, hidden: boolean}} at
 */
export function place(cell, at) {
  cell.style.width = `${at.width}px`;
  cell.style.order = String(at.order);
  if (at.left === null) cell.style.removeProperty("left");
  else cell.style.left = `${at.left}px`;
  cell.style.display = at.hidden ? "none" : "";
  cell.classList.toggle("df-pinned", at.left !== null);
  // What fill() (cells.js) starts a cell's style from.
  cell.dataset.base = `width: ${at.width}px; order: ${at.order};${at.left === null ? "" : ` left: ${at.left}px;`}` +
    (at.hidden ? " display: none;" : "");
}
