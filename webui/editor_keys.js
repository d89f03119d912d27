// Keys and clicks on a data_editor's grid (porch/elements/data_editor.js is the element; the field being edited takes
// its own keys: porch/editor_edit.js). Arrows, Home, End, Page Up and Page Down move the active cell, Shift and an
// arrow or a click a range; Enter, F2 or typing edits a cell; Space, Enter or a click toggles a check box; Delete
// empties cells or deletes the rows checked; a click on a header's sort button sorts.

import { clearRange } from "porch/editor_clipboard.js";
import { cellAt, columnOrder, moveTo, stepColumn } from "porch/editor_cursor.js";
import { finishEdit, setValue, startEdit, toggleCell } from "porch/editor_edit.js";
import { addRow, deleteRows, togglePick } from "porch/editor_rows.js";
import { adds, count, deletes, editable, propsOf } from "porch/editor_state.js";
import { cycleSort, refresh, reveal } from "porch/grid.js";

/** @typedef {import("porch/editor_state.js").Editor} Editor */

/**
 * @param {Editor} ed
 * @param {MouseEvent} event
 */
export function onClick(ed, event) {
  const target = /** @type {HTMLElement} */ (event.target);
  const props = propsOf(ed);
  const header = target.closest(".df-sort")?.parentElement;
  if (header?.dataset.column) {
    if (props.sortable) {
      finishEdit(ed, true);
      cycleSort(ed.grid, Number(header.dataset.column));
    }
    return;
  }
  if (ed.editing && ed.editing.cell.contains(target)) return;
  const at = cellAt(ed, target);
  if (!at) return;
  // A link in an editable cell selects the cell; Ctrl or Cmd and a click opens it.
  if (target.closest("a") && at.j >= 0 && props.editing[at.j]?.input && !(event.ctrlKey || event.metaKey)) {
    event.preventDefault();
  }
  finishEdit(ed, true);
  ed.grid.scroller.focus({ preventScroll: true });
  if (event.shiftKey && at.j >= 0 && ed.active.j >= 0) {
    ed.corner = at.i === ed.active.i && at.j === ed.active.j ? null : at; // the range from the active cell to it
    refresh(ed.grid);
    return;
  }
  ed.active = at;
  ed.corner = null;
  if (at.j < 0) {
    togglePick(ed, at.i);
    return;
  }
  if (props.editing[at.j]?.input === "checkbox" && editable(ed, at.i, at.j)) toggleCell(ed, at.i, at.j);
  else refresh(ed.grid);
}

/**
 * Keys on the grid (the field being edited handles its own).
 * @param {Editor} ed
 * @param {KeyboardEvent} event
 */
export function onKey(ed, event) {
  if (ed.editing || event.target !== ed.grid.scroller) return;
  const props = propsOf(ed);
  const { i, j } = ed.active;
  const rows = count(ed);
  if (!rows) {
    if (event.key === "Enter" && adds(props)) {
      event.preventDefault();
      addRow(ed);
    }
    return;
  }
  const page = Math.max(1, Math.floor(ed.grid.scroller.clientHeight / props.row_height) - 1);
  const order = columnOrder(ed);
  const first = order[0] ?? 0;
  const last = order[order.length - 1] ?? 0;
  /** @type {[number, number] | null} */
  let to = null;
  switch (event.key) {
    case "ArrowDown": to = [i + 1, j]; break;
    case "ArrowUp": to = [i - 1, j]; break;
    case "ArrowRight": to = [i, stepColumn(ed, j, 1)]; break;
    case "ArrowLeft": to = [i, stepColumn(ed, j, -1)]; break;
    case "PageDown": to = [i + page, j]; break;
    case "PageUp": to = [i - page, j]; break;
    case "Home": to = event.ctrlKey ? [0, first] : [i, first]; break;
    case "End": to = event.ctrlKey ? [rows - 1, last] : [i, last]; break;
    default: break;
  }
  if (to) {
    event.preventDefault();
    if (event.shiftKey && event.key.startsWith("Arrow") && j >= 0) {
      // Shift and an arrow: a range of cells, as Streamlit's. The active cell, where it started, stays; its far
      // corner moves (never into the check boxes).
      const corner = ed.corner ?? { i, j };
      const across = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
      const side = stepColumn(ed, corner.j, across);
      ed.corner = { i: Math.max(0, Math.min(rows - 1, corner.i + to[0] - i)), j: side < 0 ? corner.j : side };
      reveal(ed.grid, ed.corner.i);
      refresh(ed.grid);
      return;
    }
    moveTo(ed, to[0], to[1]);
    return;
  }
  if (j < 0) {
    if (event.key === " " || event.key === "Enter") {
      event.preventDefault();
      togglePick(ed, i);
    } else if ((event.key === "Delete" || event.key === "Backspace") && deletes(props)) {
      event.preventDefault();
      if (!ed.picked.size) togglePick(ed, i);
      deleteRows(ed);
    }
    return;
  }
  const input = props.editing[j]?.input;
  if (event.key === "Enter" || event.key === "F2" || (event.key === " " && input === "checkbox")) {
    event.preventDefault();
    if (input === "checkbox") {
      if (editable(ed, i, j)) toggleCell(ed, i, j);
    } else {
      startEdit(ed, i, j);
    }
    return;
  }
  if (event.key === "Delete" || event.key === "Backspace") {
    event.preventDefault();
    if (ed.picked.size && deletes(props)) deleteRows(ed);
    else if (ed.corner) clearRange(ed);
    else if (editable(ed, i, j) && !props.editing[j].required) setValue(ed, i, j, null);
    return;
  }
  if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== " ") {
    if (input === "text" || input === "link" || input === "number" || input === "list" || input === "multiselect") {
      event.preventDefault();
      startEdit(ed, i, j, event.key);
    }
  }
}
