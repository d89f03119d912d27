// table: a static table, every row the element carries written out (a larger frame's first rows, with a note).
// Headers, text cells and a Styler's text are Markdown the server rendered (raw HTML escaped there), as Streamlit's
// table draws them; the other cells are shown as a dataframe's are (porch/cells.js): formatted numbers and dates...

import { fill, numeric } from "porch/cells.js";
import { h, setHeight, setHelp, setHtml, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/**
 * @typedef {{cells: unknown[][], pos: number[], text?: (string | null)[][], css?: (string | null)[][],
 *   html?: (string | null)[][]}} Window
 */
/**
 * @typedef {{columns: FrameColumn[], rows: number, window: Window, headers_html?: string[], border: boolean | string,
 *   width: string | number, height: string | number, hide_header: boolean, alt: string | null}} Props
 */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "table-element");
  const scroll = h("div", "tbl-scroll");
  const table = h("table", "tbl");
  scroll.append(table);
  const note = h("div", "tbl-note");
  note.hidden = true;
  node.append(scroll, note);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  const scroll = /** @type {HTMLElement} */ (node.firstElementChild);
  const table = /** @type {HTMLTableElement} */ (scroll.firstElementChild);
  const note = /** @type {HTMLElement} */ (node.lastElementChild);
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
  window.cells.forEach((cells, i) => {
    const row = body.insertRow();
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
  });
  const shown = window.cells.length;
  note.hidden = shown >= props.rows;
  note.textContent = note.hidden ? "" : `Showing the first ${shown.toLocaleString()} of ${props.rows.toLocaleString()} rows.`;
}
