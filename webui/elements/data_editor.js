// data_editor: a table the user edits. The data shows as a dataframe's (porch/grid.js: the frame stays on the server
// and the grid asks for the rows in view); the edits live beside it as Streamlit's edit state and go to the server as
// JSON text, {"edited_rows": {position: {name: value}}, "added_rows": [{name: value}], "deleted_rows": [position]}.
//
// The view: the data's rows, then the added rows, the deleted rows left out; a sorted view is the server's order of
// the rows as edited (core/elements/_edited_order.py), and rows deleted and not yet sent (in a form not yet
// submitted, or with on_change="ignore") stay in place, struck through. One cell is active (the grid keeps the focus
// and names it with aria-activedescendant); the keys move it, and typing, Enter, F2 or a double click edit it in a
// field over the cell. When `num_rows` allows, rows are added and deleted. Streamlit's toolbar (search, download,
// hidden columns, full screen) reads the edited view, and Ctrl+C and Ctrl+V copy and paste cells.
//
// This module makes the element and paints its rows; the rest lives beside it, a module an idea:
// - porch/editor_state.js: the edits, the view they make of the data, and sending them;
// - porch/editor_cursor.js: the active cell and the range of cells selected, and moving them;
// - porch/editor_keys.js: keys and clicks on the grid;
// - porch/editor_edit.js: editing a cell in a field over it;
// - porch/editor_fields.js: the field each kind of column is edited in (a zoned date-time in its zone), and what it
//   reads;
// - porch/editor_lists.js: list and multiselect cells, edited in a panel;
// - porch/editor_rows.js: adding rows, checking rows and deleting them;
// - porch/editor_clipboard.js: copying, pasting and emptying cells.

import { fill } from "porch/cells.js";
import { copyCells, pasteCells } from "porch/editor_clipboard.js";
import { cellAt, inRange, markActive, showActive } from "porch/editor_cursor.js";
import { finishEdit, placePanel, startEdit } from "porch/editor_edit.js";
import { zoned } from "porch/editor_fields.js";
import { onClick, onKey } from "porch/editor_keys.js";
import { addRow, deleteRows, toolbarState } from "porch/editor_rows.js";
import {
  addedRows, adds, count, deletes, editable, emptyState, lacking, pickOf, placeOf, propsOf, readState, source, valueAt,
  viewRows,
} from "porch/editor_state.js";
import { addTools, dataCells, makeGrid, refresh, updateGrid } from "porch/grid.js";
import { h, sync, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/grid.js").Row} Row */
/** @typedef {import("porch/grid.js").Window} Window */
/** @typedef {import("porch/editor_state.js").Editor} Editor */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * How a column is edited (core/elements/data_editor.py `Editor.wire`): `input` is the field ("text", "number",
 * "checkbox", "selectbox", "date", "time", "datetime", "link", "list", "multiselect") or null for a read-only column;
 * `labels` the options' labels (format_func), `colors` a multiselect's option colours, `accept_new` whether it takes
 * items that are no option, `timezone` the zone a date-time column is shown and edited in.
 * @typedef {{name: string, input: string | null, required: boolean, default: unknown, options: unknown[] | null,
 *   labels: string[] | null, colors: (string | null)[] | null, accept_new: boolean, timezone: string | null,
 *   validate: string | null}} Editing
 */
/**
 * @typedef {WidgetProps<string> & {data: string, columns: FrameColumn[], rows: number, window: Window,
 *   width: string | number, height: string | number, row_height: number, placeholder: string | null, num_rows: string,
 *   sortable: boolean, editing: Editing[], alt: string | null, sort_left_out?: number}} Props
 */

const SELECT_WIDTH = 36;

/** @type {WeakMap<HTMLElement, Editor>} */
const editors = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "data-editor");
  const toolbar = h("div", "de-toolbar");
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", "Rows");
  const add = h("button", "de-button", "Add row");
  add.type = "button";
  const remove = h("button", "de-button", "Delete rows");
  remove.type = "button";
  toolbar.append(add, remove);
  const status = h("div", "visually-hidden");
  status.setAttribute("role", "status");
  node.append(toolbar, status);
  /** @type {Editor} */
  const ed = {
    grid: /** @type {Grid} */ (/** @type {unknown} */ (null)), node, state: emptyState(), picked: new Set(),
    active: { i: 0, j: 0 }, corner: null, editing: null, activeId: uid(), toolbar, add, remove, status,
  };
  ed.grid = makeGrid(node, el, ctx, {
    layout: () => {
      const props = propsOf(ed);
      return JSON.stringify([props.editing, props.num_rows, props.sortable, !!props.disabled]);
    },
    lead: () => (deletes(propsOf(ed)) ? SELECT_WIDTH : 0),
    leadHeader: (cell) => cell.append(h("span", "visually-hidden", "Select rows")),
    leadCell: (cell) => {
      const box = h("input", "df-check");
      box.type = "checkbox";
      box.tabIndex = -1;
      cell.append(box);
    },
    headerButton: () => propsOf(ed).sortable,
    sortable: () => propsOf(ed).sortable,
    count: () => count(ed),
    source: (i) => source(ed, i),
    paint: (row, i, data) => paintRow(ed, row, i, data),
    viewOf: (window, start) => viewRows(ed, window, start),
    tail: () => addedRows(ed),
    copy: () => copyCells(ed),
    paste: (rows) => pasteCells(ed, rows),
  });
  editors.set(node, ed);
  // Streamlit's toolbar (search and download over the edited view: `viewRows`, `addedRows`) and column tools
  // (resize, autosize, sort, format, pin, hide: the keys move between the columns shown, in the order shown), loaded
  // once the page is idle; copying and pasting cells (`copyCells`, `pasteCells`) came with the grid.
  addTools(ed.grid);
  const { grid } = ed;
  grid.scroller.addEventListener("keydown", (event) => onKey(ed, event));
  grid.scroller.addEventListener("scroll", () => placePanel(ed));
  grid.scroller.addEventListener("focus", () => {
    if (!count(ed)) return;
    showActive(ed);
  });
  grid.canvas.addEventListener("click", (event) => onClick(ed, event));
  grid.canvas.addEventListener("dblclick", (event) => {
    const at = cellAt(ed, /** @type {HTMLElement} */ (event.target));
    if (at && at.j >= 0) startEdit(ed, at.i, at.j);
  });
  add.addEventListener("click", () => addRow(ed));
  remove.addEventListener("click", () => deleteRows(ed));
  update(node, el, ctx);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function update(node, el, ctx) {
  const ed = /** @type {Editor} */ (editors.get(node));
  updateGrid(node, ed.grid, el, ctx);
  if (ed.editing && !ed.editing.cell.isConnected) {
    // The grid drew the edited row anew (a run's answer came while the user typed: the one that added the row, or
    // new data): a text field moves to the row's new cell with what was typed, which is never lost.
    const { i, j, field } = ed.editing;
    const typed = field instanceof HTMLInputElement && document.activeElement === field ? field.value : undefined;
    ed.editing.panel?.remove();
    ed.editing = null;
    if (typed !== undefined) startEdit(ed, i, j, typed);
  }
  const props = propsOf(ed);
  ed.grid.scroller.setAttribute("aria-label", props.alt || "Data editor");
  ed.grid.scroller.setAttribute("aria-readonly", String(!!props.disabled));
  ed.toolbar.hidden = !adds(props) && !deletes(props);
  ed.add.hidden = !adds(props);
  ed.remove.hidden = !deletes(props);
  toolbarState(ed);
  sync(node, el, (value) => {
    ed.state = readState(value);
    const keep = [...ed.picked].filter((p) => typeof p === "number" ? !ed.state.deleted.has(p) : false);
    ed.picked = new Set(keep);
    toolbarState(ed);
    refresh(ed.grid);
  });
}

/**
 * @param {Editor} ed
 * @param {HTMLElement} row
 * @param {number} i
 * @param {Row | undefined} data
 */
function paintRow(ed, row, i, data) {
  const { grid } = ed;
  const props = propsOf(ed);
  const place = placeOf(ed, i);
  if (!place.added) place.data = data;
  const gone = !place.added && place.pos !== undefined && ed.state.deleted.has(place.pos);
  row.classList.toggle("de-added", place.added);
  row.classList.toggle("de-deleted", gone);
  const pick = pickOf(ed, place);
  const picked = pick !== undefined && ed.picked.has(pick);
  row.classList.toggle("df-selected", picked);
  if (grid.hooks.lead()) {
    const lead = /** @type {HTMLElement} */ (row.firstElementChild);
    const box = /** @type {HTMLInputElement} */ (lead.firstElementChild);
    box.checked = picked;
    box.disabled = pick === undefined || gone;
    // A row still on its way (sorted: its position is not known yet) has no number: no other row's name.
    const number = place.added ? ` new row ${place.j + 1}` : place.pos === undefined ? "" : ` row ${place.pos}`;
    box.setAttribute("aria-label", `Select${number || " row"}`);
    lead.setAttribute("aria-colindex", "1");
    markActive(ed, lead, i, -1);
  }
  const cells = dataCells(grid, row);
  props.columns.forEach((column, j) => {
    const cell = cells[j];
    const editing = props.editing[j];
    if (ed.editing && ed.editing.cell === cell) {
      if (ed.editing.i === i && ed.editing.j === j) return; // the field the user types in stays
      finishEdit(ed, true); // the row scrolled away while edited: keep what was typed
    }
    cell.setAttribute("aria-colindex", String(j + (grid.hooks.lead() ? 2 : 1)));
    const shown = valueAt(ed, place, j);
    if (!shown.known) {
      cell.replaceChildren();
      cell.style.cssText = cell.dataset.base ?? "";
    } else {
      // A Markdown cell shows the server's rendering until it is edited; a button's click names the row's position.
      const html = shown.edited || place.added ? null : place.data?.html?.[j];
      fill(cell, zoned(editing, shown.value), grid.shownAs[j] ?? column, shown.text, shown.css, props.placeholder,
        props.row_height,
        { html, pos: place.added ? undefined : place.pos, ctx: ed.grid.ctx });
    }
    cell.classList.toggle("de-edited", shown.edited);
    const invalid = place.added && lacking(editing, ed.state.added[place.j] ?? {});
    cell.classList.toggle("de-invalid", invalid);
    if (invalid) cell.setAttribute("aria-invalid", "true");
    else cell.removeAttribute("aria-invalid");
    cell.setAttribute("aria-readonly", String(!editable(ed, i, j)));
    markActive(ed, cell, i, j);
    cell.classList.toggle("de-ranged", inRange(ed, i, j));
  });
  const active = ed.grid.canvas.querySelector(`#${ed.activeId}`);
  if (!active) grid.scroller.removeAttribute("aria-activedescendant");
  else if (document.activeElement === grid.scroller) grid.scroller.setAttribute("aria-activedescendant", ed.activeId);
}
