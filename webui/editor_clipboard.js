// Copying, pasting and emptying a data_editor's cells (porch/grid_clipboard.js carries the clipboard's events; search
// and download read the view through porch/editor_state.js). Ctrl+C copies the rows checked, else the range of cells
// selected (its rows the page does not hold read from the server, as search and download read them), else the active
// cell; Ctrl+V pastes tab-separated text from the range's (or the active cell's) top-left corner, as Streamlit's:
// each value read as the column's field reads it, cells that cannot be edited or values that do not fit left as they
// were, rows past the last added where rows may be added. Delete over a range empties each cell that may be empty.

import { copied } from "porch/cells.js";
import { rangeOf } from "porch/editor_cursor.js";
import { setCell } from "porch/editor_edit.js";
import { pastedValue, zoned } from "porch/editor_fields.js";
import {
  adds, announce, count, dataCount, editable, newRow, placeOf, propsOf, send, source, valueAt, viewRows,
} from "porch/editor_state.js";
import { readAll, refresh } from "porch/grid.js";
import { shownColumns } from "porch/grid_layout.js";

/** @typedef {import("porch/editor_state.js").Editor} Editor */
/** @typedef {import("porch/editor_state.js").Place} Place */

/**
 * A cell's text for the clipboard, as it shows (a duration as its seconds: `copied`; "" while its row is on its
 * way).
 * @param {Editor} ed
 * @param {Place} place
 * @param {number} j
 */
function cellText(ed, place, j) {
  const shown = valueAt(ed, place, j);
  if (!shown.known) return shown.text ?? "";
  return copyText(ed, j, shown.value, shown.text);
}

/**
 * The clipboard's text of a value of column `j` (`text`: the server's display text, a Styler's, if any).
 * @param {Editor} ed
 * @param {number} j
 * @param {unknown} value
 * @param {string | null | undefined} text
 */
function copyText(ed, j, value, text) {
  if (value === null || value === undefined) return text ?? "";
  return text ?? copied(zoned(propsOf(ed).editing[j], value), ed.grid.shownAs[j]);
}

/**
 * What Ctrl+C copies (grid_clipboard.js): the rows checked (each column shown; a row is checked in view), else the
 * range of cells (`copyRange`), else the active cell.
 * @param {Editor} ed
 * @returns {string[][] | Promise<string[][] | null> | null}
 */
export function copyCells(ed) {
  const order = shownColumns(ed.grid);
  if (ed.picked.size) {
    /** @type {Place[]} */
    const places = [...ed.grid.cache.entries()].sort((a, b) => a[0] - b[0])
      .filter(([, data]) => ed.picked.has(data.pos))
      .map(([k, data]) => ({ added: false, k, pos: data.pos, data }));
    ed.state.added.forEach((row, j) => {
      if (ed.picked.has(row)) places.push({ added: true, j });
    });
    return places.map((place) => order.map((j) => cellText(ed, place, j)));
  }
  if (!count(ed) || ed.active.j < 0) return null;
  return copyRange(ed, rangeOf(ed));
}

/**
 * The range's rows, each row's cells in the order shown, as the view shows them (edits applied, added rows in,
 * deleted rows out). From the page when it holds them all; else the data's rows of the range are read from the
 * server (grid.js `readAll` from the range's first row to its last, through the view's `viewRows`, as search and
 * the CSV download read the view), so the text comes later (null: the read stopped, the element left the page).
 * @param {Editor} ed
 * @param {{top: number, bottom: number, columns: number[]}} range
 * @returns {string[][] | Promise<string[][] | null>}
 */
function copyRange(ed, range) {
  const { columns, top, bottom } = range;
  /** @type {(string[] | undefined)[]} */
  const lines = [];
  let lacking = false;
  for (let i = top; i <= bottom; i++) {
    const place = placeOf(ed, i);
    if (!place.added && !place.data) lacking = true;
    else lines[i - top] = columns.map((j) => cellText(ed, place, j));
  }
  const done = () => /** @type {string[][]} */ (lines.filter((line) => line !== undefined));
  const last = Math.min(bottom, dataCount(ed) - 1);
  if (!lacking) return done();
  const walk = readAll(ed.grid, (window, start) => {
    const view = viewRows(ed, window, start);
    view.rows.forEach((i, k) => {
      if (i < top || i > last) return;
      lines[i - top] = columns.map((j) => copyText(ed, j, view.cells[k][j], view.text[k]?.[j]));
    });
  }, source(ed, top), source(ed, last) + 1);
  return walk.done.then((read) => (read ? done() : null));
}

/**
 * Paste rows of text (grid_clipboard.js) from the range's top-left cell: into the cells that can be edited, the
 * columns shown in their order; rows past the last are added where rows may be added (as Streamlit's), else the
 * paste stops at the last row. The cells pasted become the range.
 * @param {Editor} ed
 * @param {string[][]} rows
 */
export function pasteCells(ed, rows) {
  const props = propsOf(ed);
  if (ed.editing || !count(ed) || props.disabled) return;
  const order = shownColumns(ed.grid);
  const range = rangeOf(ed);
  const i0 = range.top;
  const x0 = Math.max(0, ed.active.j < 0 ? 0 : order.indexOf(range.columns[0] ?? ed.active.j));
  let pasted = 0;
  let last = { i: i0, j: order[x0] };
  rows.forEach((cells, r) => {
    const i = i0 + r;
    if (i >= count(ed)) {
      if (!adds(props) || i > count(ed)) return;
      ed.state.added.push(newRow(props));
    }
    cells.forEach((text, c) => {
      const j = order[x0 + c];
      if (j === undefined) return;
      last = { i, j: order[Math.max(x0, Math.min(order.length - 1, x0 + c))] };
      if (!editable(ed, i, j)) return;
      const read = pastedValue(props.editing[j], props.columns[j], text);
      if (!read) return;
      setCell(ed, i, j, read.value);
      pasted++;
    });
  });
  ed.active = { i: i0, j: order[x0] };
  ed.corner = last.i === i0 && last.j === order[x0] ? null : last;
  if (pasted) {
    announce(ed, pasted > 1 ? `${pasted} cells pasted.` : "Cell pasted.");
    send(ed);
  }
  refresh(ed.grid);
}

/**
 * Delete or Backspace over a range of cells: each one that can be edited and may be empty is emptied, as Streamlit's.
 * @param {Editor} ed
 */
export function clearRange(ed) {
  const props = propsOf(ed);
  const range = rangeOf(ed);
  let cleared = 0;
  for (let i = range.top; i <= range.bottom; i++) {
    for (const j of range.columns) {
      if (editable(ed, i, j) && !props.editing[j].required && setCell(ed, i, j, null)) cleared++;
    }
  }
  if (cleared) send(ed);
  refresh(ed.grid);
}
