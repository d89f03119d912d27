// Editing a data_editor's cell (porch/elements/data_editor.js is the element): a field over the cell (its kind's:
// porch/editor_fields.js), opened by Enter, F2, a double click or typing; Enter or Tab keeps the value and moves on,
// Escape leaves the cell as it was, losing the focus keeps what fits. A value that does not fit keeps the field open,
// marked, with what is wrong. The grid may draw the edited row anew while the field is open (a run's answer): the
// field the user types in stays (porch/elements/data_editor.js `paintRow` and `update`), and a run that answers an
// earlier edit after a newer one was sent does not put the edits back to that earlier state (porch/widget.js `sync`):
// keys typed at once into a row just added are all kept.

import { moveTo } from "porch/editor_cursor.js";
import { makeField, readField } from "porch/editor_fields.js";
import { announce, count, editable, placeOf, propsOf, send, valueAt } from "porch/editor_state.js";
import { dataCells, refresh, reveal, rowNode, rowShown } from "porch/grid.js";
import { shownColumns } from "porch/grid_layout.js";

/** @typedef {import("porch/editor_state.js").Editor} Editor */

/**
 * Open a field over the cell (`i`, `j`): `typed` replaces its text (the first key the user typed).
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 * @param {string} [typed]
 */
export function startEdit(ed, i, j, typed) {
  if (!editable(ed, i, j)) return;
  const props = propsOf(ed);
  const editing = props.editing[j];
  const input = /** @type {string} */ (editing.input);
  if (input === "checkbox") {
    toggleCell(ed, i, j);
    return;
  }
  ed.active = { i, j };
  ed.corner = null;
  reveal(ed.grid, i);
  // A key typed before the view painted the row (one just added) opens its field all the same.
  const row = rowShown(ed.grid, i);
  if (!row) {
    refresh(ed.grid);
    return;
  }
  const cell = dataCells(ed.grid, row)[j];
  const { value } = valueAt(ed, placeOf(ed, i), j);
  const column = props.columns[j];
  const label = `${column.label || editing.name}, ${placeOf(ed, i).added ? "new row" : "row"} ${i + 1}`;
  const field = makeField(editing, column, value, typed, () => finishEdit(ed, true));
  field.setAttribute("aria-label", `Edit ${label}`);
  field.addEventListener("keydown", (event) => onFieldKey(ed, /** @type {KeyboardEvent} */ (event)));
  field.addEventListener("blur", () => {
    if (ed.editing?.field === field) finishEdit(ed, true, null, true);
  });
  field.addEventListener("input", () => field.removeAttribute("aria-invalid"));
  const panel = /** @type {HTMLElement | null} */ (field.closest(".de-list"));
  if (panel) {
    ed.node.append(panel); // over the grid, not inside it: the grid's scrolling does not cut it
  } else {
    cell.replaceChildren(field);
  }
  cell.classList.add("de-editing");
  ed.editing = { i, j, field, cell, ...(panel ? { panel } : {}) };
  placePanel(ed);
  field.focus();
  if (field instanceof HTMLInputElement && typed === undefined && field.type === "text" && !panel) field.select();
  if (panel && input === "multiselect") {
    if (typed === undefined) field.click(); // the options open at once, as Streamlit's
    else field.dispatchEvent(new Event("input")); // filtered by what was typed
  }
}

/**
 * @param {Editor} ed
 * @param {KeyboardEvent} event
 */
function onFieldKey(ed, event) {
  event.stopPropagation();
  if (event.defaultPrevented) return; // a list field's own key (its options' Enter and Escape, an item added)
  if (!ed.editing) return;
  const { i, j } = ed.editing;
  const shown = shownColumns(ed.grid);
  const at = shown.indexOf(j);
  if (event.key === "Escape") {
    event.preventDefault();
    finishEdit(ed, false);
  } else if (event.key === "Enter") {
    event.preventDefault();
    finishEdit(ed, true, [Math.min(i + 1, count(ed) - 1), j]);
  } else if (event.key === "Tab") {
    event.preventDefault();
    // The columns shown, in the order shown; past the last, the next row's first.
    const back = at > 0 ? [i, shown[at - 1]] : [i - 1, shown[shown.length - 1]];
    const next = event.shiftKey ? back : at < shown.length - 1 ? [i, shown[at + 1]] : [i + 1, shown[0]];
    const inside = next[0] >= 0 && next[0] < count(ed);
    finishEdit(ed, true, inside ? /** @type {[number, number]} */ (next) : null);
  }
}

/**
 * Close the field: keep its value (`keep`) or leave the cell as it was, then move to `to`. An invalid value keeps
 * the field open (marked) unless the field lost the focus (`blurred`): then it is dropped.
 * @param {Editor} ed
 * @param {boolean} keep
 * @param {[number, number] | null} [to]
 * @param {boolean} [blurred]
 */
export function finishEdit(ed, keep, to = null, blurred = false) {
  const editing = ed.editing;
  if (!editing) return;
  const props = propsOf(ed);
  const { i, j, field, cell } = editing;
  if (keep) {
    const read = readField(props.editing[j], props.columns[j], field);
    if ("error" in read && !blurred) {
      field.setAttribute("aria-invalid", "true");
      field.title = read.error;
      announce(ed, read.error);
      return;
    }
    ed.editing = null;
    editing.panel?.remove();
    cell.classList.remove("de-editing");
    if ("value" in read) setValue(ed, i, j, read.value, false);
  } else {
    ed.editing = null;
    editing.panel?.remove();
    cell.classList.remove("de-editing");
  }
  // The row's node paints the cell again (a new version), and the grid takes the focus back.
  const row = rowNode(ed.grid, i);
  if (row) row.dataset.key = "";
  if (!blurred) ed.grid.scroller.focus({ preventScroll: true });
  if (to) moveTo(ed, to[0], to[1]);
  else refresh(ed.grid);
}

/**
 * Set the cell (`i`, `j`) to `value` and send the edits.
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 * @param {unknown} value
 * @param {boolean} [paint]
 */
export function setValue(ed, i, j, value, paint = true) {
  if (!setCell(ed, i, j, value)) return;
  send(ed);
  if (paint) refresh(ed.grid);
}

/**
 * Set the cell (`i`, `j`) to `value` in the edits (not sent yet); false if the row is not known here.
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 * @param {unknown} value
 */
export function setCell(ed, i, j, value) {
  const name = propsOf(ed).editing[j].name;
  const place = placeOf(ed, i);
  if (place.added) {
    const row = ed.state.added[place.j];
    if (!row) return false;
    row[name] = value;
  } else {
    if (place.pos === undefined) return false;
    const changes = ed.state.edited.get(place.pos) ?? {};
    changes[name] = value;
    ed.state.edited.set(place.pos, changes);
  }
  return true;
}

/**
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 */
export function toggleCell(ed, i, j) {
  const { value } = valueAt(ed, placeOf(ed, i), j);
  ed.active = { i, j };
  setValue(ed, i, j, !(value === true || value === "true"));
}

/**
 * Put the list panel being edited over its cell.
 * @param {Editor} ed
 */
export function placePanel(ed) {
  const panel = ed.editing?.panel;
  if (!panel || !ed.editing) return;
  const cell = ed.editing.cell.getBoundingClientRect();
  const node = ed.node.getBoundingClientRect();
  panel.style.left = `${cell.left - node.left}px`;
  panel.style.top = `${cell.top - node.top}px`;
  panel.style.minWidth = `${Math.max(cell.width, 180)}px`;
}
