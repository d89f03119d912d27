// Copying and pasting a grid's cells, as Streamlit's glide grid does: Ctrl+C (Cmd+C) in the grid puts the selected
// cells on the clipboard as tab-separated text, a line a row (the kind's `copy` hook says what is selected, and gives
// later the rows it reads from the server first: a dataframe's selected columns); Ctrl+V (Cmd+V) hands tab-separated
// text to the kind's `paste` hook (a data_editor's, from its active cell). Both go through the `copy` and `paste`
// events, which carry the clipboard without asking the user for a permission (the desktop window's web views have no
// clipboard API of their own). grid.js imports it and calls `clipboard` as it makes the grid: it is small, and a copy
// works as soon as the first rows show (the heavier tools come later, once the page is idle).

/** @typedef {import("porch/grid.js").Grid} Grid */

/**
 * A cell's text as a field of tab-separated text: as glide writes it, quoted when it holds a tab, a line break or a
 * quote.
 * @param {string} text
 */
export function tsvField(text) {
  return /[\t\n\r"]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows of cells' text as tab-separated text.
 * @param {string[][]} rows
 */
export function toTsv(rows) {
  return rows.map((row) => row.map(tsvField).join("\t")).join("\n");
}

/**
 * Tab-separated text (as spreadsheets copy it) as rows of cells' text: quoted fields may hold tabs, line breaks and
 * doubled quotes; a last empty line is no row.
 * @param {string} text
 * @returns {string[][]}
 */
export function fromTsv(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = "";
  let quoted = false;
  let at = 0;
  while (at < text.length) {
    const c = text[at];
    if (quoted) {
      if (c === '"' && text[at + 1] === '"') {
        field += '"';
        at += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      at++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
    } else if (c === "\t") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      if (c === "\r" && text[at + 1] === "\n") at++;
    } else {
      field += c;
    }
    at++;
  }
  if (field !== "" || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Whether a copy or paste is the grid's: not in a field inside it (an edited cell).
 * @param {ClipboardEvent} event
 */
function inField(event) {
  const target = event.target;
  return (target instanceof HTMLInputElement && target.type !== "checkbox") || target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement;
}

/**
 * Put `text` on the clipboard after the copy event is over (rows read from the server first): through the clipboard
 * API where the page has it, else (a desktop window's web view) through a copy command whose event carries it.
 * @param {string} text
 */
function writeLater(text) {
  const byCommand = () => {
    /** @param {ClipboardEvent} event */
    const put = (event) => {
      event.stopImmediatePropagation(); // not the grid's own copy again
      event.preventDefault();
      event.clipboardData?.setData("text/plain", text);
    };
    document.addEventListener("copy", put, { capture: true });
    try {
      document.execCommand("copy");
    } finally {
      document.removeEventListener("copy", put, { capture: true });
    }
  };
  if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).catch(byCommand);
  else byCommand();
}

/**
 * Copy and paste the grid's cells (grid.js `makeGrid` calls this once). The browser sends the clipboard's events to
 * the focused element: the grid, or a cell in it.
 * @param {Grid} grid
 */
export function clipboard(grid) {
  grid.scroller.addEventListener("copy", (event) => {
    if (inField(event) || !event.clipboardData || !grid.hooks.copy) return;
    const rows = grid.hooks.copy();
    if (rows instanceof Promise) {
      event.preventDefault(); // rows the page does not hold: on the clipboard once they are read
      rows.then((read) => {
        if (read?.length) writeLater(toTsv(read));
      });
      return;
    }
    if (!rows || !rows.length) return;
    event.preventDefault();
    event.clipboardData.setData("text/plain", toTsv(rows));
  });
  grid.scroller.addEventListener("paste", (event) => {
    if (inField(event) || !event.clipboardData || !grid.hooks.paste) return;
    const text = event.clipboardData.getData("text/plain");
    if (!text) return;
    event.preventDefault();
    grid.hooks.paste(fromTsv(text));
  });
}
