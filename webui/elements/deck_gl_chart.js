// A map or a pydeck chart (`map`, `pydeck_chart`): the deck the server sends as pydeck's JSON (layers with their
// `@@type` class names and `@@=` accessor expressions, the initial view, the views), read by deck.gl's JSON converter
// (which parses the expressions with its own parser: nothing is compiled with eval, which the page's policy forbids)
// and drawn by deck.gl with WebGL. Both come from vendor/deckgl/index.js, which this module imports the first time a
// page shows a map: a page without one never asks for it.
//
// Nothing leaves the page's origin: the base map is raster tiles the server serves from it (`tiles`, and `dark_tiles`
// while the page's scheme is dark: the server fetches Carto's or Mapbox's tiles, or the app serves its own), drawn
// under the layers with their attribution. When none of them loads (the server is offline, or its tile server
// unreachable), one line under the map says so; when the server serves none for the deck's style, its note says why.
// Without WebGL the chart says so in one line.
//
// With an id the chart is a widget: a click on an object of a pickable layer sends the selection as Streamlit's
// client does, JSON text of {selection: {indices: {layer: [...]}, objects: {layer: [...]}}}; a click on nothing, or
// the "Clear selection" button, clears it.
import {
  followScheme, frame, message, parts, selectionText, setName, setNote, showDrawn, showError, vendor,
} from "porch/chart.js";
import { colorScheme, commit, h, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string | null> & {
 *   spec: Record<string, any>,
 *   tooltip: Record<string, any> | null,
 *   tiles: string | null,
 *   dark_tiles: string | null,
 *   attribution: string | null,
 *   selection_mode: string | null,
 *   width: string | number,
 *   height: string | number,
 *   note: string | null,
 * }} Props
 */
/** @typedef {{indices: Record<string, number[]>, objects: Record<string, any[]>}} Selection */
/**
 * One chart's state: `drawn` the props it was last drawn with, `token` the latest draw (an older one that finishes
 * later is dropped), `deck` the deck.gl Deck once drawn, `view` the initial view it was given last (the view a person
 * moved to stays until the server sends another), `ids` each drawn layer's id as a selection names it, `data`
 * each drawn layer's data as the server sent it (rows, or a URL), `tiles` the base map's template drawn, whether
 * any of its tiles loaded or one failed since, and why the server could not serve them (its answer's reason).
 * @typedef {{el: Elem, ctx: Ctx, drawn: string | null, token: number, deck: any, view: string | null,
 *   selection: Selection, ids: Map<string, string>, data: Map<string, unknown>,
 *   tiles: Tiles}} State
 */
/**
 * @typedef {{template: string | null, loaded: boolean, failed: boolean, reason: string}} Tiles
 */

/** The module that hands over deck.gl (a variable: the type checker does not follow it into the builds). */
const DECKGL = "porch/vendor/deckgl/index.js";
/** Shown instead of the layers when the browser has no WebGL 2, which deck.gl draws with. */
const NO_WEBGL = "This map needs WebGL, which this browser does not offer (it may be turned off): its layers cannot "
  + "be drawn.";
/** Accessors of a layer's colour, dimmed for the objects not selected while a selection is shown. */
const COLOURS = ["getFillColor", "getColor"];
/** The id of the base-map layer drawn from the app's own tiles. */
const BASE_MAP = "porch-base-map";
/** The line under a map none of whose base-map tiles loaded (with the server's reason, when it gave one). */
const TILES_FAILED = "The base map could not be loaded; the layers are drawn without it.";
/** Where the server's own tiles are (`core/basemap.py`): its refusals say why in their body. */
const SERVED_TILES = "_porch/basemap/";

/** deck.gl and a JSON converter that knows its layers, views, extensions and effects. */
const deckgl = vendor(DECKGL, (mod) => {
  const { deck, json } = mod.default;
  return { deck, converter: new json.JSONConverter({ configuration: configuration(deck) }) };
});

/**
 * What pydeck's JSON may name: every layer, view, layer extension, effect and light deck.gl exports (by their
 * names, with pydeck's names for the experimental ones), and the coordinate systems.
 * @param {any} deck
 */
function configuration(deck) {
  /** @type {Record<string, any>} */
  const classes = {};
  const bases = [deck.Layer, deck.View, deck.LayerExtension].filter(Boolean);
  for (const [name, value] of Object.entries(deck)) {
    if (typeof value !== "function" || !value.prototype) continue;
    const kind = bases.some((base) => value.prototype instanceof base)
      || /(?:Effect|Light)$/.test(name);
    if (kind) classes[name] = value;
    if (kind && name.startsWith("_")) classes[name.slice(1)] ??= value;
  }
  return { classes, enumerations: { COORDINATE_SYSTEM: deck.COORDINATE_SYSTEM } };
}

/** @type {boolean | null} */
let hasWebgl = null;
/** Whether the browser draws WebGL 2 (asked once; the context made to ask is let go at once). */
function webgl() {
  if (hasWebgl === null) {
    try {
      const gl = document.createElement("canvas").getContext("webgl2");
      hasWebgl = Boolean(gl);
      gl?.getExtension("WEBGL_lose_context")?.loseContext();
    } catch {
      hasWebgl = false;
    }
  }
  return hasWebgl;
}

/** @type {WeakMap<HTMLElement, State>} */
const states = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = frame("deck-gl-chart", true);
  const clear = h("button", "deck-gl-chart-clear", "Clear selection");
  clear.type = "button";
  clear.hidden = true;
  clear.addEventListener("click", () => choose(node, { indices: {}, objects: {} }));
  parts(node).view.after(clear);
  states.set(node, {
    el, ctx, drawn: null, token: 0, deck: null, view: null, selection: { indices: {}, objects: {} }, ids: new Map(),
    data: new Map(), tiles: noTiles(null),
  });
  new ResizeObserver(() => resized(node)).observe(node);
  followScheme(node, () => {
    const current = states.get(node);
    if (current && /** @type {Props} */ (current.el.props).dark_tiles) update(node, current.el, current.ctx);
  });
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
  node.dataset.height = props.height === "stretch" ? "stretch" : "px";
  parts(node).view.style.height = typeof props.height === "number" ? `${props.height}px` : "";
  setName(node, props.label);
  const template = tilesOf(props);
  if (template !== state.tiles.template) state.tiles = noTiles(template);
  showNote(node);
  if (el.id) sync(node, el, (value) => { state.selection = parsed(value); });
  else state.selection = { indices: {}, objects: {} };
  const clear = /** @type {HTMLButtonElement} */ (node.querySelector(".deck-gl-chart-clear"));
  clear.hidden = !el.id || Object.keys(state.selection.indices).length === 0;
  const key = JSON.stringify([props.spec, props.tooltip, template, props.attribution, props.selection_mode,
    Boolean(el.id), state.selection.indices]);
  if (key !== state.drawn) {
    state.drawn = key;
    draw(node);
  }
}

/**
 * A base map of which no tile loaded or failed yet.
 * @param {string | null} template
 * @returns {Tiles}
 */
function noTiles(template) {
  return { template, loaded: false, failed: false, reason: "" };
}

/**
 * The base map's tile template for the page's colour scheme, or null for none.
 * @param {Props} props
 */
function tilesOf(props) {
  return props.dark_tiles && colorScheme() === "dark" ? props.dark_tiles : (props.tiles ?? null);
}

/**
 * The line under the map: that its base map could not be loaded (none of its tiles did, one failed), and the
 * server's note.
 * @param {HTMLElement} node
 */
function showNote(node) {
  const state = /** @type {State} */ (states.get(node));
  const props = /** @type {Props} */ (state.el.props);
  const { failed, loaded, reason } = state.tiles;
  const why = reason ? TILES_FAILED.replace(";", ` (${reason});`) : TILES_FAILED;
  setNote(node, [failed && !loaded ? why : "", props.note ?? ""].filter(Boolean).join(" ") || null);
  const credit = /** @type {HTMLElement | null} */ (node.querySelector(".deck-gl-chart-attribution"));
  if (credit) credit.hidden = !(props.attribution && state.tiles.loaded);
}

/**
 * A selection's wire value (JSON text, or null for none) as a selection.
 * @param {unknown} value
 * @returns {Selection}
 */
function parsed(value) {
  if (typeof value !== "string") return { indices: {}, objects: {} };
  try {
    const selection = JSON.parse(value)?.selection;
    return { indices: { ...(selection?.indices ?? {}) }, objects: { ...(selection?.objects ?? {}) } };
  } catch {
    return { indices: {}, objects: {} };
  }
}

/**
 * The chart was taken off the page: let deck.gl go (its WebGL context is one of the few a page may hold).
 * @param {HTMLElement} node
 */
function resized(node) {
  const state = states.get(node);
  if (!state || node.isConnected) return;
  state.token++;
  state.deck?.finalize();
  state.deck = null;
  state.view = null;
  state.drawn = null;
  state.tiles = noTiles(null);
}

/**
 * Draw the deck anew (or update the one drawn: its layers, and its view only when the server sent another).
 * @param {HTMLElement} node
 */
async function draw(node) {
  const state = /** @type {State} */ (states.get(node));
  const token = ++state.token;
  if (!webgl()) {
    fail(node, NO_WEBGL);
    return;
  }
  let lib;
  try {
    lib = await deckgl();
  } catch (err) {
    if (token === state.token) fail(node, `The map library could not be loaded: ${message(err)}`);
    return;
  }
  if (token !== state.token || !node.isConnected) return;
  const props = /** @type {Props} */ (state.el.props);
  let converted;
  try {
    converted = convert(lib, props, state, node);
  } catch (err) {
    fail(node, `deck.gl could not read this chart: ${message(err)}`);
    return;
  }
  showDrawn(node, converted.problems);
  const { view, error } = parts(node);
  attribution(view, props.attribution);
  showNote(node);
  /** @type {Record<string, any>} */
  const deckProps = {
    layers: converted.layers,
    views: converted.views,
    controller: converted.views ? undefined : true,
    parameters: converted.parameters,
    effects: converted.effects,
    getTooltip: props.tooltip ? (/** @type {any} */ info) => tooltip(props.tooltip ?? {}, info) : null,
    onClick: state.el.id && props.selection_mode ? (/** @type {any} */ info) => picked(node, info) : undefined,
    onError: (/** @type {any} */ err, /** @type {any} */ layer) => {
      error.textContent = `${layer ? `Layer ${layer.id}: ` : ""}${message(err)}${elsewhere(state.data.get(layer?.id))
        ? " (its data is on another site, and this page loads nothing from other sites)" : ""}`;
      error.hidden = false;
    },
  };
  for (const name of Object.keys(deckProps)) if (deckProps[name] === undefined) delete deckProps[name];
  const initial = JSON.stringify(props.spec.initialViewState ?? {});
  if (initial !== state.view) {
    state.view = initial;
    deckProps.initialViewState = converted.initialViewState;
  }
  if (!state.deck) {
    state.deck = new lib.deck.Deck({
      parent: view,
      width: "100%",
      height: "100%",
      style: { position: "absolute", left: "0", top: "0" },
      onAfterRender: () => { node.dataset.drawn = "true"; },
      ...deckProps,
    });
  } else {
    state.deck.setProps(deckProps);
  }
}

/**
 * The deck's JSON as deck.gl's objects. Each layer's data is taken out before the converter walks the JSON (a
 * table of many rows would be walked cell by cell, and a cell's text read as an expression) and given back to the
 * layer it made; while a selection is shown, the layers' colours show it.
 * @param {{deck: any, converter: any}} lib
 * @param {Props} props
 * @param {State} state
 * @param {HTMLElement} node
 */
function convert(lib, props, state, node) {
  const { deck, converter } = lib;
  const spec = props.spec;
  const classes = converter.configuration.config.classes;
  const selecting = Boolean(state.el.id && props.selection_mode);
  const given = Array.isArray(spec.layers) ? spec.layers : [];
  const pickable = given.some((l) => l && typeof l === "object" && "pickable" in l);
  /** @type {string[]} */
  const unknown = [];
  /** @type {string[]} */
  const dropped = [];
  /** @type {any[]} */
  const data = [];
  /** @type {string[]} */
  const names = [];
  const layers = [];
  for (const [i, layer] of given.entries()) {
    if (!layer || typeof layer !== "object" || Array.isArray(layer)) continue;
    const type = layer["@@type"];
    if (typeof type !== "string" || !classes[type]) {
      unknown.push(String(type));
      continue;
    }
    const { data: rows, ...rest } = layer;
    if (Array.isArray(rest.extensions)) {
      /** @param {any} x */
      const registered = (x) => x && typeof x === "object" && Boolean(classes[x["@@type"]]);
      const known = rest.extensions.filter(registered);
      for (const x of rest.extensions) if (!known.includes(x)) dropped.push(String(x?.["@@type"]));
      rest.extensions = known;
    }
    rest.id = rest.id === undefined || rest.id === null || rest.id === "" ? `${type}-${i}` : String(rest.id);
    if (selecting && !pickable) rest.pickable = true;
    layers.push(rest);
    data.push(rows);
    names.push(layer.id === undefined || layer.id === null || layer.id === "" ? "null" : String(layer.id));
  }
  /** @type {Record<string, any>} */
  const json = { initialViewState: spec.initialViewState ?? {}, layers };
  for (const name of ["views", "parameters", "effects"]) if (spec[name] !== undefined) json[name] = spec[name];
  const converted = /** @type {Record<string, any>} */ (converter.convert(json));
  state.ids = new Map();
  state.data = new Map();
  const drawn = [];
  for (const [i, layer] of (converted.layers ?? []).entries()) {
    if (!layer) continue;
    /** @type {Record<string, any>} */
    const extra = data[i] === undefined ? {} : { data: data[i] };
    const indices = selecting ? state.selection.indices : {};
    if (Object.keys(indices).length) Object.assign(extra, highlighted(layer, indices[names[i]] ?? []));
    state.ids.set(layer.id, names[i]);
    state.data.set(layer.id, data[i]);
    drawn.push(Object.keys(extra).length ? layer.clone(extra) : layer);
  }
  const template = state.tiles.template;
  if (template) drawn.unshift(baseMap(deck, template, (loaded) => tileDone(node, template, loaded)));
  const views = converted.views;
  return {
    layers: drawn,
    views: views === undefined ? undefined : (Array.isArray(views) ? views : [views]).filter(Boolean),
    initialViewState: converted.initialViewState,
    parameters: converted.parameters,
    effects: converted.effects,
    problems: [
      unknown.length ? `Layers of a type deck.gl does not have are not drawn: ${unknown.join(", ")}.` : "",
      dropped.length ? `Layer extensions deck.gl does not have are left out: ${dropped.join(", ")}.` : "",
    ].filter(Boolean).join(" "),
  };
}

/**
 * The colour accessors of a layer while a selection is shown: its selected objects opaque, the others faint.
 * @param {any} layer
 * @param {number[]} selected
 */
function highlighted(layer, selected) {
  const chosen = new Set(selected);
  /** @type {Record<string, any>} */
  const extra = { updateTriggers: { ...(layer.props.updateTriggers ?? {}) } };
  for (const name of COLOURS) {
    const original = layer.props[name];
    if (original === undefined || original === null) continue;
    extra[name] = (/** @type {any} */ object, /** @type {any} */ info) => {
      const colour = typeof original === "function" ? original(object, info) : original;
      const [r = 0, g = 0, b = 0, a = 255] = Array.isArray(colour) || ArrayBuffer.isView(colour)
        ? Array.from(/** @type {ArrayLike<number>} */ (colour)) : [];
      return chosen.has(info.index) ? [r, g, b, 255] : [r, g, b, Math.floor(a * 0.4)];
    };
    extra.updateTriggers[name] = [...selected];
  }
  return extra;
}

/**
 * The raster tiles of the app's origin as the base map, under the layers; `done` hears of each tile that loads or
 * fails.
 * @param {any} deck
 * @param {string} template
 * @param {(loaded: boolean) => void} done
 */
function baseMap(deck, template, done) {
  return new deck.TileLayer({
    id: BASE_MAP,
    data: template,
    minZoom: 0,
    maxZoom: 19,
    tileSize: 256,
    onTileLoad: () => done(true),
    onTileError: () => done(false),
    renderSubLayers: (/** @type {any} */ sub) => {
      const [[west, south], [east, north]] = sub.tile.boundingBox;
      return new deck.BitmapLayer(sub, { data: undefined, image: sub.data, bounds: [west, south, east, north] });
    },
  });
}

/**
 * A tile of the base map `template` loaded or failed: the line under the map says so when none has loaded, and the
 * attribution shows once one has.
 * @param {HTMLElement} node
 * @param {string} template
 * @param {boolean} loaded
 */
function tileDone(node, template, loaded) {
  const state = states.get(node);
  if (!state || state.tiles.template !== template) return;
  const shown = [state.tiles.loaded, state.tiles.failed].join();
  const first = !loaded && !state.tiles.failed;
  if (loaded) state.tiles.loaded = true;
  else state.tiles.failed = true;
  if ([state.tiles.loaded, state.tiles.failed].join() !== shown) showNote(node);
  if (first && template.startsWith(SERVED_TILES)) {
    refusal(template).then((reason) => {
      if (!reason || states.get(node)?.tiles !== state.tiles) return;
      state.tiles.reason = reason;
      showNote(node);
    });
  }
}

/**
 * Why the server does not serve the tiles of `template` (the reason its refusal of the world's one tile gives), or
 * "" when it serves that one or says nothing.
 * @param {string} template
 */
async function refusal(template) {
  try {
    const response = await fetch(template.replace("{z}", "0").replace("{x}", "0").replace("{y}", "0"));
    if (response.ok) return "";
    const lines = (await response.text()).split("\n").map((line) => line.trim()).filter(Boolean);
    return (lines[1] ?? "").slice(0, 300);
  } catch {
    return "";
  }
}

/**
 * The attribution of the base map's tiles, in a corner of the map (shown once a tile loaded).
 * @param {HTMLElement} view
 * @param {string | null} text
 */
function attribution(view, text) {
  let credit = /** @type {HTMLElement | null} */ (view.querySelector(".deck-gl-chart-attribution"));
  if (!text) {
    credit?.remove();
    return;
  }
  if (!credit) {
    credit = h("div", "deck-gl-chart-attribution");
    credit.hidden = true;
    view.append(credit);
  }
  credit.textContent = text;
}

/**
 * pydeck's tooltip for the object under the pointer: its `html` or `text` with each `{field}` read from the object
 * (or its GeoJSON `properties`); in HTML the values are escaped.
 * @param {Record<string, any>} spec
 * @param {any} info
 */
function tooltip(spec, info) {
  if (!info?.object) return null;
  const object = info.object;
  /** @param {string} body @param {boolean} html */
  const fill = (body, html) => body.replace(/\{([^{}]+)\}/g, (whole, name) => {
    const own = object && typeof object === "object" && Object.hasOwn(object, name) ? object[name]
      : object?.properties && Object.hasOwn(object.properties, name) ? object.properties[name] : undefined;
    if (own === undefined) return whole;
    const text = typeof own === "object" ? JSON.stringify(own) : String(own);
    return html ? escape(text) : text;
  });
  /** @type {Record<string, any>} */
  const shown = {};
  if (typeof spec.html === "string") shown.html = fill(spec.html, true);
  else if (typeof spec.text === "string") shown.text = fill(spec.text, false);
  else return null;
  if (spec.style && typeof spec.style === "object") shown.style = spec.style;
  return shown;
}

/** @param {string} text */
function escape(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A click on the deck: the selection it makes, as Streamlit's client makes it.
 * @param {HTMLElement} node
 * @param {any} info
 */
function picked(node, info) {
  const state = states.get(node);
  if (!state?.el.id) return;
  const props = /** @type {Props} */ (state.el.props);
  const current = state.selection;
  const layer = info?.layer ? state.ids.get(info.layer.id) : undefined;
  if (!layer || layer === BASE_MAP || typeof info.index !== "number" || info.index < 0) {
    choose(node, { indices: {}, objects: {} });
    return;
  }
  const index = info.index;
  const object = plain(info.object, 0) ?? null;
  if (props.selection_mode !== "multi-object") {
    const same = current.indices[layer]?.length === 1 && current.indices[layer][0] === index;
    const one = { indices: { [layer]: [index] }, objects: { [layer]: [object] } };
    choose(node, same ? { indices: {}, objects: {} } : one);
    return;
  }
  const indices = [...(current.indices[layer] ?? [])];
  const objects = [...(current.objects[layer] ?? indices.map(() => null))];
  const at = indices.indexOf(index);
  if (at >= 0) {
    indices.splice(at, 1);
    objects.splice(at, 1);
  } else {
    indices.push(index);
    objects.push(object);
  }
  /** @type {Selection} */
  const next = { indices: { ...current.indices }, objects: { ...current.objects } };
  if (indices.length) {
    next.indices[layer] = indices;
    next.objects[layer] = objects;
  } else {
    delete next.indices[layer];
    delete next.objects[layer];
  }
  choose(node, next);
}

/**
 * Show and send a selection (unless it is the one shown).
 * @param {HTMLElement} node
 * @param {Selection} selection
 */
function choose(node, selection) {
  const state = states.get(node);
  if (!state?.el.id) return;
  if (JSON.stringify(selection) === JSON.stringify(state.selection)) return;
  const text = selectionText(selection, withoutObjects);
  state.selection = parsed(text);
  commit(node, state.el, state.ctx, text);
  update(node, state.el, state.ctx);
}

/**
 * A selection too long for one message, its objects left out (their indices say which they are); null once they are.
 * @param {Selection} selection
 * @returns {Selection | null}
 */
function withoutObjects(selection) {
  const objects = Object.fromEntries(Object.entries(selection.indices).map(([k, v]) => [k, v.map(() => null)]));
  return JSON.stringify(objects) === JSON.stringify(selection.objects) ? null : { indices: selection.indices, objects };
}

/**
 * A picked object as JSON the server takes: no functions, no cycles (nor too deep), no NaN or infinities (null).
 * @param {unknown} value
 * @param {number} depth
 * @returns {unknown}
 */
function plain(value, depth) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (depth > 8 || typeof value !== "object") return undefined;
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
 * Show why the chart is not drawn, in its place.
 * @param {HTMLElement} node
 * @param {string} text
 */
function fail(node, text) {
  const state = /** @type {State} */ (states.get(node));
  state.deck?.finalize();
  state.deck = null;
  state.view = null;
  showError(node, text);
}

/**
 * Whether a layer's data is a URL off the page's origin (which the page's policy does not let it load).
 * @param {unknown} data
 */
function elsewhere(data) {
  if (typeof data !== "string") return false;
  try {
    return new URL(data, document.baseURI).origin !== location.origin;
  } catch {
    return false;
  }
}
