// A data_editor's edits and the view they make (porch/elements/data_editor.js is the element). The edits are
// Streamlit's edit state: changed cells of the data's rows by position, the added rows, the deleted positions; the
// server sends it as the widget's value (JSON text) and gets it back the same way (`send`). The view: the data's rows
// (the grid's, porch/grid.js), then the added rows, the deleted rows left out; in the data's order the deleted rows
// are skipped, a sorted view is the server's order as edited (core/elements/_edited_order.py). What one row of the
// view is (`placeOf`), what a cell shows (`valueAt`), whether it may be edited now (`editable`), and the view read
// whole for search, download and copies (`viewRows`, `addedRows`) live here.

import { textItems } from "porch/editor_lists.js";
import { commit } from "porch/widget.js";

/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/grid.js").Row} Row */
/** @typedef {import("porch/grid.js").Window} Window */
/** @typedef {import("porch/grid.js").ViewRows} ViewRows */
/** @typedef {import("porch/elements/data_editor.js").Editing} Editing */
/** @typedef {import("porch/elements/data_editor.js").Props} Props */
/** @typedef {Record<string, unknown>} Values */
/**
 * The edits: changed cells of the data's rows by position, the added rows, the deleted positions.
 * @typedef {{edited: Map<number, Values>, added: Values[], deleted: Set<number>}} State
 */
/**
 * A row of the view: one of the data's (`k` its place in the server's order) or an added one (`j` its index).
 * @typedef {{added: false, k: number, pos: number | undefined, data: Row | undefined} | {added: true, j: number}} Place
 */
/**
 * A data_editor on the page: its grid, its edits, what is active, checked and edited, and its toolbar; every module
 * of the editor works on it.
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

/** @param {Editor} ed */
export function propsOf(ed) {
  return /** @type {Props} */ (ed.grid.el.props);
}

/** @param {Props} props */
export const adds = (props) => !props.disabled && (props.num_rows === "dynamic" || props.num_rows === "add");

/** @param {Props} props */
export const deletes = (props) => !props.disabled && (props.num_rows === "dynamic" || props.num_rows === "delete");

/** @returns {State} */
export function emptyState() {
  return { edited: new Map(), added: [], deleted: new Set() };
}

/**
 * The server's edit state (JSON text) as the client keeps it.
 * @param {unknown} value
 * @returns {State}
 */
export function readState(value) {
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
export function dataCount(ed) {
  const props = propsOf(ed);
  return props.rows - (sorted(ed) ? props.sort_left_out ?? 0 : ed.state.deleted.size);
}

/** @param {Editor} ed */
export function count(ed) {
  return dataCount(ed) + ed.state.added.length;
}

/**
 * The place in the server's order of the view's row `i`: in the data's order, the deleted rows are skipped.
 * @param {Editor} ed
 * @param {number} i
 */
export function source(ed, i) {
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
export function placeOf(ed, i) {
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
export function valueAt(ed, place, j) {
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
export function editable(ed, i, j) {
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
export function pickOf(ed, place) {
  return place.added ? ed.state.added[place.j] : place.pos;
}

/**
 * Whether a required column of an added row is empty.
 * @param {Editing} editing
 * @param {Values} row
 */
export function lacking(editing, row) {
  const value = row[editing.name];
  return !!editing.input && editing.required && (value === null || value === undefined || value === "");
}

/**
 * The view's rows among a window of the server's rows (grid.js `viewOf`).
 * @param {Editor} ed
 * @param {Window} window
 * @param {number} start  the window's first row, in the server's current order
 * @returns {ViewRows}
 */
export function viewRows(ed, window, start) {
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
export function addedRows(ed) {
  const props = propsOf(ed);
  const first = dataCount(ed);
  return {
    cells: ed.state.added.map((row) => props.editing.map((editing) => row[editing.name] ?? null)),
    text: ed.state.added.map(() => null),
    rows: ed.state.added.map((_, j) => first + j),
  };
}

/**
 * A new row: the columns' defaults, the rest empty.
 * @param {Props} props
 */
export function newRow(props) {
  /** @type {Values} */
  const row = {};
  for (const editing of props.editing) {
    if (editing.default !== null && editing.default !== undefined) row[editing.name] = editing.default;
  }
  return row;
}

/**
 * Send the edits (or hold them for the form), unless an added row still lacks a required value.
 * @param {Editor} ed
 */
export function send(ed) {
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
export function announce(ed, text) {
  ed.status.textContent = "";
  requestAnimationFrame(() => (ed.status.textContent = text));
}
