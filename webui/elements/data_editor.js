// data_editor: a table the user edits. The data shows as a dataframe's (porch/grid.js: the frame stays on the server
// and the grid asks for the rows in view); the edits live here as Streamlit's edit state and go to the server as JSON
// text, {"edited_rows": {position: {name: value}}, "added_rows": [{name: value}], "deleted_rows": [position]}.
//
// The view: the data's rows, then the added rows, the deleted rows left out. A sorted view is the server's order of
// the rows as edited, without the deleted ones (core/elements/_edited_order.py: made when the sort is picked and when
// rows are deleted, as Streamlit's); rows deleted and not yet sent (in a form not yet submitted, or with
// on_change="ignore") stay in place, struck through. One cell is
// active (the grid keeps the focus and names it with aria-activedescendant): arrows, Home, End, Page Up and Page Down
// move it; Enter, F2, a double click or typing edits it in a field over the cell, Enter or Tab keeps the value and
// Escape leaves it; Space, Enter or a click toggles a check box. When `num_rows` allows, "Add row" appends a row (its
// defaults filled, its first empty required cell opened), and rows checked in the first column go with "Delete rows"
// or the Delete key. A new row that lacks a required value stays here, marked, until it is filled. A list or
// multiselect cell edits its items in a panel over the cell (see "list cells"); a selectbox shows its options' labels
// (format_func) and keeps the options; a date-time column with a zone (`timezone`, or the data's own) shows and edits
// that zone's wall-clock time and sends instants in UTC, as Streamlit's (porch/zones.js). The arrows move between
// the columns shown, in the order shown (pinned first, hidden ones skipped); Shift and the arrows or a click select a
// range of cells from the active one. Streamlit's toolbar (search, download, hidden columns, full screen) reads the
// edited view, and Ctrl+C and Ctrl+V copy and paste cells (see "the view read whole, copying and pasting").

import { copied, fill, stepDecimals } from "porch/cells.js";
import { combobox } from "porch/combobox.js";
import { durationSeconds } from "porch/durations.js";
import {
  addTools, cycleSort, dataCells, makeGrid, readAll, refresh, reveal, rowNode, updateGrid,
} from "porch/grid.js";
import { placement, shownColumns } from "porch/grid_layout.js";
import { chip, optionsOf } from "porch/options.js";
import { commit, h, sync, uid } from "porch/widget.js";
import { fromZone, inZone } from "porch/zones.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/grid.js").Row} Row */
/** @typedef {import("porch/grid.js").Window} Window */
/** @typedef {import("porch/grid.js").ViewRows} ViewRows */
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
 *   width: string | number, height: string | number, row_height: number, placeholder: string, num_rows: string,
 *   sortable: boolean, editing: Editing[], alt: string | null, sort_left_out?: number}} Props
 */
/** @typedef {Record<string, unknown>} Values */
/**
 * The edits: changed cells of the data's rows by position, the added rows, the deleted positions.
 * @typedef {{edited: Map<number, Values>, added: Values[], deleted: Set<number>}} State
 */
/**
 * A row of the view: one of the data's (`k` its place in the server's order) or an added one (`j` its index).
 * @typedef {{added: false, k: number, pos: number | undefined, data: Row | undefined} | {added: true, j: number}} Place
 */

const SELECT_WIDTH = 36;

/**
 * @typedef {object} Editor
 * @property {Grid} grid
 * @property {HTMLElement} node
 * @property {State} state
 * @property {Set<number | Values>} picked  rows checked for deletion: a data row's position, an added row itself
 * @property {{i: number, j: number}} active  the active cell: the view's row, and the column (-1: the check boxes)
 * @property {{i: number, j: number} | null} corner  the other corner of the range of cells selected from the active
 *   cell (Shift and the arrows, or Shift and a click), which Ctrl+C copies; null: the active cell alone
 * @property {{i: number, j: number, field: HTMLInputElement | HTMLSelectElement, cell: HTMLElement,
 *   panel?: HTMLElement} | null} editing  the cell being edited; `panel`: a list's, over the cell
 * @property {string} activeId  the id the active cell carries
 * @property {HTMLElement} toolbar
 * @property {HTMLButtonElement} add
 * @property {HTMLButtonElement} remove
 * @property {HTMLElement} status  a live region that says what a button did
 */

/** @type {WeakMap<HTMLElement, Editor>} */
const editors = new WeakMap();

/** @param {Editor} ed */
function propsOf(ed) {
  return /** @type {Props} */ (ed.grid.el.props);
}

/** @param {Props} props */
const adds = (props) => !props.disabled && (props.num_rows === "dynamic" || props.num_rows === "add");
/** @param {Props} props */
const deletes = (props) => !props.disabled && (props.num_rows === "dynamic" || props.num_rows === "delete");

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
  // (resize, autosize, sort, format, pin, hide: the keys move between the columns shown, in the order shown), and
  // copying and pasting cells (`copyCells`, `pasteCells`), loaded once the page is idle.
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

// -- the view ------------------------------------------------------------------------------------------------------

/** @returns {State} */
function emptyState() {
  return { edited: new Map(), added: [], deleted: new Set() };
}

/**
 * The server's edit state (JSON text) as the client keeps it.
 * @param {unknown} value
 * @returns {State}
 */
function readState(value) {
  const state = emptyState();
  if (typeof value !== "string") return state;
  try {
    const raw = JSON.parse(value) ?? {};
    for (const [row, changes] of Object.entries(raw.edited_rows ?? {})) state.edited.set(Number(row), { ...changes });
    for (const row of raw.added_rows ?? []) state.added.push({ ...row });
    for (const row of raw.deleted_rows ?? []) state.deleted.add(Number(row));
  } catch {
    // not an edit state: none
  }
  return state;
}

/** @param {Editor} ed */
function sorted(ed) {
  return ed.grid.sort.length > 0;
}

/**
 * How many of the data's rows the view shows.
 * @param {Editor} ed
 */
function dataCount(ed) {
  const props = propsOf(ed);
  return props.rows - (sorted(ed) ? props.sort_left_out ?? 0 : ed.state.deleted.size);
}

/** @param {Editor} ed */
function count(ed) {
  return dataCount(ed) + ed.state.added.length;
}

/**
 * The place in the server's order of the view's row `i`: in the data's order, the deleted rows are skipped.
 * @param {Editor} ed
 * @param {number} i
 */
function source(ed, i) {
  if (i >= dataCount(ed)) return -1;
  if (sorted(ed) || !ed.state.deleted.size) return i;
  let k = i;
  for (const gone of [...ed.state.deleted].sort((a, b) => a - b)) {
    if (gone <= k) k++;
    else break;
  }
  return k;
}

/**
 * What the view's row `i` is.
 * @param {Editor} ed
 * @param {number} i
 * @returns {Place}
 */
function placeOf(ed, i) {
  const rows = dataCount(ed);
  if (i >= rows) return { added: true, j: i - rows };
  const k = source(ed, i);
  const data = ed.grid.cache.get(k);
  return { added: false, k, pos: data ? data.pos : sorted(ed) ? undefined : k, data };
}

/**
 * A cell's value as the view shows it: the edited or added value, else the data's.
 * @param {Editor} ed
 * @param {Place} place
 * @param {number} j
 * @returns {{value: unknown, text: string | null, css: string | null, edited: boolean, known: boolean}}
 */
function valueAt(ed, place, j) {
  const name = propsOf(ed).editing[j].name;
  if (place.added) {
    const row = ed.state.added[place.j];
    return { value: row?.[name] ?? null, text: null, css: null, edited: false, known: true };
  }
  const changes = place.pos === undefined ? undefined : ed.state.edited.get(place.pos);
  if (changes && Object.hasOwn(changes, name)) {
    return { value: changes[name], text: null, css: null, edited: true, known: true };
  }
  const data = place.data;
  if (!data) return { value: null, text: null, css: null, edited: false, known: false };
  return { value: data.cells[j], text: data.text?.[j] ?? null, css: data.css?.[j] ?? null, edited: false,
    known: true };
}

/**
 * Whether the cell (`i`, `j`) can be edited now.
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 */
function editable(ed, i, j) {
  const props = propsOf(ed);
  if (props.disabled || j < 0 || i < 0 || i >= count(ed) || !props.editing[j]?.input) return false;
  const place = placeOf(ed, i);
  // A list of other than text stays read-only, as in Streamlit.
  const input = props.editing[j].input;
  if ((input === "list" || input === "multiselect") && !textItems(valueAt(ed, place, j).value)) return false;
  if (place.added) return true;
  return place.pos !== undefined && place.data !== undefined && !ed.state.deleted.has(place.pos);
}

/**
 * The row to check for deletion of the view's row `i`: its position, or the added row itself.
 * @param {Editor} ed
 * @param {Place} place
 * @returns {number | Values | undefined}
 */
function pickOf(ed, place) {
  return place.added ? ed.state.added[place.j] : place.pos;
}

/**
 * Whether a required column of an added row is empty.
 * @param {Editing} editing
 * @param {Values} row
 */
function lacking(editing, row) {
  const value = row[editing.name];
  return !!editing.input && editing.required && (value === null || value === undefined || value === "");
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

/**
 * Give `cell` the active cell's id and look when it is the active cell (`i`, `j`), take them away otherwise.
 * @param {Editor} ed
 * @param {HTMLElement} cell
 * @param {number} i
 * @param {number} j
 */
function markActive(ed, cell, i, j) {
  const active = ed.active.i === i && ed.active.j === j;
  cell.classList.toggle("de-active", active);
  if (active) cell.id = ed.activeId;
  else if (cell.id === ed.activeId) cell.removeAttribute("id");
}

/**
 * Point the grid's aria-activedescendant at the active cell (painting it anew).
 * @param {Editor} ed
 */
function showActive(ed) {
  const last = count(ed) - 1;
  ed.active = { i: Math.max(0, Math.min(ed.active.i, last)), j: shownColumn(ed, ed.active.j) };
  refresh(ed.grid);
}

/**
 * The columns the keys move between, in the order shown: the check boxes (-1) first, then the columns shown (pinned
 * ones first, hidden ones left out).
 * @param {Editor} ed
 */
function columnOrder(ed) {
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
function stepColumn(ed, j, by) {
  const order = columnOrder(ed);
  const at = order.indexOf(shownColumn(ed, j));
  return order[Math.max(0, Math.min(order.length - 1, at + by))] ?? 0;
}

// -- moving around -------------------------------------------------------------------------------------------------

/**
 * Make (`i`, `j`) the active cell, in view (a hidden column: the next one shown), alone selected.
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 */
function moveTo(ed, i, j) {
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
function cellAt(ed, target) {
  const row = /** @type {HTMLElement | null} */ (target.closest(".df-row"));
  const cell = /** @type {HTMLElement | null} */ (target.closest(".df-cell"));
  if (!row || !cell || !row.dataset.index) return null;
  return { i: Number(row.dataset.index), j: cell.dataset.column === undefined ? -1 : Number(cell.dataset.column) };
}

/**
 * @param {Editor} ed
 * @param {MouseEvent} event
 */
function onClick(ed, event) {
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
function onKey(ed, event) {
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

// -- editing -------------------------------------------------------------------------------------------------------

/**
 * A date and time shown in its column's zone (`timezone`, or the data's own): the zone's wall-clock time, with its
 * offset; any other value as it is.
 * @param {Editing | undefined} editing
 * @param {unknown} value
 */
function zoned(editing, value) {
  const zone = editing?.input === "datetime" ? editing.timezone : null;
  return zone && typeof value === "string" ? inZone(value, zone) : value;
}

/**
 * The text a field starts with for a value of the column (dates and times cut to what the field takes; a date and
 * time in `zone`'s wall-clock time).
 * @param {string} input
 * @param {unknown} value
 * @param {string | null} [zone]
 */
function fieldText(input, value, zone = null) {
  if (value === null || value === undefined) return "";
  const text = input === "datetime" && zone ? inZone(String(value), zone) : String(value);
  if (input === "date") return text.slice(0, 10);
  if (input === "time") return (text.includes("T") ? text.slice(11) : text).slice(0, 8);
  if (input === "datetime") return text.length === 10 ? `${text}T00:00` : text.replace(" ", "T").slice(0, 19);
  return text;
}

/**
 * Open a field over the cell (`i`, `j`): `typed` replaces its text (the first key the user typed).
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 * @param {string} [typed]
 */
function startEdit(ed, i, j, typed) {
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
  let row = rowNode(ed.grid, i);
  if (!row) {
    refresh(ed.grid);
    return;
  }
  const cell = dataCells(ed.grid, row)[j];
  const { value } = valueAt(ed, placeOf(ed, i), j);
  const column = props.columns[j];
  const label = `${column.label || editing.name}, ${placeOf(ed, i).added ? "new row" : "row"} ${i + 1}`;
  /** @type {HTMLInputElement | HTMLSelectElement} */
  let field;
  if (input === "list" || input === "multiselect") {
    field = listField(editing, column, value, typed);
  } else if (input === "selectbox") {
    const select = h("select", "de-field");
    const options = editing.options ?? [];
    if (!editing.required) select.append(new Option("", ""));
    // format_func's labels show; the value picked is the option itself.
    options.forEach((option, k) => select.append(new Option(editing.labels?.[k] ?? String(option), String(k))));
    const at = options.findIndex((option) => option === value);
    select.value = at >= 0 ? String(at) : "";
    // A pick in the opened list keeps the option at once; arrows on the closed list only move (Enter keeps).
    let stepped = false;
    select.addEventListener("keydown", (event) => (stepped = event.key.startsWith("Arrow")));
    select.addEventListener("change", () => {
      if (!stepped) finishEdit(ed, true);
      stepped = false;
    });
    field = select;
  } else {
    const box = h("input", "de-field");
    const config = column.config ?? {};
    if (input === "number") {
      box.type = "text";
      box.inputMode = column.dtype === "int" ? "numeric" : "decimal";
    } else if (input === "date") {
      box.type = "date";
    } else if (input === "time") {
      box.type = "time";
    } else if (input === "datetime") {
      box.type = "datetime-local";
    } else {
      box.type = input === "link" ? "url" : "text";
      if (typeof config.max_chars === "number") box.maxLength = config.max_chars;
    }
    if (input === "date" || input === "time" || input === "datetime") {
      if (config.min_value !== undefined) box.min = fieldText(input, config.min_value, editing.timezone);
      if (config.max_value !== undefined) box.max = fieldText(input, config.max_value, editing.timezone);
      // column_config `step`: days for a date, seconds for a time (1 second by default, as in Streamlit).
      const step = typeof config.step === "number" && config.step > 0 ? config.step : null;
      if (input !== "date") box.step = String(step ?? 1);
      else if (step !== null) box.step = String(Math.max(1, Math.round(step)));
    }
    const seconds = column.dtype === "timedelta" ? durationSeconds(value) : null;
    box.value = typed ?? (seconds !== null ? String(Number(seconds.toFixed(9))) : fieldText(input, value,
      editing.timezone));
    field = box;
  }
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
 * The field's value as the edit state holds it, or an error message.
 * @param {Editor} ed
 * @param {Editing} editing
 * @param {FrameColumn} column
 * @param {HTMLInputElement | HTMLSelectElement} field
 * @returns {{value: unknown} | {error: string}}
 */
function readField(ed, editing, column, field) {
  const input = editing.input;
  const text = input === "number" ? field.value.trim() : field.value;
  const config = column.config ?? {};
  if (input === "selectbox") {
    return { value: text === "" ? null : (editing.options ?? [])[Number(text)] ?? null };
  }
  if (input === "list" || input === "multiselect") return readList(editing, /** @type {HTMLInputElement} */ (field));
  if (text === "") {
    if (editing.required) return { error: "A value is required." };
    return { value: input === "text" || input === "link" ? (column.dtype === "str" ? "" : null) : null };
  }
  if (input === "number") {
    const decimals = stepDecimals(config.step);
    // A duration takes its seconds (what a copy takes), or pandas' or Python's text of it.
    const entered = column.dtype === "timedelta" ? durationSeconds(text) ?? NaN : Number(text);
    // column_config `step`: the precision of what is entered, as in Streamlit (0.01 keeps two decimals).
    const number = decimals === undefined ? entered : Number(entered.toFixed(decimals));
    if (!Number.isFinite(number)) return { error: "Enter a number." };
    if (column.dtype === "int" && !Number.isInteger(number)) return { error: "Enter a whole number." };
    if (typeof config.min_value === "number" && number < config.min_value) {
      return { error: `The least value is ${config.min_value}.` };
    }
    if (typeof config.max_value === "number" && number > config.max_value) {
      return { error: `The greatest value is ${config.max_value}.` };
    }
    return { value: number };
  }
  if ((input === "text" || input === "link") && editing.validate) {
    try {
      if (!new RegExp(editing.validate, "us").test(text)) return { error: "The text does not have the expected form." };
    } catch {
      // a pattern this browser cannot read: the server checks it
    }
  }
  if ((input === "date" || input === "time" || input === "datetime") && field instanceof HTMLInputElement &&
    !field.checkValidity()) {
    return { error: "Out of range." };
  }
  if (input === "datetime" && editing.timezone) {
    // A wall-clock time in the column's zone, sent as Streamlit sends it: the instant in UTC ("...Z").
    return { value: fromZone(text, editing.timezone) ?? text };
  }
  return { value: text };
}

/**
 * Close the field: keep its value (`keep`) or leave the cell as it was, then move to `to`. An invalid value keeps
 * the field open (marked) unless the field lost the focus (`blurred`): then it is dropped.
 * @param {Editor} ed
 * @param {boolean} keep
 * @param {[number, number] | null} [to]
 * @param {boolean} [blurred]
 */
function finishEdit(ed, keep, to = null, blurred = false) {
  const editing = ed.editing;
  if (!editing) return;
  const props = propsOf(ed);
  const { i, j, field, cell } = editing;
  if (keep) {
    const read = readField(ed, props.editing[j], props.columns[j], field);
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
function setValue(ed, i, j, value, paint = true) {
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
function setCell(ed, i, j, value) {
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
function toggleCell(ed, i, j) {
  const { value } = valueAt(ed, placeOf(ed, i), j);
  ed.active = { i, j };
  setValue(ed, i, j, !(value === true || value === "true"));
}

// -- the view read whole, copying and pasting ---------------------------------------------------------------------
// Search and download (grid_tools.js) read the view as Streamlit's do: the server's rows with the edits applied, the
// deleted rows left out, the added rows last. Ctrl+C copies the rows checked, else the range of cells selected (its
// rows the page does not hold read so too), else the active cell; Ctrl+V pastes tab-separated text from the range's
// (or the active cell's) top-left corner, as Streamlit's: each value read as the column's field reads it, cells that
// cannot be edited or values that do not fit left as they were, nothing past the last row.

/**
 * The view's rows among a window of the server's rows (grid.js `viewOf`).
 * @param {Editor} ed
 * @param {Window} window
 * @param {number} start  the window's first row, in the server's current order
 * @returns {ViewRows}
 */
function viewRows(ed, window, start) {
  const props = propsOf(ed);
  const gone = [...ed.state.deleted].sort((a, b) => a - b);
  /** @type {ViewRows} */
  const view = { cells: [], text: [], rows: [] };
  let before = gone.filter((pos) => pos < start).length; // in the data's order, the view's rows skip the deleted
  window.cells.forEach((cells, k) => {
    const pos = window.pos[k];
    if (ed.state.deleted.has(pos)) {
      before++;
      return;
    }
    const changes = ed.state.edited.get(pos);
    const text = window.text?.[k] ? [...window.text[k]] : null;
    const row = [...cells];
    if (changes) {
      props.editing.forEach((editing, j) => {
        if (!Object.hasOwn(changes, editing.name)) return;
        row[j] = changes[editing.name];
        if (text) text[j] = null;
      });
    }
    view.cells.push(row);
    view.text.push(text);
    view.rows.push(sorted(ed) ? start + k : start + k - before);
  });
  return view;
}

/**
 * The added rows, after the data's (grid.js `tail`).
 * @param {Editor} ed
 * @returns {ViewRows}
 */
function addedRows(ed) {
  const props = propsOf(ed);
  const first = dataCount(ed);
  return {
    cells: ed.state.added.map((row) => props.editing.map((editing) => row[editing.name] ?? null)),
    text: ed.state.added.map(() => null),
    rows: ed.state.added.map((_, j) => first + j),
  };
}

/**
 * The range of cells selected: its rows (the view's) and its columns (in the order shown); the active cell alone
 * without one.
 * @param {Editor} ed
 */
function rangeOf(ed) {
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
function inRange(ed, i, j) {
  if (!ed.corner) return false;
  const range = rangeOf(ed);
  return i >= range.top && i <= range.bottom && range.columns.includes(j);
}

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
function copyCells(ed) {
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
 * A pasted text as the value of column `j`, read as its field reads it; undefined when it does not fit.
 * @param {Editor} ed
 * @param {number} j
 * @param {string} text
 * @returns {{value: unknown} | undefined}
 */
function pastedValue(ed, j, text) {
  const props = propsOf(ed);
  const editing = props.editing[j];
  const input = editing.input;
  if (input === "checkbox") {
    const word = text.trim().toLowerCase();
    return word === "true" ? { value: true } : word === "false" ? { value: false } : undefined;
  }
  if (input === "selectbox") {
    if (text === "") return editing.required ? undefined : { value: null };
    const options = editing.options ?? [];
    const k = options.findIndex((option, at) => String(option) === text || editing.labels?.[at] === text);
    return k < 0 ? undefined : { value: options[k] };
  }
  if (input === "list" || input === "multiselect") {
    const items = itemsOf(text).map((item) => String(item).trim()).filter((item) => item !== "");
    const options = (editing.options ?? []).map(String);
    if (input === "multiselect" && !editing.accept_new && items.some((item) => !options.includes(item))) return;
    if (!items.length) return editing.required ? undefined : { value: null };
    return { value: items };
  }
  const patterns = { date: /^\d{4}-\d{2}-\d{2}$/, time: /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/,
    datetime: /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/ };
  const pattern = patterns[/** @type {keyof typeof patterns} */ (input)];
  const typed = pattern ? text.trim() : text;
  if (pattern && typed !== "" && !pattern.test(typed)) return;
  const config = props.columns[j].config ?? {};
  const field = /** @type {HTMLInputElement} */ (/** @type {unknown} */ ({
    value: typeof config.max_chars === "number" ? typed.slice(0, config.max_chars) : typed,
  }));
  const read = readField(ed, editing, props.columns[j], field);
  return "value" in read ? read : undefined;
}

/**
 * Paste rows of text (grid_clipboard.js) from the range's top-left cell: into the cells that can be edited, the
 * columns shown in their order; rows past the last are added where rows may be added (as Streamlit's), else the
 * paste stops at the last row. The cells pasted become the range.
 * @param {Editor} ed
 * @param {string[][]} rows
 */
function pasteCells(ed, rows) {
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
      const read = pastedValue(ed, j, text);
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
function clearRange(ed) {
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

// -- list cells ----------------------------------------------------------------------------------------------------
// A list or multiselect cell is edited in a panel over the cell: its items as chips (× removes one, as Backspace in
// the empty field removes the last), and a field that adds one: a list's text with Enter, a multiselect's option
// picked from the list that opens (porch/combobox.js), or typed text when it takes new options.

/** @type {WeakMap<HTMLInputElement, {items: string[], missing: boolean}>} what each list field holds */
const lists = new WeakMap();

/**
 * A list cell's value as items: a list, or text read as Streamlit reads it (a JSON list, or items between commas).
 * @param {unknown} value
 * @returns {unknown[]}
 */
function itemsOf(value) {
  if (value === null || value === undefined || value === "") return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return [value];
  const text = value.trim();
  if (text.startsWith("[") && text.endsWith("]")) {
    try {
      const parsed = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : [value];
    } catch {
      return [value];
    }
  }
  return value.split(",");
}

/**
 * Whether a list cell's items are all text: Streamlit edits no other lists.
 * @param {unknown} value
 */
function textItems(value) {
  return itemsOf(value).every((item) => typeof item === "string");
}

/**
 * The field of a list or multiselect cell (the panel is its ancestor, placed by `startEdit`).
 * @param {Editing} editing
 * @param {FrameColumn} column
 * @param {unknown} value
 * @param {string} [typed]
 */
function listField(editing, column, value, typed) {
  const multi = editing.input === "multiselect";
  const options = (editing.options ?? []).map(String);
  const labels = editing.labels ?? options;
  const looks = optionsOf(column.config?.options);
  const panel = h("div", "de-list");
  const chips = h("ul", "de-chips");
  chips.setAttribute("aria-label", multi ? "Chosen" : "Items");
  const box = h("div", "combo de-list-field");
  const input = h("input", "de-field");
  input.type = "text";
  input.placeholder = multi ? (editing.accept_new ? "Choose or type" : "Choose") : "Type and press Enter";
  box.append(input);
  panel.append(chips, box);
  // A press anywhere in the panel but the field keeps the focus in the field (the edit stays open).
  panel.addEventListener("mousedown", (event) => {
    if (event.target !== input) event.preventDefault();
  });
  // A multiselect's items match its options as trimmed text, as Streamlit's.
  const items = itemsOf(value).map((item) => (multi ? String(item).trim() : String(item)));
  const state = { items, missing: value === null || value === undefined };
  lists.set(input, state);
  /** @type {import("porch/combobox.js").Combo | null} */
  let combo = null;
  const render = () => {
    chips.replaceChildren(...state.items.map((item, k) => {
      const look = multi ? looks.find((option) => String(option.value).trim() === item) : undefined;
      const text = look ? look.label : item;
      const node = chip(text, look?.color, "li");
      const remove = h("button", "de-chip-remove", "×");
      remove.type = "button";
      remove.tabIndex = -1;
      remove.setAttribute("aria-label", `Remove ${text}`);
      remove.addEventListener("click", () => {
        state.items = state.items.filter((_, at) => at !== k);
        render();
      });
      node.append(remove);
      return node;
    }));
    chips.hidden = !state.items.length;
    const hidden = new Set(options.flatMap((option, k) => (state.items.includes(option) ? [k] : [])));
    combo?.set({ options: labels, filter: "contains", acceptNew: editing.accept_new, hidden });
  };
  /** @param {string} item */
  const add = (item) => {
    if (!item || (multi && state.items.includes(item))) return;
    state.items = [...state.items, item];
    state.missing = false;
    render();
  };
  if (multi) {
    combo = combobox(input, box, {
      pick(choice) {
        if ("index" in choice) add(options[choice.index]);
        else if ("all" in choice) choice.all.forEach((k) => add(options[k]));
        else add(choice.text.trim());
        input.value = "";
      },
      restore: () => (input.value = ""),
    });
  }
  input.addEventListener("keydown", (event) => {
    if (event.key === "Backspace" && input.value === "" && state.items.length) {
      event.preventDefault();
      state.items = state.items.slice(0, -1);
      render();
    } else if (event.key === "Enter" && !multi && input.value.trim()) {
      event.preventDefault(); // Enter adds the item; Enter in the empty field keeps the cell
      add(input.value.trim());
      input.value = "";
    }
  });
  if (typed !== undefined) input.value = typed;
  render();
  return input;
}

/**
 * A list field's value: its items (and the text still in the field, for a list or a multiselect that takes it).
 * @param {Editing} editing
 * @param {HTMLInputElement} field
 * @returns {{value: unknown} | {error: string}}
 */
function readList(editing, field) {
  const state = lists.get(field) ?? { items: [], missing: true };
  const items = [...state.items];
  const left = field.value.trim();
  if (left && (editing.input === "list" || editing.accept_new) && !(editing.input === "multiselect" &&
    items.includes(left))) {
    items.push(left);
  }
  if (!items.length && state.missing) {
    return editing.required ? { error: "A value is required." } : { value: null };
  }
  return { value: items };
}

/**
 * Put the list panel being edited over its cell.
 * @param {Editor} ed
 */
function placePanel(ed) {
  const panel = ed.editing?.panel;
  if (!panel || !ed.editing) return;
  const cell = ed.editing.cell.getBoundingClientRect();
  const node = ed.node.getBoundingClientRect();
  panel.style.left = `${cell.left - node.left}px`;
  panel.style.top = `${cell.top - node.top}px`;
  panel.style.minWidth = `${Math.max(cell.width, 180)}px`;
}

// -- rows ----------------------------------------------------------------------------------------------------------

/**
 * @param {Editor} ed
 * @param {number} i
 */
function togglePick(ed, i) {
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
function toolbarState(ed) {
  const props = propsOf(ed);
  const picked = ed.picked.size;
  ed.remove.disabled = !picked || !deletes(props);
  ed.remove.textContent = picked > 1 ? `Delete ${picked} rows` : picked ? "Delete row" : "Delete rows";
  ed.add.disabled = !adds(props);
}

/** @param {Editor} ed */
function addRow(ed) {
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

/**
 * A new row: the columns' defaults, the rest empty.
 * @param {Props} props
 */
function newRow(props) {
  /** @type {Values} */
  const row = {};
  for (const editing of props.editing) {
    if (editing.default !== null && editing.default !== undefined) row[editing.name] = editing.default;
  }
  return row;
}

/** @param {Editor} ed */
function deleteRows(ed) {
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

/**
 * Send the edits (or hold them for the form), unless an added row still lacks a required value.
 * @param {Editor} ed
 */
function send(ed) {
  const props = propsOf(ed);
  if (ed.state.added.some((row) => props.editing.some((editing) => lacking(editing, row)))) return;
  /** @type {Record<string, Values>} */
  const edited = {};
  for (const [pos, changes] of [...ed.state.edited].sort((a, b) => a[0] - b[0])) {
    if (Object.keys(changes).length) edited[String(pos)] = changes;
  }
  const state = {
    edited_rows: edited,
    added_rows: ed.state.added,
    deleted_rows: [...ed.state.deleted].sort((a, b) => a - b),
  };
  commit(ed.node, ed.grid.el, ed.grid.ctx, JSON.stringify(state));
  for (const watcher of ed.grid.watchers) watcher("data"); // a search under way looks again
}

/**
 * @param {Editor} ed
 * @param {string} text
 */
function announce(ed, text) {
  ed.status.textContent = "";
  requestAnimationFrame(() => (ed.status.textContent = text));
}
