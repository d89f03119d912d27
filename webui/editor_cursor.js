// A data_editor's active cell and the range of cells selected from it (porch/elements/data_editor.js is the element).
// One cell is active: the grid keeps the focus and names it with aria-activedescendant. The keys move between the
// columns shown, in the order shown (pinned first, hidden ones skipped; the check boxes' column, -1, before them);
// Shift and the arrows or a click stretch a range from the active cell to its far corner, which Ctrl+C copies.

import { count } from "porch/editor_state.js";
import { refresh, reveal } from "porch/grid.js";
import { placement, shownColumns } from "porch/grid_layout.js";

/** @typedef {import("porch/editor_state.js").Editor} Editor */

/**
 * Give `cell` the active cell's id and look when it is the active cell (`i`, `j`), take them away otherwise.
 * @param {Editor} ed
 * @param {HTMLElement} cell
 * @param {number} i
 * @param {number} j
 */
export function markActive(ed, cell, i, j) {
  const active = ed.active.i === i && ed.active.j === j;
  cell.classList.toggle("de-active", active);
  if (active) cell.id = ed.activeId;
  else if (cell.id === ed.activeId) cell.removeAttribute("id");
}

/**
 * Point the grid's aria-activedescendant at the active cell (painting it anew).
 * @param {Editor} ed
 */
export function showActive(ed) {
  const last = count(ed) - 1;
  ed.active = { i: Math.max(0, Math.min(ed.active.i, last)), j: shownColumn(ed, ed.active.j) };
  refresh(ed.grid);
}

/**
 * The columns the keys move between, in the order shown: the check boxes (-1) first, then the columns shown (pinned
 * ones first, hidden ones left out).
 * @param {Editor} ed
 */
export function columnOrder(ed) {
  const shown = shownColumns(ed.grid);
  return ed.grid.hooks.lead() ? [-1, ...shown] : shown;
}

/**
 * Column `j` if it is shown, else the first shown after it in the data's order (or the last shown).
 * @param {Editor} ed
 * @param {number} j
 */
function shownColumn(ed, j) {
  const order = columnOrder(ed);
  if (order.includes(j) || !order.length) return order.length ? j : 0;
  const after = order.filter((c) => c > j);
  return after.length ? Math.min(...after) : order[order.length - 1];
}

/**
 * The column `by` steps from `j` in the order shown (held at the ends).
 * @param {Editor} ed
 * @param {number} j
 * @param {number} by
 */
export function stepColumn(ed, j, by) {
  const order = columnOrder(ed);
  const at = order.indexOf(shownColumn(ed, j));
  return order[Math.max(0, Math.min(order.length - 1, at + by))] ?? 0;
}

/**
 * Make (`i`, `j`) the active cell, in view (a hidden column: the next one shown), alone selected.
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 */
export function moveTo(ed, i, j) {
  const lead = ed.grid.hooks.lead();
  ed.active = { i: Math.max(0, Math.min(i, count(ed) - 1)), j: shownColumn(ed, j) };
  ed.corner = null;
  reveal(ed.grid, ed.active.i);
  // Sideways: the active column in view (pinned columns stay in view by themselves), in the order shown.
  const scroller = ed.grid.scroller;
  if (ed.active.j >= 0 && !ed.grid.view[ed.active.j].pinned) {
    const { places } = placement(ed.grid);
    let left = lead;
    let pinned = lead;
    for (const c of shownColumns(ed.grid)) {
      if (places[c].order >= places[ed.active.j].order) break;
      left += ed.grid.view[c].width; // as the user sized it
      if (ed.grid.view[c].pinned) pinned += ed.grid.view[c].width;
    }
    const right = left + ed.grid.view[ed.active.j].width;
    if (left - pinned < scroller.scrollLeft) scroller.scrollLeft = left - pinned;
    else if (right > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = right - scroller.clientWidth;
  } else if (ed.active.j < 0) {
    scroller.scrollLeft = 0;
  }
  refresh(ed.grid);
}

/**
 * The cell a click landed in: the view's row and the column (-1: the check boxes).
 * @param {Editor} ed
 * @param {HTMLElement} target
 * @returns {{i: number, j: number} | null}
 */
export function cellAt(ed, target) {
  const row = /** @type {HTMLElement | null} */ (target.closest(".df-row"));
  const cell = /** @type {HTMLElement | null} */ (target.closest(".df-cell"));
  if (!row || !cell || !row.dataset.index) return null;
  return { i: Number(row.dataset.index), j: cell.dataset.column === undefined ? -1 : Number(cell.dataset.column) };
}

/**
 * The range of cells selected: its rows (the view's) and its columns (in the order shown); the active cell alone
 * without one.
 * @param {Editor} ed
 */
export function rangeOf(ed) {
  const { active } = ed;
  const corner = ed.corner ?? active;
  const order = shownColumns(ed.grid);
  const a = order.indexOf(active.j);
  const b = order.indexOf(corner.j);
  const columns = a < 0 || b < 0 ? [] : order.slice(Math.min(a, b), Math.max(a, b) + 1);
  return { top: Math.min(active.i, corner.i), bottom: Math.max(active.i, corner.i), columns };
}

/**
 * Whether the cell (`i`, `j`) is in the range of cells selected (more than the active cell).
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 */
export function inRange(ed, i, j) {
  if (!ed.corner) return false;
  const range = rangeOf(ed);
  return i >= range.top && i <= range.bottom && range.columns.includes(j);
}
