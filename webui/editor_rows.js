// A data_editor's added and deleted rows (porch/elements/data_editor.js is the element). When `num_rows` allows,
// "Add row" appends a row (its defaults filled, its first empty required cell opened: it stays here, marked, until
// it is filled), and rows checked in the first column go with "Delete rows" or the Delete key. The toolbar's buttons
// say what they would do, and a live region what they did.

import { moveTo } from "porch/editor_cursor.js";
import { finishEdit, startEdit } from "porch/editor_edit.js";
import { adds, announce, count, deletes, lacking, newRow, pickOf, placeOf, propsOf, send } from "porch/editor_state.js";
import { refresh } from "porch/grid.js";

/** @typedef {import("porch/editor_state.js").Editor} Editor */

/**
 * @param {Editor} ed
 * @param {number} i
 */
export function togglePick(ed, i) {
  if (!deletes(propsOf(ed)) || i >= count(ed)) return;
  const place = placeOf(ed, i);
  const pick = pickOf(ed, place);
  if (pick === undefined || (!place.added && ed.state.deleted.has(/** @type {number} */ (pick)))) return;
  if (ed.picked.has(pick)) ed.picked.delete(pick);
  else ed.picked.add(pick);
  toolbarState(ed);
  refresh(ed.grid);
}

/** @param {Editor} ed */
export function toolbarState(ed) {
  const props = propsOf(ed);
  const picked = ed.picked.size;
  ed.remove.disabled = !picked || !deletes(props);
  ed.remove.textContent = picked > 1 ? `Delete ${picked} rows` : picked ? "Delete row" : "Delete rows";
  ed.add.disabled = !adds(props);
}

/** @param {Editor} ed */
export function addRow(ed) {
  const props = propsOf(ed);
  if (!adds(props)) return;
  finishEdit(ed, true);
  const row = newRow(props);
  ed.state.added.push(row);
  const i = count(ed) - 1;
  announce(ed, "Row added.");
  send(ed);
  const missing = props.editing.findIndex((editing) => lacking(editing, row));
  const first = props.editing.findIndex((editing) => !!editing.input);
  const j = missing >= 0 ? missing : Math.max(0, first);
  moveTo(ed, i, j);
  ed.grid.scroller.focus({ preventScroll: true });
  if (missing >= 0) requestAnimationFrame(() => requestAnimationFrame(() => startEdit(ed, i, missing)));
}

/** @param {Editor} ed */
export function deleteRows(ed) {
  if (!deletes(propsOf(ed)) || !ed.picked.size) return;
  finishEdit(ed, true);
  const gone = ed.picked.size;
  for (const pick of ed.picked) {
    if (typeof pick === "number") {
      ed.state.deleted.add(pick);
      ed.state.edited.delete(pick);
    } else {
      ed.state.added = ed.state.added.filter((row) => row !== pick);
    }
  }
  ed.picked.clear();
  toolbarState(ed);
  announce(ed, gone > 1 ? `${gone} rows deleted.` : "Row deleted.");
  send(ed);
  moveTo(ed, ed.active.i, ed.active.j);
}
