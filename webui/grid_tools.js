// The toolbar over a grid, as Streamlit's dataframe shows it on hover: search, download as CSV, the hidden columns'
// menu, full screen. Search and download need every row of the frame, which stays on the server: they walk it through
// the grid's own `rows` requests (grid.js `readView`), in the order the view shows, as the view shows them (a
// data_editor's edits applied, its added rows included, its deleted rows left out). Search marks every cell whose shown
// text holds the query (any case), says "k of n", and moves between matches (Enter, Shift+Enter, the arrow buttons),
// scrolling each into view; Escape closes it. Ctrl+F (or Cmd+F) in the grid opens it. The download is the whole
// frame's CSV, its columns as shown (hidden ones left out, pinned ones first), each cell's value as Streamlit writes
// it.
// Styles: grid_tools.css.

import { show } from "porch/cells.js";
import { durationSeconds } from "porch/durations.js";
import { closeMenu, columnMenu, setHidden } from "porch/grid_columns.js";
import { readView, reveal, rowNode, setMarks } from "porch/grid.js";
import { shownColumns } from "porch/grid_layout.js";
import { h } from "porch/widget.js";

/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/grid.js").FrameProps} FrameProps */

/** Matches search keeps at most (past it, "n+" matches). */
const MAX_MATCHES = 10_000;
/** What a search waits for the typing to pause. */
const TYPING_MS = 150;

const ICONS = {
  search: "M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 " +
    "4.99L20.49 19l-4.99-5zm-6 0C7.01 14 5 11.99 5 9.5S7.01 5 9.5 5 14 7.01 14 9.5 11.99 14 9.5 14z",
  download: "M5 20h14v-2H5v2zM19 9h-4V3H9v6H5l7 7 7-7z",
  columns: "M12 4.5C7 4.5 2.73 7.61 1 12c1.73 4.39 6 7.5 11 7.5s9.27-3.11 11-7.5c-1.73-4.39-6-7.5-11-7.5zM12 17c" +
    "-2.76 0-5-2.24-5-5s2.24-5 5-5 5 2.24 5 5-2.24 5-5 5zm0-8c-1.66 0-3 1.34-3 3s1.34 3 3 3 3-1.34 3-3-1.34-3-3-3z",
  fullscreen: "M7 14H5v5h5v-2H7v-3zm-2-4h2V7h3V5H5v5zm12 7h-3v2h5v-5h-2v3zM14 5v2h3v3h2V5h-5z",
  up: "M7.41 15.41 12 10.83l4.59 4.58L18 14l-6-6-6 6z",
  down: "M7.41 8.59 12 13.17l4.59-4.58L18 10l-6 6-6-6z",
  close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
};

/**
 * A button showing an icon, named `label`.
 * @param {keyof typeof ICONS} icon
 * @param {string} label
 */
function iconButton(icon, label) {
  const button = h("button", "df-tool");
  button.type = "button";
  button.title = label;
  button.setAttribute("aria-label", label);
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", ICONS[icon]);
  svg.append(path);
  button.append(svg);
  return button;
}

/**
 * @typedef {object} Search
 * @property {HTMLElement} box
 * @property {HTMLInputElement} input
 * @property {HTMLElement} count
 * @property {[number, number][]} matches  cells found, the view's row and the column's index, in the view's order
 * @property {number} at  the match shown, -1: none yet
 * @property {boolean} complete  every row was read
 * @property {(() => void) | null} cancel  stops the walk under way
 * @property {ReturnType<typeof setTimeout> | undefined} timer
 */

/**
 * Put the toolbar over `grid` (in its element's node, before the grid).
 * @param {Grid} grid
 */
export function gridToolbar(grid) {
  grid.node.classList.add("df-tools-host");
  const bar = h("div", "df-toolbar");
  bar.setAttribute("role", "toolbar");
  bar.setAttribute("aria-label", "Table tools");
  const searchButton = iconButton("search", "Search");
  const download = iconButton("download", "Download as CSV");
  const columns = iconButton("columns", "Show/hide columns");
  columns.setAttribute("aria-haspopup", "menu");
  columns.setAttribute("aria-expanded", "false");
  const full = iconButton("fullscreen", "Fullscreen");
  full.setAttribute("aria-pressed", "false");
  const search = searchBox(grid, searchButton);
  bar.append(search.box, searchButton, download, columns, full);
  grid.node.insertBefore(bar, grid.scroller);

  searchButton.addEventListener("click", () => openSearch(grid, search));
  grid.node.addEventListener("keydown", (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "f" && grid.scroller.contains(
      /** @type {Node} */ (event.target))) {
      event.preventDefault();
      openSearch(grid, search);
    } else if (event.key === "Escape" && grid.node.classList.contains("df-fullscreen") && !search.box.contains(
      /** @type {Node} */ (event.target))) {
      setFullscreen(grid, full, false);
    }
  });
  download.addEventListener("click", () => downloadCsv(grid, download));
  columns.addEventListener("click", () => {
    const props = /** @type {FrameProps} */ (grid.el.props);
    columnMenu(grid, columns, "Columns", props.columns.map((column, j) => ({
      label: column.label || "index",
      checked: !grid.view[j]?.hidden,
      run: () => setHidden(grid, j, !grid.view[j].hidden),
    })));
  });
  full.addEventListener("click", () => setFullscreen(grid, full, !grid.node.classList.contains("df-fullscreen")));
  grid.watchers.add(() => {
    if (!search.box.hidden && search.input.value) find(grid, search);
  });
}

/**
 * @param {Grid} grid
 * @param {HTMLElement} button
 * @param {boolean} on
 */
function setFullscreen(grid, button, on) {
  closeMenu();
  grid.node.classList.toggle("df-fullscreen", on);
  button.setAttribute("aria-pressed", String(on));
  button.setAttribute("aria-label", on ? "Close fullscreen" : "Fullscreen");
  button.title = on ? "Close fullscreen" : "Fullscreen";
}

/**
 * The search box: a field, the count, and buttons to the previous and next match and to close it.
 * @param {Grid} grid
 * @param {HTMLElement} opener  the toolbar's search button, which has the focus back when the box closes
 * @returns {Search}
 */
function searchBox(grid, opener) {
  const box = h("div", "df-search");
  box.setAttribute("role", "search");
  box.hidden = true;
  const input = h("input", "df-search-input");
  input.type = "search";
  input.placeholder = "Search";
  input.setAttribute("aria-label", "Search the table");
  const count = h("span", "df-search-count");
  count.setAttribute("role", "status");
  count.setAttribute("aria-live", "polite");
  const previous = iconButton("up", "Previous match");
  const next = iconButton("down", "Next match");
  const close = iconButton("close", "Close search");
  box.append(input, count, previous, next, close);
  /** @type {Search} */
  const search = { box, input, count, matches: [], at: -1, complete: true, cancel: null, timer: undefined };
  input.addEventListener("input", () => {
    clearTimeout(search.timer);
    search.timer = setTimeout(() => find(grid, search), TYPING_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(search.timer);
      if (search.timer !== undefined) {
        search.timer = undefined;
        find(grid, search); // typed and Enter at once: search first
      } else {
        step(grid, search, event.shiftKey ? -1 : 1);
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      closeSearch(grid, search);
      opener.focus();
    }
  });
  previous.addEventListener("click", () => step(grid, search, -1));
  next.addEventListener("click", () => step(grid, search, 1));
  close.addEventListener("click", () => {
    closeSearch(grid, search);
    opener.focus();
  });
  return search;
}

/**
 * @param {Grid} grid
 * @param {Search} search
 */
function openSearch(grid, search) {
  search.box.hidden = false;
  grid.node.classList.add("df-searching");
  search.input.focus();
  search.input.select();
}

/**
 * @param {Grid} grid
 * @param {Search} search
 */
function closeSearch(grid, search) {
  clearTimeout(search.timer);
  search.timer = undefined;
  search.cancel?.();
  search.cancel = null;
  search.input.value = "";
  search.matches = [];
  search.at = -1;
  search.count.textContent = "";
  search.box.hidden = true;
  grid.node.classList.remove("df-searching");
  setMarks(grid, new Set(), "");
}

/**
 * Search every row for the field's text (again: the query, the order or the data changed).
 * @param {Grid} grid
 * @param {Search} search
 */
function find(grid, search) {
  search.timer = undefined;
  search.cancel?.();
  search.cancel = null;
  search.matches = [];
  search.at = -1;
  const query = search.input.value.toLowerCase();
  if (!query) {
    search.count.textContent = "";
    setMarks(grid, new Set(), "");
    return;
  }
  const shown = grid.shownAs.map((column, j) => ({ column, j })).filter(({ j }) => !grid.view[j]?.hidden);
  /** @type {Set<string>} */
  const marks = new Set();
  search.complete = false;
  search.count.textContent = "Searching\u2026";
  const walk = readView(grid, (view) => {
    view.cells.forEach((cells, k) => {
      if (search.matches.length >= MAX_MATCHES) return;
      const i = view.rows[k];
      for (const { column, j } of shown) {
        const value = cells[j];
        const text = view.text[k]?.[j] ?? (value === null || value === undefined ? null : show(value, column));
        if (text !== null && text.toLowerCase().includes(query)) {
          search.matches.push([i, j]);
          marks.add(`${i}:${j}`);
        }
      }
    });
    const found = search.at < 0 && search.matches.length > 0;
    if (found) search.at = 0;
    showMatch(grid, search, marks, found);
  });
  search.cancel = walk.cancel;
  walk.done.then((read) => {
    if (search.cancel !== walk.cancel) return;
    search.cancel = null;
    search.complete = read;
    showMatch(grid, search, marks, false);
  });
}

/**
 * Mark the matches and say how many there are; `move`: scroll to the current one.
 * @param {Grid} grid
 * @param {Search} search
 * @param {Set<string>} marks
 * @param {boolean} move
 */
function showMatch(grid, search, marks, move) {
  const n = search.matches.length;
  const more = n >= MAX_MATCHES || !search.complete ? "+" : "";
  const current = search.matches[search.at];
  setMarks(grid, marks, current ? `${current[0]}:${current[1]}` : "");
  search.count.textContent = !n ? (search.complete ? "No results" : "Searching\u2026") :
    `${search.at + 1} of ${n.toLocaleString("en-US")}${more}`;
  if (move && current) bringIntoView(grid, current);
}

/**
 * Move to the next (1) or the previous (-1) match.
 * @param {Grid} grid
 * @param {Search} search
 * @param {number} by
 */
function step(grid, search, by) {
  const n = search.matches.length;
  if (!n) return;
  search.at = (search.at + by + n) % n;
  showMatch(grid, search, grid.marks, true);
}

/**
 * Scroll so that the cell `[i, j]` shows.
 * @param {Grid} grid
 * @param {[number, number]} cell
 */
function bringIntoView(grid, [i, j]) {
  reveal(grid, i);
  const node = rowNode(grid, i)?.querySelector(`.df-cell[data-column="${j}"]`);
  if (node instanceof HTMLElement) {
    const scroller = grid.scroller.getBoundingClientRect();
    const box = node.getBoundingClientRect();
    if (box.left < scroller.left || box.right > scroller.right) {
      grid.scroller.scrollLeft += box.left - scroller.left - scroller.width / 2 + box.width / 2;
    }
  }
}

/**
 * A value as a CSV field, as Streamlit writes it: nothing for a missing value, quoted when it holds a comma, a quote
 * or a line break.
 * @param {unknown} value
 */
function csvField(value) {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Download every row of the frame, in the view's order, as CSV (a byte order mark first, as Streamlit's).
 * @param {Grid} grid
 * @param {HTMLButtonElement} button
 */
async function downloadCsv(grid, button) {
  if (button.getAttribute("aria-busy") === "true") return;
  const props = /** @type {FrameProps} */ (grid.el.props);
  const order = shownColumns(grid);
  const lines = ["\ufeff" + order.map((j) => csvField(props.columns[j].label)).join(",") + "\n"];
  button.setAttribute("aria-busy", "true");
  try {
    const walk = readView(grid, (view) => {
      // A duration as its seconds, as Streamlit writes it (its NumberColumn's value).
      const field = (/** @type {unknown} */ value, /** @type {number} */ j) => csvField(
        props.columns[j].dtype === "timedelta" ? durationSeconds(value) ?? value : value);
      for (const cells of view.cells) lines.push(order.map((j) => field(cells[j], j)).join(",") + "\n");
    });
    if (!(await walk.done)) return;
  } finally {
    button.setAttribute("aria-busy", "false");
  }
  const url = URL.createObjectURL(new Blob(lines, { type: "text/csv;charset=utf-8;" }));
  const link = h("a");
  link.href = url;
  link.download = `${new Date().toISOString().slice(0, 16).replace(":", "-")}_export.csv`;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
