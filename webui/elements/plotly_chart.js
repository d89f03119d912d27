// A Plotly chart: the figure the server sends (its data, layout and frames) drawn by plotly.js: its strict build,
// vendored and handed over by vendor/plotly/index.js, which this module imports the first time a page shows a Plotly
// chart (a page without one never asks for it). WebGL traces (scattergl, splom, parcoords, 3D...) draw with WebGL:
// that build's WebGL code is generated ahead, not compiled in the page (which its policy forbids). With the theme
// "streamlit" a figure without a template of its own is drawn in the page's look (a Plotly template made from the
// page's CSS variables), again when the colour scheme changes.
//
// With an id the chart is a widget: a click on points, a box or a lasso sends the selection as Streamlit's client
// does, JSON text of {selection: {points, point_indices, box, lasso}}, the points' keys in snake_case; a double click
// clears it. The selection stays drawn whenever the chart is drawn again with the same figure (the colour scheme
// changed, the page was reloaded and its session resumed): each draw highlights the selection the widget holds.
// Nothing leaves the page's origin: the page's policy forbids it; what plotly.js would fetch (base maps, tiles) is
// drawn without it, or the chart says why not.
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
 *   config: Record<string, any>,
 *   theme: string | null,
 *   selection_mode: string[],
 *   width: string | number,
 *   height: string | number,
 * }} Props
 */
/**
 * One chart's state: `drawn` the props it was last drawn with, `token` the latest draw (an older one that finishes
 * later is dropped), `width` and `height` the size it was last drawn for (`height` only counts for a stretched
 * chart, whose height is its container's), `plot` the element plotly.js draws into, once drawn, `selection` the
 * selection it shows (the widget's value, JSON text: the server's, or the one a person just made; null for none).
 * @typedef {{el: Elem, ctx: Ctx, drawn: string | null, token: number, width: number, height: number, plot: any,
 *   selection: string | null}} State
 */

/** The module that hands over plotly.js (a variable: the type checker does not follow it into the build). */
const PLOTLY = "porch/vendor/plotly/index.js";
/** plotly.js's own default size, for "content" when the figure has none. */
const DEFAULT_WIDTH = 700;
const DEFAULT_HEIGHT = 450;
/** Trace types drawn on map tiles from the internet, by a web worker: neither is allowed by the page's policy. */
const TILE_MAPS = ["scattermap", "choroplethmap", "densitymap", "scattermapbox", "choroplethmapbox", "densitymapbox"];
/** The scopes of plotly.js's geographic maps, whose base shapes it would fetch. */
const GEO_SCOPES = ["world", "usa", "europe", "asia", "africa", "north-america", "south-america"];
/** Trace types drawn on a geographic base map. */
const GEO_TRACES = ["scattergeo", "choropleth"];
/** Said under a geographic map, whose base map plotly.js would fetch from Plotly's site. */
const GEO_NOTE = "The base map (land, coasts, borders) comes from Plotly's site, which this page does not load: "
  + "only the data is drawn.";
/** What a point keeps when the whole selection would be longer than the server takes. */
const COMPACT = ["curve_number", "point_number", "point_index", "x", "y"];

/** plotly.js. */
const plotly = vendor(PLOTLY, (mod) => {
  emptyBaseMaps();
  return mod.default;
});

/**
 * Geographic maps (`scattergeo`, `choropleth`) draw their base map from shapes plotly.js fetches from Plotly's site,
 * which the page's policy forbids: each is given an empty set of shapes instead, so that the data is drawn (on no
 * land or coasts) and the chart says so in a note, rather than failing.
 */
function emptyBaseMaps() {
  const assets = /** @type {any} */ (globalThis).PlotlyGeoAssets;
  if (!assets || typeof assets.topojson !== "object") return;
  const none = { type: "GeometryCollection", geometries: [] };
  const layers = ["land", "ocean", "lakes", "rivers", "coastlines", "countries", "subunits"];
  const empty = { type: "Topology", arcs: [], objects: Object.fromEntries(layers.map((l) => [l, none])) };
  for (const scope of GEO_SCOPES) {
    for (const resolution of ["110m", "50m"]) assets.topojson[`${scope}_${resolution}`] ??= empty;
  }
}

/** @type {WeakMap<HTMLElement, State>} */
const states = new WeakMap();

/**
 * A chart in the page's look is drawn again when the colour scheme changes.
 * @param {HTMLElement} node
 */
function rethemed(node) {
  if (states.get(node)?.el.props.theme === "streamlit") draw(node);
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = frame("plotly-chart", true);
  states.set(node, { el, ctx, drawn: null, token: 0, width: 0, height: 0, plot: null, selection: null });
  followScheme(node, () => rethemed(node));
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
  // "stretch": as tall as the container gives (plotly_chart.css), else the figure's own height.
  if (props.height === "stretch") {
    node.dataset.height = "stretch";
    node.style.setProperty("--plotly-own-height", `${ownHeight(props)}px`);
  } else {
    delete node.dataset.height;
    node.style.removeProperty("--plotly-own-height");
  }
  setName(node, props.label);
  if (el.id) sync(node, el, (value) => reselected(node, value));
  const key = JSON.stringify([props.spec, props.config, props.theme, props.selection_mode, props.width,
    props.height, Boolean(el.id)]);
  if (key !== state.drawn) {
    state.drawn = key;
    draw(node);
  }
}

/**
 * The selection the server holds differs from the one the chart shows (the chart is new, or its page was reloaded
 * and the session resumed, or the selection was reset): shown, by drawing the chart again once it is drawn.
 * @param {HTMLElement} node
 * @param {unknown} value
 */
function reselected(node, value) {
  const state = states.get(node);
  const selection = typeof value === "string" ? value : null;
  if (!state || selection === state.selection) return;
  state.selection = selection;
  if (state.plot) draw(node);
}

/**
 * The chart's size changed: a chart that follows its container's width is resized in place (its zoom and selection
 * stay), or first drawn once it has a width (in a closed expander or another tab it has none); a chart taken off
 * the page is let go.
 * @param {HTMLElement} node
 */
function resized(node) {
  const state = states.get(node);
  if (!state) return;
  if (!node.isConnected) {
    state.token++;
    if (state.plot) plotly().then((Plotly) => Plotly.purge(state.plot));
    state.plot = null;
    state.width = 0;
    forgetScheme(node);
    return;
  }
  const height = stretchedHeight(node);
  if (height && Math.abs(height - state.height) >= 2 && state.plot) {
    state.height = height;
    const plot = state.plot;
    plotly().then((Plotly) => Plotly.relayout(plot, { height })); // in place, as for the width below
  }
  const width = Math.floor(node.clientWidth);
  if (Math.abs(width - state.width) < 2 || width === 0) return;
  const before = state.width;
  state.width = width;
  if (!state.plot) {
    if (before === 0) draw(node);
    return;
  }
  const props = /** @type {Props} */ (state.el.props);
  const target = widthOf(props, width);
  const plot = state.plot;
  if (target !== plot.layout?.width) plotly().then((Plotly) => Plotly.relayout(plot, { width: target }));
}

/**
 * A stretched chart's height: its view's, which the layout decides alone (plotly_chart.css: the container's height
 * shared with the other stretched elements, the figure's own in a container as tall as its content, the row's in a
 * horizontal container), never what plotly.js drew, so drawing at it changes nothing; 0 for a chart not stretched.
 * @param {HTMLElement} node
 */
function stretchedHeight(node) {
  return node.dataset.height === "stretch" ? Math.floor(parts(node).view.clientHeight) : 0;
}

/**
 * The figure's own height: its layout's, or plotly.js's default.
 * @param {Props} props
 */
function ownHeight(props) {
  const own = props.spec.layout?.height;
  return typeof own === "number" && own > 0 ? own : DEFAULT_HEIGHT;
}

/**
 * Draw the chart anew: its figure sized to the element and themed from the page.
 * @param {HTMLElement} node
 */
async function draw(node) {
  const state = /** @type {State} */ (states.get(node));
  const token = ++state.token;
  followScheme(node, () => rethemed(node));
  const props = /** @type {Props} */ (state.el.props);
  const width = Math.floor(node.clientWidth);
  state.width = width;
  if (width === 0 && props.width !== "content" && typeof props.width !== "number") return; // resized() draws it
  let Plotly;
  try {
    Plotly = await plotly();
  } catch (err) {
    if (token === state.token) fail(node, `The chart library could not be loaded: ${message(err)}`);
    return;
  }
  if (token !== state.token || !node.isConnected) return;
  const view = parts(node).view;
  state.height = stretchedHeight(node);
  const figure = figureOf(props, Boolean(state.el.id), getComputedStyle(node), width, state.height);
  if (state.el.id && state.selection) highlight(figure.data, figure.layout, state.selection);
  const types = figure.data.map((/** @type {any} */ t) => t?.type);
  const tiled = types.find((t) => TILE_MAPS.includes(t));
  if (tiled) {
    fail(node, `A ${tiled} trace draws on map tiles from the internet, which this page does not load: draw it as a `
      + "scattergeo or choropleth trace (a map without tiles) instead.");
    return;
  }
  try {
    await Plotly.react(view, figure);
  } catch (err) {
    if (token === state.token) fail(node, `Plotly could not draw this chart: ${message(err)}`);
    return;
  }
  if (token !== state.token) return;
  showDrawn(node);
  const geographic = figure.data.some((/** @type {any} */ t) => GEO_TRACES.includes(t?.type));
  setNote(node, geographic ? GEO_NOTE : null);
  if (state.plot !== view) {
    state.plot = view;
    listen(node, view);
  }
  // The layout may have moved while plotly.js loaded and drew (a sibling arrived): resized() ignored it then.
  const height = stretchedHeight(node);
  if (height && Math.abs(height - state.height) >= 2) {
    state.height = height;
    await Plotly.relayout(view, { height });
  }
}

/**
 * Show why the chart is not drawn, in its place.
 * @param {HTMLElement} node
 * @param {string} text
 */
function fail(node, text) {
  const state = /** @type {State} */ (states.get(node));
  const view = parts(node).view;
  if (state.plot) plotly().then((Plotly) => Plotly.purge(view));
  state.plot = null;
  showError(node, text);
  setNote(node, null);
}

/**
 * The width to draw at: the container's ("stretch"), the figure's own or 700 ("content"), or pixels; never wider
 * than the container.
 * @param {Props} props
 * @param {number} available
 */
function widthOf(props, available) {
  const own = props.spec.layout?.width;
  const wanted = props.width === "stretch" ? available
    : typeof props.width === "number" ? props.width
    : typeof own === "number" ? own : DEFAULT_WIDTH;
  return Math.max(1, available > 0 ? Math.min(wanted, available) : wanted);
}

/**
 * The figure plotly.js draws: a copy of the spec (plotly.js writes into its layout), sized, themed, and set up for
 * the selections the script asked for; the config with Plotly's logo and links off and the mode bar's selection
 * tools only for the modes allowed.
 * @param {Props} props
 * @param {boolean} selecting
 * @param {CSSStyleDeclaration} style
 * @param {number} available
 * @param {number} stretched the view's height for a stretched chart once laid out, else 0
 * @returns {{data: any[], layout: Record<string, any>, frames: any[] | undefined, config: Record<string, any>}}
 */
function figureOf(props, selecting, style, available, stretched) {
  const spec = JSON.parse(JSON.stringify(props.spec));
  /** @type {Record<string, any>} */
  const layout = spec.layout && typeof spec.layout === "object" ? spec.layout : {};
  layout.width = widthOf(props, available);
  layout.height = typeof props.height === "number" ? props.height : stretched > 0 ? stretched : ownHeight(props);
  if (props.theme === "streamlit" && layout.template === undefined) layout.template = pageTemplate(style, layout);
  const modes = selecting ? props.selection_mode : [];
  if (selecting) {
    layout.clickmode = modes.includes("points") ? "event+select" : "event";
    layout.hovermode ??= "closest";
    if (layout.dragmode === undefined) {
      if (modes.includes("box")) layout.dragmode = "select";
      else if (modes.includes("lasso")) layout.dragmode = "lasso";
    }
  }
  /** @type {Record<string, any>} */
  const config = { displaylogo: false, showLink: false, showEditInChartStudio: false, ...props.config };
  const removed = [...(Array.isArray(config.modeBarButtonsToRemove) ? config.modeBarButtonsToRemove : [])];
  if (!modes.includes("box")) removed.push("select2d");
  if (!modes.includes("lasso")) removed.push("lasso2d");
  config.modeBarButtonsToRemove = removed;
  const data = Array.isArray(spec.data) ? spec.data : [];
  const frames = Array.isArray(spec.frames) ? spec.frames : undefined;
  const figure = { data, layout, frames };
  const drawn = props.theme === "streamlit" ? palette(figure, style) : figure;
  return { data: drawn.data, layout: drawn.layout, frames: drawn.frames, config };
}

/**
 * Draw `selection` (a widget value, JSON text) as plotly.js draws a selection a person made: each trace's chosen
 * points highlighted and the others dimmed (its `selectedpoints`), the boxes and lassos outlined
 * (`layout.selections`), as Streamlit keeps them in the figure it draws again. Nothing for an empty selection.
 * @param {any[]} data the figure's traces (a copy), changed in place
 * @param {Record<string, any>} layout the figure's layout (a copy), changed in place
 * @param {string} selection
 */
function highlight(data, layout, selection) {
  let found;
  try {
    found = JSON.parse(selection)?.selection;
  } catch {
    return;
  }
  /** @param {string} name @returns {any[]} */
  const list = (name) => (found && Array.isArray(found[name]) ? found[name] : []);
  const [points, boxes, lassos] = [list("points"), list("box"), list("lasso")];
  if (!points.length && !boxes.length && !lassos.length) return;
  /** @type {number[][]} */
  const chosen = data.map(() => []);
  for (const point of points) {
    const trace = chosen[point?.curve_number];
    if (!Number.isInteger(point?.curve_number) || !trace) continue;
    const indices = Array.isArray(point.point_indices) ? point.point_indices
      : [point.point_index ?? point.point_number];
    for (const index of indices) if (Number.isInteger(index)) trace.push(index);
  }
  data.forEach((trace, i) => {
    if (trace && typeof trace === "object") trace.selectedpoints = chosen[i];
  });
  /** @param {any} area */
  const refs = (area) => ({ xref: String(area?.xref ?? "x"), yref: String(area?.yref ?? "y") });
  layout.selections = [
    ...boxes.filter((b) => Array.isArray(b?.x) && Array.isArray(b?.y)).map((b) => ({
      type: "rect", ...refs(b), x0: b.x[0], x1: b.x[1], y0: b.y[0], y1: b.y[1],
    })),
    ...lassos.filter((l) => Array.isArray(l?.x) && Array.isArray(l?.y) && l.x.length).map((l) => ({
      type: "path", ...refs(l), path: `M${l.x.map((/** @type {any} */ x, /** @type {number} */ i) => `${x},${l.y[i]}`)
        .join("L")}Z`,
    })),
  ];
}

/**
 * The figure with the server's names of the page's palette (a figure made with Plotly's stock template carries its
 * colours: `var(--plotly-category-N)`, `var(--plotly-ramp)`, `var(--plotly-diverging)`) as the page's colours.
 * @param {Record<string, any>} figure
 * @param {CSSStyleDeclaration} style
 * @returns {Record<string, any>}
 */
function palette(figure, style) {
  /** @param {string} name */
  const list = (name) => style.getPropertyValue(name).split(",").map((c) => c.trim()).filter(Boolean);
  const category = list("--plotly-category");
  /** @type {Record<string, any>} */
  const scales = { ramp: scale(list("--plotly-ramp")), diverging: scale(list("--plotly-diverging")) };
  /** @param {any} value @returns {any} */
  const walk = (value) => {
    if (typeof value === "string") {
      const found = /^var\(--plotly-(?:category-(\d+)|(ramp|diverging))\)$/.exec(value);
      if (!found) return value;
      return found[2] ? scales[found[2]] : category[Number(found[1]) % Math.max(1, category.length)] ?? value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return walk(figure);
}

/**
 * A colour scale of evenly spaced colours, as plotly.js reads one.
 * @param {string[]} colours
 */
function scale(colours) {
  return colours.map((c, i) => [colours.length > 1 ? i / (colours.length - 1) : 0, c]);
}

/**
 * Send what a person selected, as Streamlit's client sends it.
 * @param {HTMLElement} node
 * @param {any} plot
 */
function listen(node, plot) {
  plot.on("plotly_selected", (/** @type {any} */ event) => {
    const state = states.get(node);
    if (!state?.el.id || !event) return;
    const value = selectionOf(event, /** @type {Props} */ (state.el.props).selection_mode);
    if (value === null) return;
    state.selection = value;
    commit(node, state.el, state.ctx, value);
  });
  plot.on("plotly_deselect", () => {
    const state = states.get(node);
    if (!state?.el.id) return;
    state.selection = null;
    commit(node, state.el, state.ctx, selectionText({ points: [], point_indices: [], box: [], lasso: [] }));
  });
}

/**
 * A selection event as the JSON text the server takes, or null for a kind of selection the chart does not allow.
 * @param {any} event
 * @param {string[]} modes
 * @returns {string | null}
 */
function selectionOf(event, modes) {
  /** @type {Record<string, any>[]} */
  const points = [];
  /** @type {Set<number>} */
  const indices = new Set();
  for (const point of Array.isArray(event.points) ? event.points : []) {
    /** @type {Record<string, any>} */
    const own = {};
    for (const [name, value] of Object.entries(point)) {
      if (!["data", "fullData", "xaxis", "yaxis"].includes(name)) own[name] = value;
    }
    if (point.data?.legendgroup) own.legendgroup = point.data.legendgroup;
    points.push(/** @type {Record<string, any>} */ (snake(plain(own, 0))));
    if (Number.isInteger(point.pointIndex)) indices.add(point.pointIndex);
    if (Array.isArray(point.pointIndices)) for (const i of point.pointIndices) if (Number.isInteger(i)) indices.add(i);
  }
  /** @type {Record<string, any>[]} */
  const box = [];
  /** @type {Record<string, any>[]} */
  const lasso = [];
  for (const area of Array.isArray(event.selections) ? event.selections : []) {
    const refs = { xref: String(area.xref ?? "x"), yref: String(area.yref ?? "y") };
    if (area.type === "rect" && ["x0", "x1", "y0", "y1"].every((k) => k in area)) {
      box.push({ ...refs, x: [area.x0, area.x1], y: [area.y0, area.y1] });
    } else if (area.type === "path" && typeof area.path === "string") {
      lasso.push({ ...refs, ...outline(area.path) });
    }
  }
  if ((box.length && !modes.includes("box")) || (lasso.length && !modes.includes("lasso"))) return null;
  return selectionText({ points, point_indices: [...indices], box, lasso }, smaller);
}

/**
 * A selection too long for one message, made smaller: its points keep only where they are, and then only the first
 * ones are kept (null: nothing is left to drop).
 * @param {{points: Record<string, any>[], point_indices: number[], box: any[], lasso: any[]}} selection
 */
function smaller(selection) {
  const { points, point_indices: list } = selection;
  const compact = points.map((p) => Object.fromEntries(COMPACT.filter((k) => k in p).map((k) => [k, p[k]])));
  if (compact.some((p, i) => Object.keys(p).length !== Object.keys(points[i]).length)) {
    return { ...selection, points: compact };
  }
  if (!points.length && !list.length) return null;
  return {
    ...selection,
    points: points.slice(0, Math.floor(points.length * 0.8)),
    point_indices: list.slice(0, Math.floor(list.length * 0.8)),
  };
}

/**
 * A lasso's outline, "M x,y L x,y ... Z", as its `x` and `y` lists.
 * @param {string} path
 */
function outline(path) {
  /** @type {number[]} */
  const x = [];
  /** @type {number[]} */
  const y = [];
  for (const part of path.replace(/[MZ]/g, "").split("L")) {
    const [a, b] = part.split(",").map(Number);
    if (Number.isFinite(a) && Number.isFinite(b)) {
      x.push(a);
      y.push(b);
    }
  }
  return { x, y };
}

/**
 * A value as JSON the server takes: no functions, no elements, no cycles (nor too deep), no NaN or infinities (null).
 * @param {unknown} value
 * @param {number} depth
 * @returns {unknown}
 */
function plain(value, depth) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (depth > 8 || typeof value !== "object" || value instanceof Node) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    return Array.from(/** @type {ArrayLike<unknown>} */ (value), (v) => plain(v, depth + 1) ?? null);
  }
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [name, item] of Object.entries(value)) {
    const found = plain(item, depth + 1);
    if (found !== undefined) out[name] = found;
  }
  return out;
}

/**
 * Keys in snake_case, as Streamlit's client writes them: `curveNumber` -> `curve_number`, `marker.color` ->
 * `marker_color`.
 * @param {unknown} value
 * @returns {unknown}
 */
function snake(value) {
  if (Array.isArray(value)) return value.map(snake);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [
      name.replace(/[A-Z.]/g, (c) => (c === "." ? "_" : `_${c.toLowerCase()}`)),
      snake(item),
    ]),
  );
}

/**
 * A Plotly template of the page's look, from its CSS variables (style.css's tokens and Plotly palette, which an app's
 * [theme] sets): its font and colours, a quiet grid, the legend and hover labels in the page's colours. The figure's
 * own layout wins over it.
 * @param {CSSStyleDeclaration} style
 * @param {Record<string, any>} layout
 */
function pageTemplate(style, layout) {
  /** @param {string} name */
  const css = (name) => style.getPropertyValue(name).trim();
  /** @param {string} name */
  const list = (name) => css(name).split(",").map((c) => c.trim()).filter(Boolean);
  const fg = css("--fg");
  const muted = css("--muted");
  const grid = css("--border");
  const font = css("--font");
  const axis = {
    automargin: true,
    gridcolor: grid,
    linecolor: grid,
    zerolinecolor: css("--border-strong") || grid,
    tickcolor: grid,
    ticks: "",
    tickfont: { color: muted, size: 12 },
    title: { font: { color: muted, size: 13 }, standoff: 12 },
  };
  const titled = Boolean(layout.title && (typeof layout.title === "string" || layout.title.text));
  const ramp = scale(list("--plotly-ramp"));
  return {
    layout: {
      font: { family: font, color: fg, size: 12 },
      colorway: list("--plotly-category"),
      colorscale: { sequential: ramp, sequentialminus: ramp, diverging: scale(list("--plotly-diverging")) },
      paper_bgcolor: "rgba(0,0,0,0)",
      plot_bgcolor: "rgba(0,0,0,0)",
      margin: { l: 8, r: 8, t: titled ? 56 : 24, b: 8, pad: 0 },
      title: { font: { color: fg, size: 16 }, x: 0, xref: "paper", xanchor: "left" },
      xaxis: axis,
      yaxis: axis,
      legend: { bgcolor: "rgba(0,0,0,0)", font: { color: muted }, title: { font: { color: muted } } },
      hoverlabel: { bgcolor: css("--bg-elevated"), bordercolor: grid, font: { color: fg, family: font } },
      coloraxis: { colorbar: { outlinewidth: 0, tickfont: { color: muted } } },
      modebar: { bgcolor: "rgba(0,0,0,0)", color: muted, activecolor: fg },
      polar: {
        bgcolor: "rgba(0,0,0,0)",
        angularaxis: { gridcolor: grid, linecolor: grid },
        radialaxis: { gridcolor: grid, linecolor: grid },
      },
      ternary: { bgcolor: "rgba(0,0,0,0)" },
      geo: { bgcolor: "rgba(0,0,0,0)" },
    },
    data: {
      bar: [{ marker: { line: { width: 0 } } }],
      pie: [{ marker: { line: { color: css("--bg"), width: 1 } } }],
      ...Object.fromEntries(
        ["heatmap", "contour", "histogram2d", "histogram2dcontour", "surface"].map((t) => [t, [{ colorscale: ramp }]]),
      ),
    },
  };
}
