// A chart: the Vega-Lite spec the server sends (its data inline), drawn by Vega-Lite (webui/vendor/vega), which this
// module imports the first time a page shows a chart. Charts follow the page's light or dark theme: the Vega config
// is read from the page's CSS variables, and a chart is drawn again when the system's scheme changes, its selections
// (and its brushes, zoom and pan) kept as they were. With `selection_mode` the chart is a widget: its selection
// parameters' values are sent as JSON text, 150 ms after they settle.
//
// The page's Content-Security-Policy forbids eval: `ast: true` makes vega-embed interpret Vega's expressions instead
// of compiling them with Function(). Errors that only Vega finds (a field of the wrong kind, a broken spec) are shown
// in the chart's place.
import {
  followScheme, forgetScheme, frame, message, parts, selectionText, setName, setNote, showDrawn, showError, vendor,
} from "porch/chart.js";
import { commit, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string | null> & {
 *   spec: Record<string, any>,
 *   theme: string | null,
 *   selection_mode: string[],
 *   width: string | number,
 *   height: string | number,
 *   note: string | null,
 * }} Props
 */
/**
 * What vega-embed resolves to (only what this module uses).
 * @typedef {{view: {addSignalListener: (name: string, handler: (name: string, value: any) => void) => void,
 *   width: (w: number) => {runAsync: () => Promise<unknown>},
 *   height: (h: number) => {runAsync: () => Promise<unknown>},
 *   getState: (filter: {signals: (name: string) => boolean, data: (name: string, data: any) => boolean,
 *     recurse: boolean}) => ViewState,
 *   setState: (state: ViewState) => {runAsync: () => Promise<unknown>}}, finalize: () => void}} Embedded
 */
/** A Vega view's state: its signals' values and the data sets changed since it was drawn (selections' stores).
 * @typedef {Record<string, any>} ViewState */
/**
 * One chart's state: `width` and `height` are the view's size it was last drawn for (`height` only counts for a
 * stretched chart, whose height is its container's).
 * @typedef {{el: Elem, ctx: Ctx, drawn: string | null, result: Embedded | null, token: number, width: number,
 *   height: number, selection: Record<string, any>}} State
 */

/** The module of the Vega libraries (a variable: the type checker does not follow it into the vendored builds). */
const VEGA = "porch/vendor/vega/index.js";
/** Above this many rows a chart draws on a canvas: an SVG of that many marks is slow to build and to scroll. */
const CANVAS_ROWS = 5000;
/** How long a selection must stay put before it is sent (ms): a drag sends once, at its end. */
const SETTLE = 150;
/** Compositions: their views keep their own sizes, but for those Streamlit 1.67 sets (see `composition`). */
const COMPOSED = ["hconcat", "vconcat", "concat", "facet", "repeat"];
/** The padding below a chart where its spec sets none (pixels), as Streamlit 1.67 gives it (`padded`). */
const BOTTOM = 20;
/** Signals a view is drawn at, not a person's doing: a view drawn again keeps its new ones. */
const SIZES = /(^|_)(width|height)$|^(autosize|padding|background|cursor)$/;

/** vega-embed. */
const vegaEmbed = vendor(VEGA, (mod) => mod.default);

/** @type {WeakMap<HTMLElement, State>} */
const states = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = frame("chart", true);
  states.set(node, { el, ctx, drawn: null, result: null, token: 0, width: 0, height: 0, selection: {} });
  followScheme(node, () => redraw(node));
  new ResizeObserver(() => resized(node)).observe(node);
  update(node, el, ctx);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function update(node, el, ctx) {
  const state = /** @type {State} */ (states.get(node));
  Object.assign(state, { el, ctx });
  const props = /** @type {Props} */ (el.props);
  setWidth(node, props.width);
  placeHeight(node, props);
  setName(node, props.label);
  setNote(node, props.note);
  if (el.id && props.selection_mode.length) {
    sync(node, el, (value) => {
      state.selection = value ? { ...(JSON.parse(value).selection ?? {}) } : {};
    });
  }
  const key = JSON.stringify([props.spec, props.theme, props.selection_mode, props.width, props.height]);
  if (key !== state.drawn) {
    state.drawn = key;
    draw(node);
  }
}

/**
 * Whether the chart is laid out stretched (vega_lite_chart.css): with `height="stretch"`, a single or layered view
 * always; a composition, as Streamlit 1.67 sizes one, only where its parent's height is definite (of fixed height, or
 * stretched in a parent whose height is definite: Streamlit's `hasDefiniteHeight`), and there it is drawn at its
 * element's height (a facet's cells take it; Vega-Lite keeps the views' own heights in concatenations and repeats),
 * the drawing overflowing the element into its container's scrolling; elsewhere it keeps its own height. Decided
 * again once the chart is on the page (`create` runs before it is), and whenever it is resized or drawn.
 * @param {HTMLElement} node
 * @param {Props} props
 */
function placeHeight(node, props) {
  const composition = composed(props.spec);
  if (composition) node.dataset.composed = "";
  else delete node.dataset.composed;
  if (props.height === "stretch" && (!composition || definite(node.parentElement))) node.dataset.height = "stretch";
  else delete node.dataset.height;
}

/**
 * Whether `parent`'s height is definite: fixed (widget.js `setHeight`: "px"), or stretched in a parent whose height
 * is definite.
 * @param {HTMLElement | null} parent
 * @returns {boolean}
 */
function definite(parent) {
  let found = parent;
  while (found && found.dataset.height === "stretch") found = found.parentElement;
  return found?.dataset.height === "px";
}

/**
 * Draw the chart again as it stands (a new colour scheme, a composition's new width): what a person did in it (its
 * selections, brushes, zoom and pan) is kept.
 * @param {HTMLElement} node
 */
function redraw(node) {
  const state = states.get(node);
  if (state) draw(node, true);
}

/**
 * The chart's size changed: a chart that fills its container follows it (resized in place, or first drawn once it
 * has a width: a chart in a closed expander or another tab has none), in height too when it is stretched (a faceted
 * one is drawn again: its cells' height is compiled in); a chart taken off the page is let go.
 * @param {HTMLElement} node
 */
function resized(node) {
  const state = states.get(node);
  if (!state) return;
  if (!node.isConnected) {
    // Gone from the page: let Vega go (its view holds the data and listens to the window).
    state.token++;
    state.result?.finalize();
    state.result = null;
    state.width = 0;
    forgetScheme(node);
    return;
  }
  const props = /** @type {Props} */ (state.el.props);
  placeHeight(node, props);
  let again = false;
  const height = stretchedHeight(node);
  if (height && Math.abs(height - state.height) >= 2 && state.result) {
    state.height = height;
    if (!composed(props.spec)) state.result.view.height(height).runAsync(); // in place, as for the width below
    else again = faceted(props.spec);
  }
  const width = Math.floor(node.clientWidth);
  if (Math.abs(width - state.width) >= 2 && width > 0) {
    const before = state.width;
    state.width = width;
    if (!state.result) {
      if (before === 0) draw(node);
      return;
    }
    const target = props.width === "stretch" ? width
      : typeof props.width === "number" ? Math.min(props.width, width) : 0;
    // A single or layered view is resized in place (its selections stay); a vertical concatenation, whose views take
    // the width (compiled in), is drawn again, what a person did in it kept (other compositions keep their widths).
    if (target && !composed(props.spec)) state.result.view.width(target).runAsync();
    else if (target && Array.isArray(props.spec.vconcat)) again = true;
  }
  if (again) redraw(node);
}

/**
 * A stretched chart's height: its view's, which the layout decides alone (vega_lite_chart.css: the container's
 * height shared with the other stretched elements, 350 pixels in a container as tall as its content, the row's in
 * a horizontal container), never what Vega drew (a composition's drawing overflows it), so drawing at it changes
 * nothing; 0 for a chart not stretched.
 * @param {HTMLElement} node
 */
function stretchedHeight(node) {
  return node.dataset.height === "stretch" ? Math.floor(parts(node).view.clientHeight) : 0;
}

/**
 * Draw the chart anew: the spec sized to the element and themed from the page, embedded in place of the last one;
 * with `keep`, the last one's state (selections, brushes, zoom and pan) is given to the new one.
 * @param {HTMLElement} node
 * @param {boolean} [keep]
 */
async function draw(node, keep = false) {
  const state = /** @type {State} */ (states.get(node));
  const token = ++state.token;
  followScheme(node, () => redraw(node));
  /** @type {ViewState | null} */
  let kept = null;
  if (keep && state.result) {
    try {
      kept = state.result.view.getState({
        signals: (name) => !SIZES.test(name),
        data: (name, data) => Boolean(data.modified) && Array.isArray(data.input?.value)
          && !name.startsWith("_:vega:_"),
        recurse: true,
      });
    } catch {
      kept = null; // a view that cannot tell its state is drawn afresh
    }
  }
  const props = /** @type {Props} */ (state.el.props);
  const width = Math.floor(node.clientWidth);
  state.width = width;
  if (width === 0 && props.width !== "content") return; // not laid out yet: resized() draws it
  const view = parts(node).view;
  let embed;
  try {
    embed = await vegaEmbed();
  } catch (err) {
    if (token === state.token) showError(node, `The chart library could not be loaded: ${message(err)}`);
    return;
  }
  if (token !== state.token || !node.isConnected) return;
  placeHeight(node, props);
  const style = getComputedStyle(node);
  state.height = stretchedHeight(node);
  const spec = padded(sized(resolved(props.spec, style), props, width, state.height));
  if (props.label && spec.description === undefined) spec.description = props.label;
  state.result?.finalize();
  state.result = null;
  try {
    const result = /** @type {Embedded} */ (
      await embed(view, spec, {
        mode: "vega-lite",
        actions: false,
        ast: true,
        defaultStyle: false,
        renderer: rows(props.spec) > CANVAS_ROWS ? "canvas" : "svg",
        config: themeConfig(style, props.theme),
        tooltip: { theme: "custom", disableDefaultStyle: true },
      })
    );
    if (token !== state.token) {
      result.finalize();
      return;
    }
    state.result = result;
    showDrawn(node);
    if (kept) {
      // Vega restores without telling the signal listeners (nothing is sent: the script has this selection).
      try {
        await result.view.setState(kept).runAsync();
      } catch {
        // drawn without it, as a new chart is
      }
      if (token !== state.token) return;
    }
    listen(node, result);
    // The layout may have moved while Vega loaded and drew (a sibling arrived): resized() ignored it then.
    const height = stretchedHeight(node);
    if (height && Math.abs(height - state.height) >= 2) {
      state.height = height;
      if (!composed(props.spec)) result.view.height(height).runAsync();
      else if (faceted(props.spec)) redraw(node);
    }
  } catch (err) {
    if (token === state.token) showError(node, `Vega-Lite could not draw this chart: ${message(err)}`);
  }
}

/**
 * Send the selections of the chart's selection parameters, once each settles.
 * @param {HTMLElement} node
 * @param {Embedded} result
 */
function listen(node, result) {
  const state = /** @type {State} */ (states.get(node));
  const props = /** @type {Props} */ (state.el.props);
  if (!state.el.id || !props.selection_mode.length) return;
  for (const param of props.selection_mode) {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    result.view.addSignalListener(param, (name, value) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (state.result !== result) return;
        // A point selection's signal holds its points under vlPoint.or; the rest of it is Vega's bookkeeping.
        const chosen = value && value.vlPoint && Array.isArray(value.vlPoint.or) ? value.vlPoint.or : value;
        state.selection = { ...state.selection, [name]: plainJson(chosen ?? {}) };
        const all = Object.fromEntries(props.selection_mode.map((p) => [p, state.selection[p] ?? {}]));
        commit(node, state.el, state.ctx, selectionText(all));
      }, SETTLE);
    });
  }
}

/**
 * A signal's value as JSON: dates as ISO text, no functions or cycles.
 * @param {unknown} value
 */
function plainJson(value) {
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === "function" ? undefined : v)) ?? "{}");
}

/**
 * The spec with `var(--name)` texts (outside its data) replaced by the page's values of those CSS variables.
 * @param {Record<string, any>} spec
 * @param {CSSStyleDeclaration} style
 * @returns {Record<string, any>}
 */
function resolved(spec, style) {
  /** @param {any} value @returns {any} */
  const walk = (value) => {
    if (typeof value === "string") {
      const found = /^var\((--[\w-]+)\)$/.exec(value);
      return found ? style.getPropertyValue(found[1]).trim() || value : value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  /** @type {Record<string, any>} */
  const out = {};
  for (const [key, value] of Object.entries(spec)) out[key] = key === "data" || key === "datasets" ? value : walk(value);
  return out;
}

/**
 * The spec sized for the element: a single or layered view takes the element's width ("stretch", or pixels up to
 * it) and the height asked for in pixels, or its view's when stretched (`stretched`, when laid out); compositions
 * are sized as Streamlit 1.67 sizes them (`composition`).
 * @param {Record<string, any>} spec
 * @param {Props} props
 * @param {number} available
 * @param {number} stretched
 */
function sized(spec, props, available, stretched) {
  if (composed(spec)) return composition(spec, props, available, stretched);
  if (props.width === "stretch" && available > 0) spec.width = available;
  else if (typeof props.width === "number") spec.width = available > 0 ? Math.min(props.width, available) : props.width;
  if (typeof props.height === "number") spec.height = props.height;
  else if (stretched > 0) spec.height = stretched;
  return spec;
}

/**
 * The spec with Streamlit 1.67's padding: 20 pixels below the drawing where the spec sets none there (Vega's own 5 on
 * every side gives way to it: a padding object names its sides, the others are 0). A spec's padding in one number
 * is kept as it is.
 * @param {Record<string, any>} spec
 */
function padded(spec) {
  const padding = spec.padding ?? {};
  if (padding && typeof padding === "object" && !Array.isArray(padding) && padding.bottom == null) {
    spec.padding = { ...padding, bottom: BOTTOM };
  }
  return spec;
}

/**
 * A composition sized as Streamlit 1.67 sizes one: with a width of "stretch" or pixels (up to the element's) that
 * width is the spec's, and each view of a vertical concatenation that is no composition itself takes it too (the
 * server made it fit the width: autosize "fit-x"); Vega-Lite keeps the views' own widths in horizontal
 * concatenations, concats and repeats, and facets keep theirs. A height in pixels, or the element's when it is
 * stretched (`stretched`: see `placeHeight`), is the spec's (a facet's cells take it; Vega-Lite keeps the views' own
 * heights in concatenations, repeats and the facet operator's spec).
 * @param {Record<string, any>} spec
 * @param {Props} props
 * @param {number} available
 * @param {number} stretched
 */
function composition(spec, props, available, stretched) {
  const width = props.width === "stretch" ? available
    : typeof props.width === "number" ? (available > 0 ? Math.min(props.width, available) : props.width) : 0;
  if (width > 0 && !faceted(spec)) {
    spec.width = width;
    if (Array.isArray(spec.vconcat)) {
      spec.vconcat = spec.vconcat.map((/** @type {any} */ view) => (
        view && typeof view === "object" && !COMPOSED.some((key) => key in view) ? { ...view, width } : view));
    }
  }
  if (typeof props.height === "number") spec.height = props.height;
  else if (stretched > 0) spec.height = stretched;
  return spec;
}

/**
 * Whether the spec is faceted (a facet, or rows and columns in its encoding).
 * @param {Record<string, any>} spec
 */
function faceted(spec) {
  return "facet" in spec || ["row", "column", "facet"].some((k) => k in (spec.encoding ?? {}));
}

/**
 * Whether the spec composes views (concatenations, facets, repeats), sized as Streamlit sizes them (`composition`).
 * @param {Record<string, any>} spec
 */
function composed(spec) {
  return COMPOSED.some((key) => key in spec) || ["row", "column", "facet"].some((k) => k in (spec.encoding ?? {}));
}

/**
 * How many rows the spec carries (its inline data and datasets).
 * @param {Record<string, any>} spec
 */
function rows(spec) {
  let count = Array.isArray(spec.data?.values) ? spec.data.values.length : 0;
  for (const values of Object.values(spec.datasets ?? {})) if (Array.isArray(values)) count += values.length;
  return count;
}

/**
 * The Vega config of the page's theme, from its CSS variables (style.css's tokens and chart palette, which an app's
 * [theme] sets: primaryColor is the first category colour, chartCategoricalColors the categories). "streamlit": the
 * page's look throughout; null: Vega-Lite's own, its text and grid in the page's colours so that it reads in a dark
 * theme too. Sizes (font sizes, paddings, offsets, label limits; with "streamlit", one wrapped facet or
 * concatenated view per row) are Streamlit 1.67's for each theme, so that a chart takes the room it takes there. A
 * spec's own `config` wins over both.
 * @param {CSSStyleDeclaration} style
 * @param {string | null} theme
 */
function themeConfig(style, theme) {
  /** @param {string} name */
  const css = (name) => style.getPropertyValue(name).trim();
  /** @param {string} name */
  const list = (name) => css(name).split(",").map((c) => c.trim()).filter(Boolean);
  const text = css("--muted");
  const grid = css("--border");
  const font = css("--font");
  const sizes = { labelFontSize: 12, titleFontSize: 12 };
  const base = {
    background: "transparent",
    font,
    axis: { labelColor: text, titleColor: text, gridColor: grid, domainColor: grid, tickColor: grid, ...sizes },
    legend: { labelColor: text, titleColor: text, ...sizes },
    title: { color: css("--fg"), subtitleColor: text },
    header: { labelColor: text, titleColor: text, ...sizes },
    view: { stroke: grid, continuousHeight: 350, continuousWidth: 400 },
    mark: { tooltip: true },
  };
  if (theme !== "streamlit") return base;
  const category = list("--chart-category");
  return {
    ...base,
    fieldTitle: "verbal",
    title: { ...base.title, anchor: "start", align: "left", orient: "top", fontSize: 16, fontWeight: 600, offset: 26 },
    axis: {
      ...base.axis,
      labelFontSize: 12,
      labelFontWeight: "normal",
      titleFontSize: 14,
      titleFontWeight: "normal",
      ticks: false,
      domain: false,
      labelFlush: true,
      labelFlushOffset: 1,
      labelBound: false,
      labelPadding: 16,
      titlePadding: 16,
      labelLimit: 100,
      labelOverlap: true,
      labelSeparation: 4,
    },
    legend: {
      ...base.legend,
      labelFontSize: 14,
      titleFontSize: 14,
      titleFontWeight: "normal",
      titlePadding: 8,
      labelPadding: 16,
      padding: 8,
      rowPadding: 4,
      columnPadding: 8,
      symbolStrokeWidth: 4,
    },
    header: { ...base.header, labelFontSize: 12, titleFontSize: 16, titleFontWeight: "normal" },
    view: { ...base.view, stroke: "transparent", strokeWidth: 0 },
    concat: { columns: 1 },
    facet: { columns: 1 },
    range: {
      category,
      ramp: list("--chart-ramp"),
      heatmap: list("--chart-ramp"),
      diverging: list("--chart-diverging"),
    },
    mark: { tooltip: true, color: category[0] },
    bar: { binSpacing: 4, discreteBandSize: { band: 0.85 } },
    axisDiscrete: { grid: false },
    axisXPoint: { grid: false },
    axisTemporal: { grid: false },
    axisXBand: { grid: false },
  };
}
