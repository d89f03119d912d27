// A Mermaid diagram: the text the server sends, drawn as SVG by Mermaid (webui/vendor/mermaid), which this module
// imports the first time a page shows a diagram: no network. Drawn in the page's colours and font (Mermaid's "base"
// theme given the page's tokens), light or dark as the page is, and again when the colour scheme changes. Mermaid runs
// at its "strict" security level (labels are plain text, no click handlers) with SVG labels, and a diagram cannot
// change those settings from its text. The SVG is parsed and inserted as an element (no scripts, no event
// attributes). A diagram Mermaid cannot read shows Mermaid's message in its place; the rest of the page draws as usual.
import { colourProbe, followScheme, frame, parts, showDrawn, showError, vendor } from "porch/chart.js";
import { colorScheme, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{
 *   body: string,
 *   width: string | number,
 *   alt: string | null,
 * }} Props
 */
/** What the vendored build offers (only what this module uses). */
/**
 * @typedef {{
 *   initialize: (config: Record<string, any>) => void,
 *   render: (id: string, text: string) => Promise<{svg: string}>,
 * }} Mermaid
 */
/** One diagram's state: the props it was last drawn with (and the theme), the latest draw (older ones are dropped). */
/** @typedef {{body: string, drawn: string | null, token: number}} State */

/** The module of the Mermaid build (a variable: the type checker does not follow it into the vendored build). */
const MERMAID = "porch/vendor/mermaid/index.js";
/** Settings a diagram's own `%%{init}%%` or front matter may not change (as Streamlit keeps them). */
const SECURE = ["secure", "securityLevel", "startOnLoad", "maxTextSize", "suppressErrorRendering", "maxEdges",
  "htmlLabels", "themeCSS", "fontFamily", "altFontFamily", "dompurifyConfig"];
/** Names of the diagram types, by the word that starts a diagram (Streamlit's names, for the accessible name). */
const TYPES = {
  graph: "flowchart", flowchart: "flowchart", sequencediagram: "sequence diagram", classdiagram: "class diagram",
  statediagram: "state diagram", erdiagram: "entity relationship diagram", journey: "user journey diagram",
  gantt: "Gantt chart", pie: "pie chart", quadrantchart: "quadrant chart", requirementdiagram: "requirement diagram",
  gitgraph: "Git graph", mindmap: "mindmap", timeline: "timeline", sankey: "Sankey diagram", packet: "packet diagram",
  block: "block diagram", architecture: "architecture diagram", kanban: "Kanban board", xychart: "XY chart",
  radar: "radar chart", treemap: "treemap",
};

/** Mermaid. */
const mermaid = vendor(MERMAID, (mod) => /** @type {Mermaid} */ (mod.default));

/** The configuration Mermaid was last initialised with (JSON), so that it is set again only when the theme changed. */
let configured = "";
let renders = 0;
/** @type {WeakMap<HTMLElement, State>} */
const states = new WeakMap();

/** @param {Elem} el */
export function create(el) {
  const node = frame("mermaid-chart");
  states.set(node, { body: "", drawn: null, token: 0 });
  followScheme(node, () => refresh(node));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  setWidth(node, props.width);
  node.setAttribute("aria-label", props.alt || nameOf(props.body));
  const state = /** @type {State} */ (states.get(node));
  state.body = props.body;
  followScheme(node, () => refresh(node));
  refresh(node);
}

/**
 * Draw the diagram if its text or the page's theme changed since it was last drawn, and show it in place of the last
 * drawing (or its error). The theme is read once the library is there, when the node is on the page.
 * @param {HTMLElement} node
 */
async function refresh(node) {
  const state = /** @type {State} */ (states.get(node));
  let library;
  try {
    library = await mermaid();
  } catch (err) {
    state.drawn = null;
    fail(node, `The diagram library could not be loaded: ${message(err)}`);
    return;
  }
  if (!node.isConnected) return;
  const config = configOf(node);
  const key = JSON.stringify([state.body, config]);
  if (key === state.drawn) return;
  state.drawn = key;
  const token = ++state.token;
  node.setAttribute("aria-busy", "true");
  const text = JSON.stringify(config);
  if (text !== configured) {
    library.initialize(config);
    configured = text;
  }
  let svg;
  try {
    ({ svg } = await library.render(`porch-mermaid-${++renders}`, state.body));
  } catch (err) {
    if (token === state.token) fail(node, `Mermaid diagram error: ${message(err)}`);
    return;
  }
  if (token !== state.token) return;
  const drawing = parse(svg);
  if (!drawing) {
    fail(node, "Mermaid diagram error: Mermaid made no drawing of this diagram.");
    return;
  }
  parts(node).view.replaceChildren(drawing);
  showDrawn(node);
  node.removeAttribute("aria-busy");
}

/**
 * Mermaid's SVG text as an element of this page, at its own size (scaled down to fit, by the stylesheet), with
 * nothing that runs (Mermaid's DOMPurify has cleaned the labels already).
 * @param {string} text
 * @returns {SVGSVGElement | null}
 */
function parse(text) {
  const doc = new DOMParser().parseFromString(text, "text/html");
  const root = doc.body.querySelector("svg");
  if (!root) return null;
  for (const bad of root.querySelectorAll("script")) bad.remove();
  for (const item of [root, ...root.querySelectorAll("*")]) {
    for (const attr of [...item.attributes]) {
      const value = attr.value.replace(/[\s\0]/g, "");
      if (/^on/i.test(attr.localName)) item.removeAttributeNode(attr);
      else if (attr.localName === "href" && /^(javascript|data|vbscript):/i.test(value)) item.removeAttributeNode(attr);
    }
  }
  const box = root.viewBox.baseVal;
  if (box && box.width > 0 && box.height > 0) {
    root.setAttribute("width", String(Math.ceil(box.width)));
    root.setAttribute("height", String(Math.ceil(box.height)));
  }
  root.style.removeProperty("max-width");
  return /** @type {SVGSVGElement} */ (document.importNode(root, true));
}

/**
 * Show why the diagram is not drawn, in its place.
 * @param {HTMLElement} node
 * @param {string} text
 */
function fail(node, text) {
  showError(node, text);
  node.removeAttribute("aria-busy");
}

/** @param {unknown} err */
function message(err) {
  if (err instanceof Error) return err.message;
  if (err && typeof err === "object" && "str" in err) return String(/** @type {{str: unknown}} */ (err).str);
  return String(err);
}

/**
 * The diagram's accessible name when the script gave no `alt`: its own accTitle and accDescr, else its type.
 * @param {string} body
 */
function nameOf(body) {
  const title = /^\s*accTitle\s*:\s*(.+)$/m.exec(body)?.[1].trim();
  const described = /^\s*accDescr\s*:\s*(.+)$/m.exec(body)?.[1].trim()
    ?? /^\s*accDescr\s*\{([^}]*)\}/m.exec(body)?.[1].trim().replaceAll(/\s+/g, " ");
  if (title && described) return `${title}: ${described}`;
  if (title || described) return /** @type {string} */ (title || described);
  const first = body.replace(/^\s*---[\s\S]*?\n\s*---\s*\n/, "").split("\n")
    .map((line) => line.trim()).find((line) => line && !line.startsWith("%%"))?.toLowerCase() ?? "";
  const type = Object.entries(TYPES).find(([word]) => first.startsWith(word));
  return `Mermaid ${type ? type[1] : "diagram"}`;
}

// -- the page's theme, as Mermaid's ------------------------------------------------------------------------------

/**
 * A colour as `#rrggbb` (Mermaid's theme reads only hex colours): a canvas's `#rrggbb` as it is, its `rgba(...)`
 * without the alpha.
 * @param {string} out  a colour as a canvas writes it (chart.js colourProbe)
 * @param {string} fallback
 */
function hex(out, fallback) {
  if (/^#[0-9a-f]{6}$/i.test(out)) return out;
  const rgba = /^rgba?\(\s*([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(out);
  return rgba ? `#${rgba.slice(1, 4).map((v) => Math.round(+v).toString(16).padStart(2, "0")).join("")}` : fallback;
}

/**
 * `a` mixed into `b`: `amount` of `a` (0..1), as `#rrggbb`.
 * @param {string} a
 * @param {string} b
 * @param {number} amount
 */
function mix(a, b, amount) {
  /** @param {string} c */
  const rgb = (c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
  const [x, y] = [rgb(a), rgb(b)];
  return `#${x.map((v, i) => Math.round(v * amount + y[i] * (1 - amount)).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Mermaid's configuration for this page: its safety settings, and the "base" theme given the page's colours and font.
 * @param {HTMLElement} node
 * @returns {Record<string, any>}
 */
function configOf(node) {
  const style = getComputedStyle(node);
  const dark = colorScheme() === "dark";
  const probe = colourProbe(node);
  /** @param {string} name @param {string} fallback */
  const token = (name, fallback) => hex(probe.colour(`var(${name}, ${fallback})`, fallback), fallback);
  const bg = token("--bg", dark ? "#0e1116" : "#ffffff");
  const fg = token("--fg", dark ? "#e6e9ee" : "#1c2024");
  const muted = token("--muted", dark ? "#98a1ad" : "#646b75");
  const soft = token("--bg-soft", bg);
  const border = token("--border", muted);
  const strong = token("--border-strong", muted);
  const accent = token("--accent", "#4f46e5");
  const warning = token("--warning", "#d97706");
  const error = token("--error", "#dc2626");
  const success = token("--success", "#16a34a");
  const category = style.getPropertyValue("--chart-category").split(",").map((c) => c.trim()).filter(Boolean)
    .map((c) => hex(probe.colour(c, accent), accent));
  probe.done();
  if (!category.length) category.push(accent);
  for (let i = 0; category.length < 12; i++) category.push(category[i]);
  const font = style.getPropertyValue("--font").trim() || "system-ui, sans-serif";
  const node_ = mix(accent, bg, 0.12);
  const edge = mix(accent, bg, 0.55);
  const tints = category.map((c) => mix(c, bg, 0.22));
  /** Theme variables numbered from `first`: `pie1`, `pie2`... or `git0`, `git1`... @type {(name: string,
   * values: string[], first?: number) => Record<string, string>} */
  const numbered = (name, values, first = 0) => Object.fromEntries(values.map((v, i) => [`${name}${i + first}`, v]));
  return {
    startOnLoad: false,
    securityLevel: "strict",
    secure: SECURE,
    suppressErrorRendering: true,
    htmlLabels: false,
    flowchart: { htmlLabels: false },
    theme: "base",
    look: "classic",
    darkMode: dark,
    fontFamily: font,
    themeVariables: {
      darkMode: dark,
      background: bg,
      fontFamily: font,
      fontSize: "14px",
      primaryColor: node_,
      primaryTextColor: fg,
      primaryBorderColor: edge,
      secondaryColor: tints[1],
      secondaryTextColor: fg,
      tertiaryColor: tints[2],
      tertiaryTextColor: fg,
      mainBkg: node_,
      nodeBorder: edge,
      clusterBkg: soft,
      clusterBorder: strong,
      lineColor: muted,
      textColor: fg,
      titleColor: fg,
      edgeLabelBackground: soft,
      noteBkgColor: mix(warning, bg, 0.16),
      noteTextColor: fg,
      noteBorderColor: mix(warning, bg, 0.5),
      errorBkgColor: mix(error, bg, 0.16),
      errorTextColor: error,
      actorBkg: node_,
      actorBorder: edge,
      actorTextColor: fg,
      actorLineColor: muted,
      signalColor: fg,
      signalTextColor: fg,
      labelBoxBkgColor: node_,
      labelBoxBorderColor: edge,
      labelTextColor: fg,
      loopTextColor: fg,
      activationBkgColor: soft,
      activationBorderColor: strong,
      sequenceNumberColor: bg,
      taskBkgColor: mix(accent, bg, 0.3),
      taskBorderColor: accent,
      taskTextColor: fg,
      taskTextOutsideColor: fg,
      taskTextLightColor: fg,
      taskTextDarkColor: fg,
      taskTextClickableColor: accent,
      activeTaskBkgColor: mix(accent, bg, 0.5),
      activeTaskBorderColor: accent,
      doneTaskBkgColor: mix(success, bg, 0.3),
      doneTaskBorderColor: success,
      critBkgColor: mix(error, bg, 0.3),
      critBorderColor: error,
      todayLineColor: accent,
      gridColor: border,
      sectionBkgColor: soft,
      altSectionBkgColor: bg,
      sectionBkgColor2: soft,
      ...numbered("pie", category, 1),
      pieStrokeColor: bg,
      pieOuterStrokeColor: border,
      pieTitleTextColor: fg,
      pieLegendTextColor: fg,
      pieSectionTextColor: dark ? bg : "#ffffff",
      ...numbered("cScale", tints),
      ...numbered("cScaleLabel", tints.map(() => fg)),
      ...numbered("git", category),
      ...numbered("gitBranchLabel", category.map(() => bg)),
      ...numbered("fillType", tints),
      quadrant1Fill: tints[0],
      quadrant2Fill: tints[1],
      quadrant3Fill: tints[2],
      quadrant4Fill: tints[3],
      quadrant1TextFill: fg,
      quadrant2TextFill: fg,
      quadrant3TextFill: fg,
      quadrant4TextFill: fg,
      quadrantPointFill: accent,
      quadrantPointTextFill: fg,
      quadrantTitleFill: fg,
      quadrantXAxisTextFill: fg,
      quadrantYAxisTextFill: fg,
      quadrantInternalBorderStrokeFill: border,
      quadrantExternalBorderStrokeFill: strong,
      xyChart: {
        backgroundColor: bg, titleColor: fg, xAxisLabelColor: fg, xAxisTitleColor: fg, xAxisTickColor: muted,
        xAxisLineColor: muted, yAxisLabelColor: fg, yAxisTitleColor: fg, yAxisTickColor: muted, yAxisLineColor: muted,
        plotColorPalette: category.join(", "),
      },
      radar: { curveOpacity: 0.5, curveStrokeWidth: 2.5 },
    },
  };
}
