// An Apache ECharts chart: the option the server sends, drawn by ECharts (webui/vendor/echarts), which this module
// imports the first time a page shows such a chart: no network. With the theme "streamlit" it is drawn in the page's
// colours and font (an ECharts theme made from the page's CSS variables), again when the colour scheme changes; with
// none, in ECharts' own. As in Streamlit: a tooltip's `valueFormatter` may be a number format ("dollar", "%.2f"...),
// a tooltip `formatter` template may name dimensions (`{@name}`, `{@[2]}`), `aria` is on unless the option sets it,
// `alt` is the chart's `aria.label.description`, a chart that is no widget shows the default cursor, and large series
// are drawn in ECharts' large mode.
//
// With an id the chart is a widget: what a person selects (items of a series with `selectedMode`, regions brushed)
// is sent as Streamlit's client sends it, JSON text of {selection: {selected: [{series_index, series_id,
// series_name, data_type, data_indices}], areas: [{brush_index, brush_type, coord_range}]}}; a double click clears
// it. The selection is drawn again when the chart is (its option changed, or the page was reloaded: its items and its
// brushed regions, placed by their coordinates). With the theme "streamlit", as in Streamlit, tooltip numbers are
// shortened (4 decimals, 6 significant digits below 1) and a time axis's pointer label is a date, or a date and time.
import { formatNumber } from "porch/cells.js";
import {
  colourProbe, followScheme, forgetScheme, frame, message, parts, selectionText, setName, showDrawn, showError, vendor,
} from "porch/chart.js";
import { colorScheme, commit, setHeight, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string | null> & {
 *   spec: Record<string, any>,
 *   theme: string | null,
 *   renderer: string,
 *   width: string | number,
 *   height: string | number,
 * }} Props
 */
/** A group of selected items, as ECharts reports them. @typedef {{seriesIndex: number, dataType: string,
 * dataIndex: number[]}} Group */
/**
 * One chart's state: `drawn` the props it was last drawn with, `token` the latest draw (an older one that finishes
 * later is dropped), `chart` the ECharts instance and the theme and renderer it was made with, `points` the items
 * selected by clicks, `batch` the brushes' last report, `quiet` while this module itself selects (no sending),
 * `ended` once a brush stroke ended, `timer` the send waiting for a stroke to settle.
 * @typedef {{el: Elem, ctx: Ctx, drawn: string | null, token: number, chart: any, made: string,
 *   points: Group[], batch: any[], quiet: boolean, ended: boolean, timer: number}} State
 */

/** The module that hands over ECharts (a variable: the type checker does not follow it into the build). */
const ECHARTS = "porch/vendor/echarts/index.js";
/** Series types and the item counts from which ECharts' large mode draws them (as Streamlit sets it). */
const LARGE = { bar: 2000, scatter: 20000 };
/** A line on a value or time axis draws no symbols from this many points (they would merge into a band). */
const DENSE_LINE = 2000;
/** The order of data types in a selection. */
const DATA_TYPES = ["main", "node", "edge"];
/** Streamlit's named number formats for a tooltip's `valueFormatter`. */
const NAMED_FORMATS = ["plain", "localized", "dollar", "euro", "yen", "percent", "compact", "scientific",
  "engineering", "accounting", "bytes"];

/** How the theme "streamlit" writes a number in a tooltip (Streamlit's client): at most 4 decimals from 1 up, 4 exactly
 * when there are more, 6 significant digits below 1, scientific below 0.0001. */
const NUMBERS = {
  scientific: new Intl.NumberFormat("en-US", { notation: "scientific", maximumSignificantDigits: 6 }),
  significant: new Intl.NumberFormat("en-US", { maximumSignificantDigits: 6, useGrouping: true }),
  upTo4: new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: 4, useGrouping: true }),
  exactly4: new Intl.NumberFormat("en-US", { minimumFractionDigits: 4, maximumFractionDigits: 4, useGrouping: true }),
};
/** A datetime as a frame's column is written into `dataset.source` (ISO, milliseconds, Z when it was aware). */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z?$/;
/** How the theme "streamlit" writes a time: a date at midnight, else a date and time to the second. */
const DAY = "{yyyy}-{MM}-{dd}";
const SECOND = `${DAY} {HH}:{mm}:{ss}`;

/** ECharts. */
const echarts = vendor(ECHARTS, (mod) => mod);

/** @type {WeakMap<HTMLElement, State>} */
const states = new WeakMap();
/** Brushed regions by widget id, drawn again when the chart is drawn anew (ECharts' own form of them). */
/** @type {Map<string, any[]>} */
const brushes = new Map();

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
  const node = frame("echarts-chart");
  states.set(node, {
    el, ctx, drawn: null, token: 0, chart: null, made: "", points: [], batch: [], quiet: false, ended: false,
    timer: 0,
  });
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
  setHeight(node, props.height);
  setName(node, props.label);
  followScheme(node, () => rethemed(node));
  const key = JSON.stringify([props.spec, props.theme, props.renderer, props.label, el.id ?? null]);
  if (key !== state.drawn) {
    state.drawn = key;
    draw(node);
  }
  if (el.id) sync(node, el, (value) => restore(node, value));
}

/**
 * The chart's size changed: ECharts draws again at the new size; a chart taken off the page is let go.
 * @param {HTMLElement} node
 */
function resized(node) {
  const state = states.get(node);
  if (!state) return;
  if (!node.isConnected) {
    state.token++;
    if (state.chart && !state.chart.isDisposed()) state.chart.dispose();
    state.chart = null;
    forgetScheme(node);
    return;
  }
  if (state.chart && !state.chart.isDisposed()) state.chart.resize();
  else if (state.drawn !== null && !state.chart) draw(node);
}

/**
 * Draw the chart anew: its option themed, made accessible and set up for selections.
 * @param {HTMLElement} node
 */
async function draw(node) {
  const state = /** @type {State} */ (states.get(node));
  const token = ++state.token;
  const props = /** @type {Props} */ (state.el.props);
  let lib;
  try {
    lib = await echarts();
  } catch (err) {
    if (token === state.token) fail(node, `The chart library could not be loaded: ${message(err)}`);
    return;
  }
  if (token !== state.token || !node.isConnected) return;
  const view = parts(node).view;
  view.hidden = false; // hidden by an earlier error: measured again
  if (view.clientWidth === 0 || view.clientHeight === 0) {
    // In a closed expander or another tab: drawn when it has a size (resized()).
    if (state.chart && !state.chart.isDisposed()) state.chart.dispose();
    state.chart = null;
    return;
  }
  const theme = props.theme === "streamlit" ? pageTheme(lib, node) : null;
  const made = JSON.stringify([theme, props.renderer]);
  const selecting = Boolean(state.el.id);
  try {
    if (state.chart && (state.made !== made || state.chart.isDisposed())) {
      if (!state.chart.isDisposed()) state.chart.dispose();
      state.chart = null;
    }
    if (!state.chart) {
      state.chart = lib.init(view, theme, { renderer: props.renderer === "svg" ? "svg" : "canvas" });
      state.made = made;
      listen(node, state.chart);
    }
    state.chart.setOption(optionOf(props, selecting, lib), { notMerge: true });
  } catch (err) {
    fail(node, `ECharts could not draw this chart: ${message(err)}`);
    return;
  }
  showDrawn(node);
  if (selecting) restore(node, props.value, true);
}

/**
 * Show why the chart is not drawn, in its place.
 * @param {HTMLElement} node
 * @param {string} text
 */
function fail(node, text) {
  const state = /** @type {State} */ (states.get(node));
  if (state.chart && !state.chart.isDisposed()) state.chart.dispose();
  state.chart = null;
  showError(node, text);
}

// -- the option ---------------------------------------------------------------------------------------------------

/**
 * The option ECharts draws: a copy of the spec with Streamlit's additions (accessibility, the cursor of a chart that
 * is no widget, tooltip formats, large mode).
 * @param {Props} props
 * @param {boolean} selecting
 * @param {any} lib
 * @returns {Record<string, any>}
 */
function optionOf(props, selecting, lib) {
  /** @type {Record<string, any>} */
  const option = JSON.parse(JSON.stringify(props.spec));
  const base = isObject(option.baseOption) ? option.baseOption : option;
  if (props.label) {
    const aria = isObject(base.aria) ? base.aria : {};
    const label = isObject(aria.label) ? aria.label : {};
    base.aria = { ...aria, enabled: true, label: { ...label, description: props.label } };
  } else if (base.aria === undefined) {
    base.aria = { enabled: true };
  }
  const variants = [option, ...(option === base ? [] : [base]), ...list(option.options), ...list(base.options)];
  for (const variant of [...variants]) variants.push(...list(variant.media).map((m) => m?.option).filter(isObject));
  for (const variant of variants) {
    if (!isObject(variant)) continue;
    variant.tooltip = tooltips(variant.tooltip, lib);
    for (const series of list(variant.series)) {
      if (!isObject(series)) continue;
      series.tooltip = tooltips(series.tooltip, lib);
      if (!selecting && series.cursor === undefined) series.cursor = "default";
    }
  }
  if (!selecting && !hasSelection(variants)) large(variants);
  if (props.theme === "streamlit") timePointers(option, lib);
  return option;
}

/**
 * With the theme "streamlit", a time axis's pointer label (and so an axis tooltip's header) is written as Streamlit
 * writes it (a date at midnight, else a date and time to the second), unless the option formats a pointer label
 * anywhere (an axis, `tooltip`, `grid.tooltip`, the top-level `axisPointer`, a timeline tick or a media query).
 * @param {Record<string, any>} option
 * @param {any} lib
 */
function timePointers(option, lib) {
  const timeline = isObject(option.baseOption);
  const base = timeline ? option.baseOption : option;
  const media = timeline ? [option.media, base.media] : [option.media];
  const variants = [base, ...objects(option.options), ...media.flatMap((m) => objects(m).map((q) => q.option))];
  const pointers = variants.filter(isObject).flatMap((v) => [
    ...objects(v.tooltip).map((t) => t.axisPointer),
    ...objects(v.grid).map((g) => (isObject(g.tooltip) ? g.tooltip.axisPointer : undefined)),
    ...objects(v.axisPointer),
  ]);
  if (pointers.some(labelled)) return;
  const utc = base.useUTC === true;
  const formatter = (/** @type {any} */ params) => timeText(params?.value, utc, lib);
  for (const key of ["xAxis", "yAxis"]) {
    for (const axis of objects(base[key])) {
      const pointer = isObject(axis.axisPointer) ? axis.axisPointer : {};
      if (axis.type !== "time" || labelled(pointer)) continue;
      axis.axisPointer = { ...pointer, label: { ...(isObject(pointer.label) ? pointer.label : {}), formatter } };
    }
  }
}

/**
 * Whether an axis pointer's label has its own formatter.
 * @param {any} pointer
 */
function labelled(pointer) {
  return isObject(pointer) && isObject(pointer.label) && pointer.label.formatter != null;
}

/**
 * A time as Streamlit's theme writes it: a date at midnight, else a date and time to the second.
 * @param {any} value  a timestamp, a Date or ISO text
 * @param {boolean} utc
 * @param {any} lib
 */
function timeText(value, utc, lib) {
  const date = lib.time.parse(value);
  const midnight = lib.time.format(date, "{HH}{mm}{ss}{SSS}", utc) === "000000000";
  return lib.time.format(date, midnight ? DAY : SECOND, utc);
}

/**
 * A tooltip's value as the theme "streamlit" writes it (Streamlit's client): numbers shortened, a frame's datetimes
 * as `timeText` writes them (local time), "-" for what is missing.
 * @param {any} value
 * @param {any} lib
 * @returns {string}
 */
function tooltipValue(value, lib) {
  if (typeof value === "number") return Number.isFinite(value) ? shortNumber(value) : "-";
  if (typeof value === "string") {
    if (ISO_DATETIME.test(value)) return timeText(value, false, lib);
    return value.trim() === "" ? "-" : value;
  }
  return typeof value === "boolean" ? String(value) : "-";
}

/**
 * A number as the theme "streamlit" writes it in a tooltip.
 * @param {number} value
 */
function shortNumber(value) {
  if (Object.is(value, -0)) return "0";
  const size = Math.abs(value);
  if (size !== 0 && size < 1e-4) return NUMBERS.scientific.format(value);
  if (size < 1) return NUMBERS.significant.format(value);
  return (Number(value.toFixed(4)) === value ? NUMBERS.upTo4 : NUMBERS.exactly4).format(value);
}

/**
 * The objects of a value that is one object or a list of them.
 * @param {any} value
 * @returns {Record<string, any>[]}
 */
function objects(value) {
  return isObject(value) ? [value] : Array.isArray(value) ? value.filter(isObject) : [];
}

/**
 * A tooltip (or a list of them) with Streamlit's formats made functions: a `valueFormatter` that is a number format,
 * a `formatter` template that names dimensions. Any other `valueFormatter` text is dropped (ECharts takes a function).
 * @param {any} tooltip
 * @param {any} lib
 * @returns {any}
 */
function tooltips(tooltip, lib) {
  if (Array.isArray(tooltip)) return tooltip.map((t) => tooltips(t, lib));
  if (!isObject(tooltip)) return tooltip;
  const out = { ...tooltip };
  if (typeof out.valueFormatter === "string") {
    const fmt = out.valueFormatter;
    const valid = NAMED_FORMATS.includes(fmt) || /%[^%]/.test(fmt.replaceAll("%%", ""));
    if (valid) {
      /** @param {any} v */
      const one = (v) => (typeof v === "number" && Number.isFinite(v) ? numberText(v, fmt)
        : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? numberText(Number(v), fmt)
        : tooltipValue(v, lib));
      out.valueFormatter = (/** @type {any} */ v) => (Array.isArray(v) ? v.map(one) : one(v));
    } else {
      delete out.valueFormatter;
    }
  } else if (out.valueFormatter !== undefined && typeof out.valueFormatter !== "function") {
    delete out.valueFormatter;
  }
  if (typeof out.formatter === "string" && out.formatter.includes("{@")) {
    const template = out.formatter;
    out.formatter = (/** @type {any} */ params) => {
      const items = Array.isArray(params) ? params : [params];
      const first = items[0] ?? {};
      const text = lib.format.formatTpl(template, items, true);
      return text.replaceAll(/\{@(.+?)\}/g, (/** @type {string} */ _, /** @type {string} */ name) => {
        const value = dimension(first, name);
        return ["string", "number", "boolean"].includes(typeof value) ? lib.format.encodeHTML(String(value)) : "";
      });
    };
  }
  return out;
}

/**
 * A number in one of Streamlit's number formats: a named one ("dollar", "compact", "bytes"...) or printf-style, where
 * "%,d" groups thousands.
 * @param {number} value
 * @param {string} fmt
 */
function numberText(value, fmt) {
  const dtype = Number.isInteger(value) ? "int" : "float";
  if (fmt === "bytes" && Number.isFinite(value)) {
    const units = ["B", "KB", "MB", "GB", "TB", "PB"];
    let size = Math.abs(value);
    let unit = 0;
    for (; size >= 1000 && unit < units.length - 1; unit++) size /= 1000;
    const shown = size >= 10 || (unit === 0 && Number.isInteger(size)) ? size.toFixed(0) : String(+size.toFixed(1));
    return `${value < 0 ? "-" : ""}${shown}${units[unit]}`;
  }
  if (NAMED_FORMATS.includes(fmt)) return formatNumber(value, fmt, dtype);
  return fmt.replaceAll(/%%|%([-+ 0]*)(,?)([-+ 0]*)(\d+)?(\.\d+)?([diufeEgs])/g,
    (/** @type {string} */ part, flags, comma, more, width, precision, conversion) => {
      if (part === "%%") return "%";
      const text = formatNumber(value, `%${flags}${more}${width ?? ""}${precision ?? ""}${conversion}`, dtype);
      return comma ? text.replace(/\d+/, (digits) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")) : text;
    });
}

/**
 * A dimension of a tooltip's item: `[2]` by position, else by name.
 * @param {any} item
 * @param {string} name
 */
function dimension(item, name) {
  const names = Array.isArray(item.dimensionNames) ? item.dimensionNames : [];
  const position = name.startsWith("[") && name.endsWith("]") ? Number(name.slice(1, -1))
    : !names.includes(name) && Number.isFinite(Number(name)) ? Number(name) : undefined;
  const value = item.value;
  if (Array.isArray(value)) return value[position ?? names.indexOf(name)];
  if (isObject(value)) return value[position === undefined ? name : names[position]];
  return value;
}

/**
 * Whether the option lets a person select (a series' `selectedMode`, a brush).
 * @param {any[]} variants
 */
function hasSelection(variants) {
  return variants.some((v) => isObject(v) && (v.brush !== undefined || list(v.series).some((s) => s?.selectedMode)));
}

/**
 * ECharts' large mode for series of many items, as Streamlit sets it where the option does not: bars past 2,000,
 * points past 20,000; lines past 2,000 points on a value or time axis lose their symbols.
 * @param {any[]} variants
 */
function large(variants) {
  for (const variant of variants) {
    if (!isObject(variant) || variant.visualMap !== undefined) continue;
    const datasets = list(variant.dataset);
    for (const series of list(variant.series)) {
      if (!isObject(series)) continue;
      const data = Array.isArray(series.data) ? series.data
        : list(datasets[typeof series.datasetIndex === "number" ? series.datasetIndex : 0]?.source);
      if (!Array.isArray(data) || data.some((d) => isObject(d))) continue;
      const limit = /** @type {Record<string, number>} */ (LARGE)[series.type];
      if (limit && data.length > limit && series.large === undefined && series.colorBy !== "data") series.large = true;
      if (series.type === "line" && data.length > DENSE_LINE && series.showSymbol === undefined) {
        const axis = list(variant.xAxis)[series.xAxisIndex ?? 0];
        if (axis && (axis.type === "value" || axis.type === "time")) series.showSymbol = false;
      }
    }
  }
}

/**
 * A value that may be one thing or a list, as a list.
 * @param {any} value
 * @returns {any[]}
 */
function list(value) {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, any>}
 */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// -- the page's theme ---------------------------------------------------------------------------------------------

/** Themes registered with ECharts, by their JSON. @type {Map<string, string>} */
const themes = new Map();

/**
 * The name of an ECharts theme of the page's look (registered once per look): its palette, font and text colours,
 * quiet axes and grid lines, tooltips in the page's colours, a transparent background.
 * @param {any} lib
 * @param {HTMLElement} node
 */
function pageTheme(lib, node) {
  const style = getComputedStyle(node);
  const dark = colorScheme() === "dark";
  const probe = colourProbe(node);
  /** @param {string} name @param {string} fallback */
  const token = (name, fallback) => probe.colour(`var(${name}, ${fallback})`, fallback);
  const fg = token("--fg", dark ? "#e6e9ee" : "#1c2024");
  const muted = token("--muted", dark ? "#98a1ad" : "#646b75");
  const border = token("--border", muted);
  const strong = token("--border-strong", muted);
  const elevated = token("--bg-elevated", dark ? "#1c212b" : "#ffffff");
  const accent = token("--accent", "#4f46e5");
  /** @param {string} name */
  const palette = (name) => style.getPropertyValue(name).split(",").map((c) => c.trim()).filter(Boolean)
    .map((c) => probe.colour(c, accent));
  const category = palette("--chart-category");
  const ramp = palette("--chart-ramp");
  probe.done();
  const font = style.getPropertyValue("--font").trim() || "sans-serif";
  const axis = (/** @type {boolean} */ grid) => ({
    axisLine: { lineStyle: { color: strong } },
    axisTick: { lineStyle: { color: strong } },
    axisLabel: { color: muted, ...(grid ? { hideOverlap: true } : {}) },
    splitLine: { lineStyle: { color: border } },
    splitArea: { areaStyle: { color: ["transparent"] } },
    nameTextStyle: { color: muted },
  });
  const theme = {
    color: category.length ? category : [accent],
    backgroundColor: "transparent",
    textStyle: { fontFamily: font, color: fg },
    title: { textStyle: { color: fg, fontWeight: 600, fontSize: 16 }, subtextStyle: { color: muted } },
    legend: { textStyle: { color: muted }, pageTextStyle: { color: muted }, inactiveColor: strong },
    tooltip: {
      backgroundColor: elevated, borderColor: border, textStyle: { color: fg, fontFamily: font },
      valueFormatter: (/** @type {any} */ v) => (Array.isArray(v) ? v.map((x) => tooltipValue(x, lib))
        : tooltipValue(v, lib)),
      axisPointer: { lineStyle: { color: muted }, crossStyle: { color: muted } },
    },
    axisPointer: { lineStyle: { color: muted }, label: { backgroundColor: muted, color: elevated } },
    categoryAxis: { ...axis(false), splitLine: { show: false, lineStyle: { color: border } } },
    valueAxis: axis(true),
    logAxis: axis(true),
    timeAxis: axis(true),
    radar: { axisName: { color: muted }, axisLine: { lineStyle: { color: border } },
      splitLine: { lineStyle: { color: border } }, splitArea: { show: false } },
    gauge: { axisLabel: { color: muted }, title: { color: muted }, detail: { color: fg } },
    visualMap: { color: ramp.length ? [...ramp].reverse() : [accent], textStyle: { color: muted } },
    dataZoom: { textStyle: { color: muted }, borderColor: border },
    timeline: { lineStyle: { color: strong }, label: { color: muted }, itemStyle: { color: accent },
      controlStyle: { color: muted, borderColor: muted } },
    toolbox: { iconStyle: { borderColor: muted }, emphasis: { iconStyle: { borderColor: fg } } },
    markPoint: { label: { color: elevated } },
  };
  const text = JSON.stringify(theme);
  let name = themes.get(text);
  if (!name) {
    name = `porch-${themes.size + 1}`;
    lib.registerTheme(name, theme);
    themes.set(text, name);
  }
  return name;
}

// -- selections ---------------------------------------------------------------------------------------------------

/**
 * Send what a person selects: clicks on items, brush strokes once they end, a double click that clears all.
 * @param {HTMLElement} node
 * @param {any} chart
 */
function listen(node, chart) {
  const state = /** @type {State} */ (states.get(node));
  chart.on("selectchanged", (/** @type {any} */ event) => {
    if (state.quiet || !state.el.id) return;
    state.points = groups(event?.selected);
    schedule(node, 0);
  });
  chart.on("brushSelected", (/** @type {any} */ event) => {
    state.batch = Array.isArray(event?.batch) ? event.batch : [];
    if (state.quiet || !state.el.id) return;
    const cleared = state.batch.every((b) => list(b?.areas).length === 0);
    if (state.ended || cleared) schedule(node, 150);
  });
  chart.on("brushEnd", () => {
    if (state.quiet || !state.el.id) return;
    state.ended = true;
    schedule(node, 150);
  });
  const zr = chart.getZr();
  zr.on("mousedown", () => {
    state.ended = false;
  });
  zr.on("dblclick", () => {
    if (!state.el.id) return;
    clear(node, chart);
  });
}

/**
 * Send the selection once what a person does settles (`delay` ms after the last event).
 * @param {HTMLElement} node
 * @param {number} delay
 */
function schedule(node, delay) {
  const state = /** @type {State} */ (states.get(node));
  clearTimeout(state.timer);
  state.timer = window.setTimeout(() => send(node), delay);
}

/**
 * Clear every selection (the items clicked and the brushes) and send the empty selection.
 * @param {HTMLElement} node
 * @param {any} chart
 */
function clear(node, chart) {
  const state = /** @type {State} */ (states.get(node));
  quietly(state, () => {
    chart.dispatchAction({ type: "brush", areas: [] });
    for (const group of state.points) unselect(chart, group);
  });
  state.points = [];
  state.batch = [];
  if (state.el.id) brushes.delete(state.el.id);
  send(node);
}

/**
 * @param {any} chart
 * @param {Group} group
 */
function unselect(chart, group) {
  chart.dispatchAction({
    type: "unselect", seriesIndex: group.seriesIndex, dataIndex: group.dataIndex,
    ...(group.dataType === "main" ? {} : { dataType: group.dataType }),
  });
}

/**
 * Run `action` (which selects or brushes) without sending what it reports.
 * @param {State} state
 * @param {() => void} action
 */
function quietly(state, action) {
  state.quiet = true;
  try {
    action();
  } catch {
    // a selection that no longer fits the chart (its option changed): not drawn
  } finally {
    state.quiet = false;
  }
}

/**
 * ECharts' list of selected items as groups, empty ones left out.
 * @param {any} selected
 * @returns {Group[]}
 */
function groups(selected) {
  return list(selected)
    .filter((g) => typeof g?.seriesIndex === "number")
    .map((g) => ({
      seriesIndex: g.seriesIndex,
      dataType: typeof g.dataType === "string" ? g.dataType : "main",
      dataIndex: list(g.dataIndex).filter((i) => typeof i === "number"),
    }))
    .filter((g) => g.dataIndex.length > 0);
}

/**
 * Send the selection: the items clicked and those brushed, grouped by series and data type, and the brushed regions
 * that have coordinates in the axes' values.
 * @param {HTMLElement} node
 */
function send(node) {
  const state = /** @type {State} */ (states.get(node));
  const el = state.el;
  if (!el.id || !state.chart || state.chart.isDisposed()) return;
  brushes.set(el.id, state.batch.map((b) => ({ brushIndex: b.brushIndex, areas: list(b.areas) })));
  /** @type {Map<string, {seriesIndex: number, dataType: string, indices: Set<number>}>} */
  const merged = new Map();
  const brushed = state.batch.flatMap((b) => list(b?.selected).map((s) => ({ ...s, dataType: "main" })));
  for (const group of [...state.points, ...groups(brushed)]) {
    const key = `${group.seriesIndex}/${group.dataType}`;
    const found = merged.get(key) ?? { seriesIndex: group.seriesIndex, dataType: group.dataType, indices: new Set() };
    for (const i of group.dataIndex) found.indices.add(i);
    merged.set(key, found);
  }
  const series = seriesOf(/** @type {Props} */ (el.props).spec, state.chart);
  const selected = [...merged.values()]
    .filter((g) => g.indices.size > 0)
    .sort((a, b) => a.seriesIndex - b.seriesIndex || rank(a.dataType) - rank(b.dataType))
    .map((g) => ({
      series_index: g.seriesIndex,
      series_id: nameOf(series[g.seriesIndex]?.id),
      series_name: nameOf(series[g.seriesIndex]?.name),
      data_type: DATA_TYPES.includes(g.dataType) ? g.dataType : "main",
      data_indices: [...g.indices].sort((a, b) => a - b),
    }));
  const areas = [...state.batch]
    .sort((a, b) => (a?.brushIndex ?? 0) - (b?.brushIndex ?? 0))
    .flatMap((b) => list(b?.areas)
      .filter((a) => typeof a?.brushType === "string" && Array.isArray(a.coordRange))
      .map((a) => ({
        brush_index: b.brushIndex ?? 0,
        brush_type: a.brushType,
        coord_range: a.brushType === "polygon" ? closed(a.coordRange) : a.coordRange,
      })));
  if (el.props.value == null && !selected.length && !areas.length) return; // nothing was, nothing is selected
  commit(node, el, state.ctx, selectionText({ selected, areas }, fewer));
}

/**
 * A selection too long for one message: each group keeps its first items (null: no group has any left).
 * @param {{selected: {data_indices: number[]}[], areas: any[]}} selection
 */
function fewer(selection) {
  if (!selection.selected.some((g) => g.data_indices.length)) return null;
  const selected = selection.selected.map((g) => ({
    ...g, data_indices: g.data_indices.slice(0, Math.floor(g.data_indices.length * 0.8)),
  }));
  return { ...selection, selected };
}

/** @param {string} dataType */
function rank(dataType) {
  const found = DATA_TYPES.indexOf(dataType);
  return found < 0 ? DATA_TYPES.length : found;
}

/**
 * A polygon's corners without the last when it repeats the one before (ECharts closes a polygon so).
 * @param {any[]} corners
 */
function closed(corners) {
  const [last, before] = [corners.at(-1), corners.at(-2)];
  return corners.length > 2 && JSON.stringify(last) === JSON.stringify(before) ? corners.slice(0, -1) : corners;
}

/**
 * The series as the option names them (the script's own option, unless its series live in a timeline or media
 * queries: then ECharts' merged option).
 * @param {Record<string, any>} spec
 * @param {any} chart
 * @returns {any[]}
 */
function seriesOf(spec, chart) {
  const own = list(spec.series);
  const varies = list(spec.media).some((m) => m?.option?.series) || list(spec.options).some((o) => o?.series)
    || isObject(spec.baseOption);
  if (own.length && !varies) return own;
  try {
    return list(chart.getOption()?.series);
  } catch {
    return own;
  }
}

/**
 * A series' id or name as Streamlit reports it: text or a number it was given, else null (ECharts' own generated
 * names hold a NUL character).
 * @param {unknown} value
 */
function nameOf(value) {
  if (typeof value === "number") return value;
  return typeof value === "string" && value.length > 0 && !value.includes("\0") ? value : null;
}

/**
 * The brushed regions of a selection as ECharts' `brush` action takes them: each in its brush's coordinate system
 * (the first grid or axis the option's `brush` links to), its range in the axes' values.
 * @param {Record<string, any>} spec
 * @param {any[]} areas  the selection's `areas`
 * @returns {{brushIndex: number, areas: any[]}[]}
 */
function brushedAreas(spec, areas) {
  const options = objects((isObject(spec.baseOption) ? spec.baseOption : spec).brush);
  /** @type {Map<number, any[]>} */
  const byBrush = new Map();
  for (const area of areas) {
    const index = area?.brush_index;
    if (typeof index !== "number" || !Array.isArray(area.coord_range)) continue;
    const linked = options[index] ?? options[0] ?? {};
    const target = ["gridIndex", "xAxisIndex", "yAxisIndex"].find((k) => linked[k] != null && linked[k] !== "none");
    if (!target) continue; // a brush over the whole chart: no coordinates to place it by
    const at = linked[target];
    const place = typeof at === "number" ? at : Array.isArray(at) && typeof at[0] === "number" ? at[0] : 0;
    byBrush.set(index, [...(byBrush.get(index) ?? []),
      { brushType: area.brush_type, coordRange: area.coord_range, [target]: place }]);
  }
  return [...byBrush].map(([brushIndex, drawn]) => ({ brushIndex, areas: drawn }));
}

/**
 * Draw a selection the chart did not make itself: the server's value (after a reload, or when the chart was drawn
 * anew): its items are selected again, and its brushed regions are brushed again (as this page drew them, or from
 * their coordinates when the page was reloaded).
 * @param {HTMLElement} node
 * @param {string | null | undefined} value
 * @param {boolean} [drawn]  the chart was just drawn (nothing of the old selection is on it)
 */
function restore(node, value, drawn = false) {
  const state = /** @type {State} */ (states.get(node));
  const chart = state.chart;
  if (!chart || chart.isDisposed() || !state.el.id) return;
  /** @type {any} */
  let parsed = null;
  try {
    parsed = value ? JSON.parse(value) : null;
  } catch {
    parsed = null;
  }
  const spec = /** @type {Props} */ (state.el.props).spec;
  const series = list(isObject(spec.baseOption) ? spec.baseOption.series : spec.series);
  const wanted = list(parsed?.selection?.selected)
    .filter((g) => typeof g?.series_index === "number" && series[g.series_index]?.selectedMode)
    .map((g) => ({ seriesIndex: g.series_index, dataType: g.data_type ?? "main", dataIndex: list(g.data_indices) }));
  if (!drawn && JSON.stringify(wanted) === JSON.stringify(state.points)) return;
  quietly(state, () => {
    if (!drawn) for (const group of state.points) unselect(chart, group);
    for (const group of wanted) {
      chart.dispatchAction({
        type: "select", seriesIndex: group.seriesIndex, dataIndex: group.dataIndex,
        ...(group.dataType === "main" ? {} : { dataType: group.dataType }),
      });
    }
  });
  state.points = wanted;
  const areas = brushes.get(state.el.id) ?? brushedAreas(spec, list(parsed?.selection?.areas));
  if (drawn && areas.length && list(parsed?.selection?.areas).length) {
    quietly(state, () => {
      for (const brush of areas) {
        chart.dispatchAction({ type: "brush", brushIndex: brush.brushIndex, areas: brush.areas });
      }
    });
  }
  if (!parsed?.selection?.areas?.length) state.batch = [];
}
