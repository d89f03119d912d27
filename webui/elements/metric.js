// A metric: a label, a value in big type, a delta with an arrow in its colour, and an optional sparkline that this
// module draws as an SVG path from the numbers the server sends.
import { h, setHeight, setHelp, setHtml, setWidth, showIcon } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{label: string, body: string, delta: string | null, label_html: string, value_html: string,
 *   delta_html: string | null, delta_description: string | null,
 *   label_visibility: string, help: string | null, icon: string | null, color: string, direction: string | null,
 *   border: boolean, width: string | number, height: string | number, chart_data: (number | null)[] | null,
 *   chart_type: string}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/metric.py's DEFAULTS). */
export const defaults = {"delta": null, "delta_description": null, "label_visibility": "visible", "help": null,
  "icon": null,
  "border": false, "width": "stretch", "height": "content", "chart_data": null, "chart_type": "line"};

const SVG = "http://www.w3.org/2000/svg";
/** The sparkline's drawing box; the SVG stretches it to the metric's width. */
const W = 100;
const H = 32;

/**
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 */
function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "metric");
  const label = h("div", "metric-label");
  label.append(h("span", "metric-icon"), h("span", "metric-label-text"));
  const value = h("div", "metric-value");
  const deltaRow = h("div", "metric-delta-row");
  const delta = h("span", "metric-delta");
  const arrow = svg("svg", { class: "metric-arrow", viewBox: "0 0 16 16", role: "img" });
  arrow.append(svg("path", { d: "M8 2.5 13.5 9H10v4.5H6V9H2.5Z", fill: "currentColor" }));
  delta.append(arrow, h("span", "metric-delta-text"));
  deltaRow.append(delta, h("span", "metric-delta-description"));
  const chart = svg("svg", { class: "metric-chart", viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  node.append(label, value, deltaRow, chart);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  const [label, value, deltaRow, chart] = /** @type {HTMLElement[]} */ ([...node.children]);
  node.dataset.color = props.color;
  node.classList.toggle("metric-border", !!props.border);
  setWidth(node, props.width);
  setHeight(node, props.height);

  const [icon, text] = /** @type {HTMLElement[]} */ ([...label.children]);
  showIcon(icon, props.icon);
  setHtml(text, props.label_html);
  label.dataset.visibility = props.label_visibility ?? "visible";
  setHelp(label, props.help);

  setHtml(value, props.value_html);

  const [delta, description] = /** @type {HTMLElement[]} */ ([...deltaRow.children]);
  deltaRow.hidden = props.delta_html === null && !props.delta_description;
  delta.hidden = props.delta_html === null;
  delta.dataset.direction = props.direction ?? "none";
  const arrow = /** @type {SVGElement} */ (delta.firstElementChild);
  arrow.style.display = props.direction ? "" : "none";
  arrow.setAttribute("aria-label", props.direction === "down" ? "down" : "up");
  setHtml(/** @type {HTMLElement} */ (delta.lastElementChild), props.delta_html);
  description.textContent = props.delta_description ?? "";
  description.hidden = !props.delta_description;

  drawChart(/** @type {SVGSVGElement} */ (/** @type {unknown} */ (chart)), props.chart_data, props.chart_type);
}

/**
 * Draw `data` as a line, an area or bars; gaps (null) break the line. Redrawn only when the data or type changed.
 * @param {SVGSVGElement} chart
 * @param {(number | null)[] | null} data
 * @param {string} type
 */
function drawChart(chart, data, type) {
  const key = JSON.stringify([data, type]);
  if (chart.dataset.key === key) return;
  chart.dataset.key = key;
  chart.replaceChildren();
  const values = (data ?? []).filter((v) => typeof v === "number");
  chart.style.display = values.length ? "" : "none";
  if (!data || !values.length) {
    chart.removeAttribute("role");
    chart.removeAttribute("aria-label");
    return;
  }
  chart.dataset.type = type;
  chart.setAttribute("role", "img");
  chart.setAttribute("aria-label", `Trend of ${data.length} values, from ${values[0]} to ${values[values.length - 1]}`);
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (type === "bar") {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  const span = hi - lo;
  const pad = 1.5;
  /** @param {number} v */
  const y = (v) => (span === 0 ? H / 2 : H - pad - ((v - lo) / span) * (H - 2 * pad));
  const n = data.length;

  if (type === "bar") {
    const slot = W / n;
    const base = y(0);
    data.forEach((v, i) => {
      if (typeof v !== "number") return;
      const top = Math.min(y(v), base);
      const height = Math.max(Math.abs(y(v) - base), 0.5);
      chart.append(svg("rect", {
        class: "metric-bar", x: fixed(i * slot + slot * 0.15), y: fixed(top), width: fixed(slot * 0.7),
        height: fixed(height),
      }));
    });
    return;
  }

  /** @param {number} i */
  const x = (i) => (n === 1 ? W / 2 : (i * W) / (n - 1));
  /** @type {[number, number][][]} runs of points without gaps */
  const runs = [];
  let run = /** @type {[number, number][]} */ ([]);
  data.forEach((v, i) => {
    if (typeof v === "number") run.push([x(i), y(v)]);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  });
  if (run.length) runs.push(run);
  const line = runs.map((pts) => {
    const points = pts.length === 1 ? [[pts[0][0] - 0.5, pts[0][1]], [pts[0][0] + 0.5, pts[0][1]]] : pts;
    return points.map(([px, py], i) => `${i ? "L" : "M"}${fixed(px)} ${fixed(py)}`).join("");
  });
  if (type === "area") {
    const fill = runs.map((pts) => {
      const first = pts[0][0];
      const last = pts[pts.length - 1][0];
      const top = pts.map(([px, py], i) => `${i ? "L" : "M"}${fixed(px)} ${fixed(py)}`).join("");
      return `${top}L${fixed(last)} ${H}L${fixed(first)} ${H}Z`;
    });
    chart.append(svg("path", { class: "metric-area", d: fill.join("") }));
  }
  chart.append(svg("path", { class: "metric-line", d: line.join(""), "vector-effect": "non-scaling-stroke" }));
}

/** @param {number} n */
function fixed(n) {
  return String(Math.round(n * 100) / 100);
}
