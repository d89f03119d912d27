// What the chart modules share (vega_lite_chart, plotly_chart, deck_gl_chart, echarts_chart, graphviz_chart,
// mermaid_chart): their frame (a figure holding the drawing's view, an error line that says why it is not drawn, and
// a note under it), their vendored library imported the first time a page shows such a chart, drawing again when the
// colour scheme changes, the page's colours as a canvas writes them, and a selection made to fit the server's bound.
// Their shared styles (chart.css: the error line and the note) come with this module.
import { h } from "porch/widget.js";

/** The longest selection the server takes (the protocol's longest text value), with room to spare. */
const MAX_SELECTION = 199_000;

/**
 * A vendored library, loaded the first time it is asked for (again after a failure): a page that never
 * shows such a chart never loads it.
 * @template T
 * @param {string} url  the build's module, `porch/vendor/<name>/index.js` (a variable: the type checker does not
 *   follow it into the vendored build)
 * @param {(mod: any) => T} take  what of the module the chart uses
 * @returns {() => Promise<T>}
 */
export function vendor(url, take) {
  /** @type {Promise<T> | null} */
  let loading = null;
  return () => {
    if (!loading) {
      loading = import(url).then(take, (err) => {
        loading = null;
        throw err;
      });
    }
    return loading;
  };
}

// -- the frame ----------------------------------------------------------------------------------------------------

/** @typedef {{view: HTMLElement, error: HTMLElement, note: HTMLElement | null}} Parts */
/** @type {WeakMap<HTMLElement, Parts>} */
const frames = new WeakMap();

/**
 * A chart's frame: a figure (class `kind`) holding its view (`kind-view`), where the library draws, its error line
 * (`kind-error` and chart.css's `chart-error`, an alert, hidden until there is something to say) and, with `note`, a
 * line under it (`kind-note`, `chart-note`, hidden until it has text).
 * @param {string} kind
 * @param {boolean} [note]
 */
export function frame(kind, note = false) {
  const node = h("div", kind);
  node.setAttribute("role", "figure");
  const view = h("div", `${kind}-view`);
  const error = h("div", classes(kind, "error"));
  error.setAttribute("role", "alert");
  error.hidden = true;
  node.append(view, error);
  /** @type {HTMLElement | null} */
  let line = null;
  if (note) {
    line = h("p", classes(kind, "note"));
    line.hidden = true;
    node.append(line);
  }
  frames.set(node, { view, error, note: line });
  return node;
}

/**
 * A part's classes: the kind's own and the shared one (once, for the kind "chart" whose own it is).
 * @param {string} kind
 * @param {string} part
 */
function classes(kind, part) {
  return [...new Set([`${kind}-${part}`, `chart-${part}`])].join(" ");
}

/**
 * The view, error line and note of a chart's frame.
 * @param {HTMLElement} node
 * @returns {Parts}
 */
export function parts(node) {
  return /** @type {Parts} */ (frames.get(node));
}

/**
 * The chart's accessible name (its `alt`), or none.
 * @param {HTMLElement} node
 * @param {string | null | undefined} name
 */
export function setName(node, name) {
  if (name) node.setAttribute("aria-label", name);
  else node.removeAttribute("aria-label");
}

/**
 * Show why the chart is not drawn, in its place: the view emptied and hidden, `text` in the error line.
 * @param {HTMLElement} node
 * @param {string} text
 */
export function showError(node, text) {
  const { view, error } = parts(node);
  view.replaceChildren();
  view.hidden = true;
  error.textContent = text;
  error.hidden = false;
}

/**
 * The chart is drawn: its view shown, its error line saying `problems` (what was left out of the drawing) or
 * hidden.
 * @param {HTMLElement} node
 * @param {string} [problems]
 */
export function showDrawn(node, problems = "") {
  const { view, error } = parts(node);
  error.hidden = !problems;
  error.textContent = problems;
  view.hidden = false;
}

/**
 * The line under the chart: `text`, or hidden without one.
 * @param {HTMLElement} node
 * @param {string | null | undefined} text
 */
export function setNote(node, text) {
  const note = /** @type {HTMLElement} */ (parts(node).note);
  note.textContent = text ?? "";
  note.hidden = !text;
}

/**
 * What an error says.
 * @param {unknown} err
 */
export function message(err) {
  return err instanceof Error ? err.message : String(err);
}

// -- the page's look ----------------------------------------------------------------------------------------------

/** Charts drawn again when the colour scheme changes, each with what draws it (while it is on the page). */
/** @type {Map<HTMLElement, () => void>} */
const themed = new Map();
function redrawThemed() {
  for (const [node, redraw] of [...themed]) {
    if (!node.isConnected) themed.delete(node);
    else redraw();
  }
}
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", redrawThemed);
// The user chose a theme in the app menu (menu.js).
document.addEventListener("porch:scheme", redrawThemed);

/**
 * Call `redraw` whenever the colour scheme changes, until the chart leaves the page (or `forgetScheme`).
 * @param {HTMLElement} node
 * @param {() => void} redraw
 */
export function followScheme(node, redraw) {
  themed.set(node, redraw);
}

/**
 * The chart was taken off the page: it is not drawn again.
 * @param {HTMLElement} node
 */
export function forgetScheme(node) {
  themed.delete(node);
}

/** @type {CanvasRenderingContext2D | null} */
let paint = null;

/**
 * Reads the page's colours as they apply inside `node` (its theme, the app's [theme]), written out by a canvas,
 * which normalises any CSS colour: `#rrggbb`, or `rgba(...)` for a translucent one. `done()` takes the probe it
 * reads them on out of the page.
 * @param {HTMLElement} node
 */
export function colourProbe(node) {
  const probe = h("span");
  probe.hidden = true;
  node.append(probe);
  return {
    /**
     * @param {string} css  a CSS colour, such as `var(--accent, #4f46e5)`
     * @param {string} fallback
     */
    colour(css, fallback) {
      probe.style.color = "";
      probe.style.color = css;
      const resolved = getComputedStyle(probe).color;
      paint ??= document.createElement("canvas").getContext("2d");
      if (!paint || !resolved) return fallback;
      paint.fillStyle = fallback;
      paint.fillStyle = resolved;
      return String(paint.fillStyle);
    },
    done() {
      probe.remove();
    },
  };
}

// -- selections ---------------------------------------------------------------------------------------------------

/**
 * A selection as the JSON text the server takes, `{"selection": ...}`: while it is longer than MAX_SELECTION,
 * `smaller` makes it smaller (null: it cannot, and the text goes as it is, for the server to refuse).
 * @template S
 * @param {S} selection
 * @param {(selection: S) => S | null} [smaller]
 */
export function selectionText(selection, smaller = () => null) {
  let current = selection;
  let text = JSON.stringify({ selection: current });
  while (text.length > MAX_SELECTION) {
    const next = smaller(current);
    if (next === null) break;
    current = next;
    text = JSON.stringify({ selection: current });
  }
  return text;
}
