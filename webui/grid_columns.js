// The user's hold on a grid's columns, as Streamlit's dataframe gives it: the edge of a header is dragged to resize
// its column (or moved with the arrow keys when focused; a double click fits it to what it shows), and each header's
// menu button opens the column menu: sort ascending or descending (where the kind sorts), autosize, pin or unpin,
// hide. The layout lives in the grid (`Grid.view`, applied by grid.js's `applyColumns`) and stays on the client.
// `columnMenu` is also the toolbar's menu of hidden columns (grid_tools.js). Styles: grid_columns.css.

import { numeric } from "porch/cells.js";
import { dataCells, refresh, setSort } from "porch/grid.js";
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, applyColumns, columnAs } from "porch/grid_layout.js";
import { h } from "porch/widget.js";

/** @typedef {import("porch/grid.js").Grid} Grid */
/** @typedef {import("porch/grid.js").FrameProps} FrameProps */

/** The formats a column's menu offers, as Streamlit's (cells.js formats them): numbers', and dates' and times'. */
const NUMBER_FORMATS = [["Automatic", ""], ["Localized", "localized"], ["Plain", "plain"], ["Compact", "compact"],
  ["Dollar", "dollar"], ["Euro", "euro"], ["Yen", "yen"], ["Percent", "percent"], ["Scientific", "scientific"],
  ["Accounting", "accounting"]];
const DATE_FORMATS = [["Automatic", ""], ["Localized", "localized"], ["Distance", "distance"],
  ["Calendar", "calendar"]];
const TEMPORAL = new Set(["date", "datetime", "time"]);

/** Pixels an arrow key moves a column's edge (ten with Shift). */
const KEY_STEP = 10;

/**
 * Let the user resize, sort, pin and hide the grid's columns (grid.js `addTools` loads this module and calls it): each
 * header gets a menu button and a resize edge, now and whenever the headers are built again. `arrange`: the menu
 * pins, hides and formats columns too.
 * @param {Grid} grid
 * @param {boolean} arrange
 */
export function columnTools(grid, arrange) {
  grid.headerTools = (cell, j) => headerControls(grid, cell, j);
  for (const cell of /** @type {NodeListOf<HTMLElement>} */ (grid.head.querySelectorAll(".df-header[data-column]"))) {
    headerControls(grid, cell, Number(cell.dataset.column));
  }
  grid.head.addEventListener("pointerdown", (event) => {
    const handle = /** @type {HTMLElement} */ (event.target).closest(".df-resize");
    if (handle instanceof HTMLElement) startDrag(grid, handle, event);
  });
  grid.head.addEventListener("dblclick", (event) => {
    const j = columnOf(/** @type {HTMLElement} */ (event.target).closest(".df-resize"));
    if (j !== null) autosize(grid, j);
  });
  grid.head.addEventListener("keydown", (event) => {
    const j = columnOf(/** @type {HTMLElement} */ (event.target).closest(".df-resize"));
    if (j === null || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
    event.preventDefault();
    event.stopPropagation(); // the edge's keys, not the grid's (a data_editor moves its active cell with them)
    const step = (event.shiftKey ? KEY_STEP * 10 : KEY_STEP) * (event.key === "ArrowLeft" ? -1 : 1);
    setWidth(grid, j, grid.view[j].width + step);
  });
  grid.head.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest(".df-menu-button");
    const j = columnOf(button);
    if (button instanceof HTMLElement && j !== null) {
      event.stopPropagation();
      openColumnMenu(grid, j, button, arrange);
    }
  });
}

/**
 * Put the menu button and the resize edge into column `j`'s header `cell`.
 * @param {Grid} grid
 * @param {HTMLElement} cell
 * @param {number} j
 */
function headerControls(grid, cell, j) {
  const column = /** @type {FrameProps} */ (grid.el.props).columns[j];
  // The header is named by its label, not by the controls it holds too.
  if (column.label) cell.setAttribute("aria-label", column.label);
  const name = column.label || "index";
  const menu = h("button", "df-menu-button", "\u22ee");
  menu.type = "button";
  menu.setAttribute("aria-label", `Menu of column ${name}`);
  menu.setAttribute("aria-haspopup", "menu");
  menu.setAttribute("aria-expanded", "false");
  const handle = h("div", "df-resize");
  handle.tabIndex = 0;
  handle.setAttribute("role", "separator");
  handle.setAttribute("aria-orientation", "vertical");
  handle.setAttribute("aria-label", `Width of column ${name}`);
  handle.setAttribute("aria-valuemin", String(MIN_COLUMN_WIDTH));
  handle.setAttribute("aria-valuemax", String(MAX_COLUMN_WIDTH));
  handle.setAttribute("aria-valuenow", String(grid.view[j].width));
  cell.append(menu, handle);
}

/**
 * The column whose header holds `node`, or null.
 * @param {Element | null} node
 */
function columnOf(node) {
  const column = /** @type {HTMLElement | null | undefined} */ (node?.closest(".df-header[data-column]"));
  return column ? Number(column.dataset.column) : null;
}

/**
 * Set column `j`'s width (within Streamlit's limits).
 * @param {Grid} grid
 * @param {number} j
 * @param {number} width
 */
export function setWidth(grid, j, width) {
  grid.view[j].width = Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
  applyColumns(grid);
}

/**
 * Drag the edge `handle` with the pointer of `event`.
 * @param {Grid} grid
 * @param {HTMLElement} handle
 * @param {PointerEvent} event
 */
function startDrag(grid, handle, event) {
  const j = columnOf(handle);
  if (j === null || event.button !== 0) return;
  event.preventDefault();
  const from = event.clientX;
  const width = grid.view[j].width;
  handle.setPointerCapture(event.pointerId);
  handle.classList.add("df-dragging");
  /** @param {PointerEvent} move */
  const onMove = (move) => setWidth(grid, j, width + move.clientX - from);
  const onUp = () => {
    handle.classList.remove("df-dragging");
    handle.removeEventListener("pointermove", onMove);
    handle.removeEventListener("pointerup", onUp);
    handle.removeEventListener("pointercancel", onUp);
  };
  handle.addEventListener("pointermove", onMove);
  handle.addEventListener("pointerup", onUp);
  handle.addEventListener("pointercancel", onUp);
}

/**
 * Fit column `j` to what its header and the rows in view show.
 * @param {Grid} grid
 * @param {number} j
 */
export function autosize(grid, j) {
  const header = /** @type {HTMLElement | null} */ (grid.head.querySelector(`.df-header[data-column="${j}"]`));
  const label = header?.querySelector(".df-label");
  // The header's label, its arrow and menu button, and padding; each cell's content at its natural width.
  let widest = (label instanceof HTMLElement ? label.scrollWidth : 0) + 48;
  for (const row of grid.pool) {
    if (row.hidden) continue;
    const cell = dataCells(grid, row)[j];
    const probe = /** @type {HTMLElement} */ (cell.cloneNode(true));
    probe.style.width = "auto";
    probe.style.position = "absolute";
    probe.style.visibility = "hidden";
    row.append(probe);
    widest = Math.max(widest, probe.getBoundingClientRect().width + 2);
    probe.remove();
  }
  setWidth(grid, j, Math.ceil(widest));
}

/**
 * Show or hide column `j`.
 * @param {Grid} grid
 * @param {number} j
 * @param {boolean} hidden
 */
export function setHidden(grid, j, hidden) {
  grid.view[j].hidden = hidden;
  applyColumns(grid);
}

/** @type {HTMLElement | null} */
let openMenu = null;

/**
 * A menu of `items` under `anchor` (a button, whose aria-expanded it keeps): arrow keys move between the items,
 * Escape closes it and gives the focus back, a click outside closes it.
 * @param {Grid} grid
 * @param {HTMLElement} anchor
 * @param {string} label
 * @param {{label: string, checked?: boolean, run: () => void}[]} items
 */
export function columnMenu(grid, anchor, label, items) {
  closeMenu();
  const menu = h("div", "df-menu");
  menu.setAttribute("role", "menu");
  menu.setAttribute("aria-label", label);
  for (const item of items) {
    const entry = h("button", "df-menu-item", item.label);
    entry.type = "button";
    entry.tabIndex = -1;
    if (item.checked === undefined) entry.setAttribute("role", "menuitem");
    else {
      entry.setAttribute("role", "menuitemcheckbox");
      entry.setAttribute("aria-checked", String(item.checked));
      const box = h("span", "df-menu-check", item.checked ? "\u2611" : "\u2610");
      box.setAttribute("aria-hidden", "true");
      entry.prepend(box);
    }
    entry.addEventListener("click", () => {
      closeMenu();
      // The button that opened the menu has the focus back (a menu the item opens takes it), unless its column was
      // just hidden.
      anchor.focus();
      item.run();
      if (!anchor.getClientRects().length) grid.scroller.focus();
    });
    menu.append(entry);
  }
  menu.addEventListener("keydown", (event) => {
    const entries = /** @type {HTMLElement[]} */ ([...menu.children]);
    const at = entries.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (event.key === "Escape" || event.key === "Tab") {
      event.preventDefault();
      closeMenu();
      anchor.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      entries[(at + step + entries.length) % entries.length].focus();
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      entries[event.key === "Home" ? 0 : entries.length - 1].focus();
    }
  });
  const box = grid.node.getBoundingClientRect();
  const at = anchor.getBoundingClientRect();
  menu.style.top = `${at.bottom - box.top + 2}px`;
  menu.style.left = `${Math.max(0, Math.min(at.left - box.left, box.width - 200))}px`;
  grid.node.append(menu);
  anchor.setAttribute("aria-expanded", "true");
  openMenu = menu;
  const close = (/** @type {Event} */ event) => {
    if (!menu.contains(/** @type {Node} */ (event.target))) closeMenu();
  };
  menuAnchor.set(menu, { anchor, close });
  document.addEventListener("pointerdown", close, true);
  /** @type {HTMLElement | undefined} */ (menu.firstElementChild ?? undefined)?.focus();
}

/** @type {WeakMap<HTMLElement, {anchor: HTMLElement, close: (event: Event) => void}>} */
const menuAnchor = new WeakMap();

/** Close the open menu, if any. */
export function closeMenu() {
  const menu = openMenu;
  if (!menu) return;
  openMenu = null;
  const held = menuAnchor.get(menu);
  if (held) {
    held.anchor.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", held.close, true);
  }
  menu.remove();
}

/**
 * The menu of column `j`, under its header's menu button.
 * @param {Grid} grid
 * @param {number} j
 * @param {HTMLElement} button
 * @param {boolean} arrange  offer pinning, hiding and formats
 */
function openColumnMenu(grid, j, button, arrange) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  const column = props.columns[j];
  const view = grid.view[j];
  /** @type {{label: string, run: () => void}[]} */
  const items = [];
  if (grid.hooks.sortable?.() && props.rows > 0) {
    items.push({ label: "Sort ascending", run: () => setSort(grid, [[j, "asc"]]) });
    items.push({ label: "Sort descending", run: () => setSort(grid, [[j, "desc"]]) });
  }
  const formats = numeric(column) ? NUMBER_FORMATS : TEMPORAL.has(column.type ?? column.dtype) ? DATE_FORMATS : null;
  if (arrange && formats && !column.index) {
    items.push({
      label: "Format",
      run: () => {
        const now = grid.view[j].format ?? column.config?.format ?? "";
        columnMenu(grid, button, `Format of column ${column.label}`, formats.map(([label, format]) => ({
          label, checked: now === format, run: () => setFormat(grid, j, format),
        })));
      },
    });
  }
  items.push({ label: "Autosize", run: () => autosize(grid, j) });
  if (arrange) {
    items.push({
      label: view.pinned ? "Unpin column" : "Pin column",
      run: () => {
        view.pinned = !view.pinned;
        applyColumns(grid);
      },
    });
    items.push({ label: "Hide column", run: () => setHidden(grid, j, true) });
  }
  columnMenu(grid, button, `Column ${column.label || "index"}`, items);
}

/**
 * Show column `j` in `format` (null: the column's own; "": automatic): its cells are filled again.
 * @param {Grid} grid
 * @param {number} j
 * @param {string | null} format
 */
function setFormat(grid, j, format) {
  const props = /** @type {FrameProps} */ (grid.el.props);
  grid.view[j].format = format;
  grid.shownAs[j] = columnAs(props.columns[j], grid.view[j]);
  refresh(grid);
}
