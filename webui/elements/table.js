// table: a static table, every row written out, as Streamlit's. The element brings the first rows; when the data has
// more, the server holds it (props.data) and the rest come in windows (ctx.rows, as a dataframe's) as the reader nears
// the end of the rows written so far, so a table of many rows neither makes one large message nor stalls the page.
// Headers, text cells and a Styler's text are Markdown the server rendered (raw HTML escaped there), as Streamlit's
// table draws them; the other cells are shown as a dataframe's are (porch/cells.js): formatted numbers and dates...

import { fill, numeric } from "porch/cells.js";
import { h, setHeight, setHelp, setHtml, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/protocol.js").ServerMessage} ServerMessage */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/**
 * @typedef {{cells: unknown[][], pos: number[], text?: (string | null)[][], css?: (string | null)[][],
 *   html?: (string | null)[][]}} Window
 */
/**
 * @typedef {{columns: FrameColumn[], rows: number, data?: string | null, window: Window, headers_html?: string[],
 *   border: boolean | string, width: string | number, height: string | number, hide_header: boolean,
 *   alt: string | null, names?: unknown[]}} Props
 */
/**
 * A table still writing out its rows: the rows after `next` come from the server.
 * @typedef {{props: Props, body: HTMLTableSectionElement, note: HTMLElement, ctx: Ctx, next: number,
 *   asking: boolean, timer: ReturnType<typeof setTimeout> | undefined, near: boolean,
 *   observer: IntersectionObserver}} Loading
 */

/** Rows asked for at once (the server sends fewer when they hold more cells than a window may). */
const CHUNK = 1000;
/** How far below the rows written so far the reader may be when the next ones are asked for (pixels). */
const AHEAD = "0px 0px 2000px 0px";
/** A request the server dropped (the connection went away) is asked again after this long. */
const RETRY_MS = 4000;
const MISSING = "The rest of this table's rows are no longer on the server: rerun the app to see them.";

/** @type {WeakMap<HTMLElement, Loading>} */
const loading = new WeakMap();
/** The tables waiting for rows, by data id (one data id may be shown by several tables). */
/** @type {Map<string, Set<Loading>>} */
const waiting = new Map();

/**
 * The reader nears (or leaves) the end of the rows written so far.
 * @param {IntersectionObserverEntry[]} entries
 */
function nearing(entries) {
  for (const entry of entries) {
    const state = loading.get(/** @type {HTMLElement} */ (entry.target));
    if (!state) continue;
    state.near = entry.isIntersecting;
    if (state.near) ask(state);
  }
}

/** Watches the end of the tables as tall as their rows (on the page's scroll). */
const onPage = new IntersectionObserver(nearing, { rootMargin: AHEAD });

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "table-element");
  const scroll = h("div", "tbl-scroll");
  const table = h("table", "tbl");
  scroll.append(table);
  const note = h("div", "tbl-note");
  note.hidden = true;
  node.append(scroll, note);
  update(node, el, ctx);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function update(node, el, ctx) {
  const props = /** @type {Props} */ (el.props);
  const scroll = /** @type {HTMLElement} */ (node.firstElementChild);
  const table = /** @type {HTMLTableElement} */ (scroll.firstElementChild);
  const note = /** @type {HTMLElement} */ (node.querySelector(".tbl-note"));
  setWidth(node, props.width);
  setHeight(scroll, props.height);
  table.dataset.border = props.border === "horizontal" ? "horizontal" : String(!!props.border);
  table.replaceChildren();
  if (props.alt) table.createCaption().textContent = props.alt;
  const { columns, window } = props;
  if (!props.hide_header) {
    const row = table.createTHead().insertRow();
    columns.forEach((column, j) => {
      const th = h("th", "tbl-md");
      const html = props.headers_html?.[j];
      if (html === undefined) th.textContent = column.label;
      else setHtml(th, html);
      th.scope = "col";
      th.classList.toggle("tbl-number", numeric(column));
      setHelp(th, column.help);
      row.append(th);
    });
  }
  const body = table.createTBody();
  append(body, columns, window);
  stop(node);
  const shown = window.cells.length;
  note.textContent = "";
  note.hidden = shown >= props.rows;
  if (note.hidden) return;
  if (!props.data) {
    note.textContent = `Showing the first ${shown.toLocaleString()} of ${props.rows.toLocaleString()} rows.`;
    return;
  }
  note.textContent = "Loading more rows…";
  // Below the rows: in the table's scrolling area when it has one (a fixed height), else on the page.
  const own = props.height !== "content";
  if (own) scroll.append(note);
  else node.append(note);
  const observer = own ? new IntersectionObserver(nearing, { root: scroll, rootMargin: AHEAD }) : onPage;
  /** @type {Loading} */
  const state = { props, body, note, ctx, next: shown, asking: false, timer: undefined, near: false, observer };
  loading.set(note, state);
  observer.observe(note);
}

/**
 * Write out the rows of `window` at the end of `body`.
 * @param {HTMLTableSectionElement} body
 * @param {FrameColumn[]} columns
 * @param {Window} window
 */
function append(body, columns, window) {
  const rows = document.createDocumentFragment();
  window.cells.forEach((cells, i) => {
    const row = document.createElement("tr");
    columns.forEach((column, j) => {
      const cell = /** @type {HTMLElement} */ (h(column.index ? "th" : "td"));
      if (cell instanceof HTMLTableCellElement && column.index) cell.scope = "row";
      cell.classList.toggle("tbl-number", numeric(column));
      cell.classList.toggle("tbl-index", column.index);
      if (column.align) cell.dataset.align = column.align;
      const html = window.html?.[i]?.[j];
      fill(cell, cells[j], column, window.text?.[i]?.[j], window.css?.[i]?.[j], "None");
      if (html !== null && html !== undefined) {
        cell.classList.add("tbl-md");
        setHtml(cell, html);
      }
      row.append(cell);
    });
    rows.append(row);
  });
  body.append(rows);
}

/**
 * The table no longer waits for rows (its element changed, or every row is written).
 * @param {HTMLElement} node
 */
function stop(node) {
  const note = /** @type {HTMLElement | null} */ (node.querySelector(".tbl-note"));
  const state = note && loading.get(note);
  if (!note || !state) return;
  state.observer.unobserve(note);
  clearTimeout(state.timer);
  loading.delete(note);
  waiting.get(/** @type {string} */ (state.props.data))?.delete(state);
}

/**
 * Ask for the rows after those written, unless a request is on its way.
 * @param {Loading} state
 */
function ask(state) {
  const id = /** @type {string} */ (state.props.data);
  if (state.asking || !state.note.isConnected) return;
  state.asking = true;
  clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    state.asking = false;
    if (state.near) ask(state);
  }, RETRY_MS);
  let tables = waiting.get(id);
  if (!tables) waiting.set(id, (tables = new Set()));
  tables.add(state);
  state.ctx.rows({ id, start: state.next, count: CHUNK, sort: [] }, (msg) => answered(id, msg));
}

/**
 * The server's answer for the data id `id`: each table waiting for rows from that start takes them.
 * @param {string} id
 * @param {ServerMessage} msg
 */
function answered(id, msg) {
  for (const state of [...(waiting.get(id) ?? [])]) {
    if (state.next !== msg.start || !state.asking) continue;
    waiting.get(id)?.delete(state);
    clearTimeout(state.timer);
    state.asking = false;
    if (!state.note.isConnected) continue;
    if (msg.missing) {
      state.observer.unobserve(state.note);
      state.note.textContent = MISSING;
      continue;
    }
    if (msg.skipped) {
      if (state.near) ask(state);
      continue;
    }
    const window = /** @type {Window} */ (/** @type {unknown} */ (msg));
    append(state.body, state.props.columns, window);
    state.next += window.cells.length;
    if (!window.cells.length || state.next >= state.props.rows) {
      state.note.hidden = true;
      const node = /** @type {HTMLElement} */ (state.note.closest(".table-element"));
      stop(node);
      continue;
    }
    // Observed again: the observer says at once whether the reader is still near the end.
    state.observer.unobserve(state.note);
    state.observer.observe(state.note);
  }
}
