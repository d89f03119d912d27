// data_editor: a table the user edits. The data shows as a dataframe's (porch/grid.js: the frame stays on the server
// and the grid asks for the rows in view); the edits live here as Streamlit's edit state and go to the server as JSON
// text, {"edited_rows": {position: {name: value}}, "added_rows": [{name: value}], "deleted_rows": [position]}.
//
// The view: the data's rows, then the added rows. In the data's order the deleted rows are left out; in a sorted
// view (the server sorts, and only the client knows what it deleted) they stay in place, struck through. One cell is
// active (the grid keeps the focus and names it with aria-activedescendant): arrows, Home, End, Page Up and Page Down
// move it; Enter, F2, a double click or typing edits it in a field over the cell, Enter or Tab keeps the value and
// Escape leaves it; Space, Enter or a click toggles a check box. When `num_rows` allows, "Add row" appends a row (its
// defaults filled, its first empty required cell opened), and rows checked in the first column go with "Delete rows"
// or the Delete key. A new row that lacks a required value stays here, marked, until it is filled.

import { fill, stepDecimals } from "porch/cells.js";
import { cycleSort, dataCells, makeGrid, refresh, reveal, rowNode, updateGrid } from "porch/grid.js";
import { commit, h, sync, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/grid.js").Row} Row */
/** @typedef {import("porch/grid.js").Window} Window */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * How a column is edited (core/elements/data_editor.py `Editor.wire`): `input` is the field ("text", "number",
 * "checkbox", "selectbox", "date", "time", "datetime", "link") or null for a read-only column.
 * @typedef {{name: string, input: string | null, required: boolean, default: unknown, options: unknown[] | null,
 *   validate: string | null}} Editing
 */
/**
 * @typedef {WidgetProps<string> & {data: string, columns: FrameColumn[], rows: number, window: Window,
 *   width: string | number, height: string | number, row_height: number, placeholder: string, num_rows: string,
 *   sortable: boolean, editing: Editing[], alt: string | null}} Props
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
 * @property {{i: number, j: number, field: HTMLInputElement | HTMLSelectElement, cell: HTMLElement} | null} editing
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
    active: { i: 0, j: 0 }, editing: null, activeId: uid(), toolbar, add, remove, status,
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
    count: () => count(ed),
    source: (i) => source(ed, i),
    paint: (row, i, data) => paintRow(ed, row, i, data),
  });
  editors.set(node, ed);
  const { grid } = ed;
  grid.scroller.addEventListener("keydown", (event) => onKey(ed, event));
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
  if (ed.editing && !ed.editing.cell.isConnected) ed.editing = null;
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
  const rows = propsOf(ed).rows;
  return sorted(ed) ? rows : rows - ed.state.deleted.size;
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
      fill(cell, shown.value, column, shown.text, shown.css, props.placeholder, props.row_height);
    }
    cell.classList.toggle("de-edited", shown.edited);
    const invalid = place.added && lacking(editing, ed.state.added[place.j] ?? {});
    cell.classList.toggle("de-invalid", invalid);
    if (invalid) cell.setAttribute("aria-invalid", "true");
    else cell.removeAttribute("aria-invalid");
    cell.setAttribute("aria-readonly", String(!editable(ed, i, j)));
    markActive(ed, cell, i, j);
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
  const lowest = ed.grid.hooks.lead() ? -1 : 0;
  const columns = propsOf(ed).columns.length;
  ed.active = { i: Math.max(0, Math.min(ed.active.i, last)), j: Math.max(lowest, Math.min(ed.active.j, columns - 1)) };
  refresh(ed.grid);
}

// -- moving around -------------------------------------------------------------------------------------------------

/**
 * Make (`i`, `j`) the active cell, in view.
 * @param {Editor} ed
 * @param {number} i
 * @param {number} j
 */
function moveTo(ed, i, j) {
  const props = propsOf(ed);
  const lead = ed.grid.hooks.lead();
  ed.active = {
    i: Math.max(0, Math.min(i, count(ed) - 1)),
    j: Math.max(lead ? -1 : 0, Math.min(j, props.columns.length - 1)),
  };
  reveal(ed.grid, ed.active.i);
  // Sideways: the active column in view (pinned columns stay in view by themselves).
  const scroller = ed.grid.scroller;
  if (ed.active.j >= 0 && !props.columns[ed.active.j].pinned) {
    let left = lead;
    let pinned = lead;
    for (let c = 0; c < ed.active.j; c++) {
      left += props.columns[c].width;
      if (props.columns[c].pinned) pinned += props.columns[c].width;
    }
    const right = left + props.columns[ed.active.j].width;
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
  ed.active = at;
  ed.grid.scroller.focus({ preventScroll: true });
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
  const first = ed.grid.hooks.lead() ? -1 : 0;
  /** @type {[number, number] | null} */
  let to = null;
  switch (event.key) {
    case "ArrowDown": to = [i + 1, j]; break;
    case "ArrowUp": to = [i - 1, j]; break;
    case "ArrowRight": to = [i, j + 1]; break;
    case "ArrowLeft": to = [i, j - 1]; break;
    case "PageDown": to = [i + page, j]; break;
    case "PageUp": to = [i - page, j]; break;
    case "Home": to = event.ctrlKey ? [0, first] : [i, first]; break;
    case "End": to = event.ctrlKey ? [rows - 1, props.columns.length - 1] : [i, props.columns.length - 1]; break;
    default: break;
  }
  if (to) {
    event.preventDefault();
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
    else if (editable(ed, i, j) && !props.editing[j].required) setValue(ed, i, j, null);
    return;
  }
  if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey && event.key !== " ") {
    if (input === "text" || input === "link" || input === "number") {
      event.preventDefault();
      startEdit(ed, i, j, event.key);
    }
  }
}

// -- editing -------------------------------------------------------------------------------------------------------

/**
 * The text a field starts with for a value of the column (dates and times cut to what the field takes).
 * @param {string} input
 * @param {unknown} value
 */
function fieldText(input, value) {
  if (value === null || value === undefined) return "";
  const text = String(value);
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
  if (input === "selectbox") {
    const select = h("select", "de-field");
    const options = editing.options ?? [];
    if (!editing.required) select.append(new Option("", ""));
    options.forEach((option, k) => select.append(new Option(String(option), String(k))));
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
      if (config.min_value !== undefined) box.min = fieldText(input, config.min_value);
      if (config.max_value !== undefined) box.max = fieldText(input, config.max_value);
      // column_config `step`: days for a date, seconds for a time (1 second by default, as in Streamlit).
      const step = typeof config.step === "number" && config.step > 0 ? config.step : null;
      if (input !== "date") box.step = String(step ?? 1);
      else if (step !== null) box.step = String(Math.max(1, Math.round(step)));
    }
    box.value = typed ?? fieldText(input, value);
    field = box;
  }
  field.setAttribute("aria-label", `Edit ${label}`);
  field.addEventListener("keydown", (event) => onFieldKey(ed, /** @type {KeyboardEvent} */ (event)));
  field.addEventListener("blur", () => {
    if (ed.editing?.field === field) finishEdit(ed, true, null, true);
  });
  field.addEventListener("input", () => field.removeAttribute("aria-invalid"));
  cell.replaceChildren(field);
  cell.classList.add("de-editing");
  ed.editing = { i, j, field, cell };
  field.focus();
  if (field instanceof HTMLInputElement && typed === undefined && field.type === "text") field.select();
}

/**
 * @param {Editor} ed
 * @param {KeyboardEvent} event
 */
function onFieldKey(ed, event) {
  event.stopPropagation();
  if (!ed.editing) return;
  const { i, j } = ed.editing;
  const columns = propsOf(ed).columns.length;
  if (event.key === "Escape") {
    event.preventDefault();
    finishEdit(ed, false);
  } else if (event.key === "Enter") {
    event.preventDefault();
    finishEdit(ed, true, [Math.min(i + 1, count(ed) - 1), j]);
  } else if (event.key === "Tab") {
    event.preventDefault();
    const back = j > 0 ? [i, j - 1] : [i - 1, columns - 1];
    const next = event.shiftKey ? back : j < columns - 1 ? [i, j + 1] : [i + 1, 0];
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
  if (text === "") {
    if (editing.required) return { error: "A value is required." };
    return { value: input === "text" || input === "link" ? (column.dtype === "str" ? "" : null) : null };
  }
  if (input === "number") {
    const decimals = stepDecimals(config.step);
    // column_config `step`: the precision of what is entered, as in Streamlit (0.01 keeps two decimals).
    const number = decimals === undefined ? Number(text) : Number(Number(text).toFixed(decimals));
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
    cell.classList.remove("de-editing");
    if ("value" in read) setValue(ed, i, j, read.value, false);
  } else {
    ed.editing = null;
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
  const props = propsOf(ed);
  const name = props.editing[j].name;
  const place = placeOf(ed, i);
  if (place.added) {
    const row = ed.state.added[place.j];
    if (!row) return;
    row[name] = value;
  } else {
    if (place.pos === undefined) return;
    const changes = ed.state.edited.get(place.pos) ?? {};
    changes[name] = value;
    ed.state.edited.set(place.pos, changes);
  }
  send(ed);
  if (paint) refresh(ed.grid);
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
  /** @type {Values} */
  const row = {};
  for (const editing of props.editing) {
    if (editing.default !== null && editing.default !== undefined) row[editing.name] = editing.default;
  }
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
}

/**
 * @param {Editor} ed
 * @param {string} text
 */
function announce(ed, text) {
  ed.status.textContent = "";
  requestAnimationFrame(() => (ed.status.textContent = text));
}
