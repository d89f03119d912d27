// A graph in Graphviz's DOT language, laid out as SVG in the browser by Graphviz compiled to WebAssembly
// (webui/vendor/graphviz), which this module imports the first time a page shows a graph: no Graphviz on the server,
// no network. The SVG is parsed as XML and inserted as an element (its ids made unique to the graph, no event
// attributes, no javascript: links). A DOT error is shown in the graph's place; the rest of the page draws as usual.
import { frame, message, parts, setName, showDrawn, showError, vendor } from "porch/chart.js";
import { setHeight, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{
 *   spec: string,
 *   engine: string,
 *   width: string | number,
 *   height: string | number,
 *   alt: string | null,
 * }} Props
 */
/** What the vendored build offers (only what this module uses). */
/** @typedef {{load: () => Promise<{layout: (dot: string, format: string, engine: string) => string}>}} Graphviz */

/** The module of the Graphviz build (a variable: the type checker does not follow it into the vendored build). */
const GRAPHVIZ = "porch/vendor/graphviz/index.js";
const SVG = "http://www.w3.org/2000/svg";

/** The Graphviz class. */
const graphviz = vendor(GRAPHVIZ, (mod) => /** @type {Graphviz} */ (mod.Graphviz));

let graphs = 0;
/** @type {WeakMap<HTMLElement, {drawn: string | null, token: number, prefix: string}>} */
const states = new WeakMap();

/** @param {Elem} el */
export function create(el) {
  const node = frame("graphviz");
  states.set(node, { drawn: null, token: 0, prefix: `g${++graphs}-` });
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
  setHeight(node, props.height);
  setName(node, props.alt);
  const state = /** @type {{drawn: string | null, token: number, prefix: string}} */ (states.get(node));
  const key = JSON.stringify([props.spec, props.engine]);
  if (key === state.drawn) return;
  state.drawn = key;
  draw(node, props, state);
}

/**
 * Lay the graph out and show it in place of the last drawing (or its error).
 * @param {HTMLElement} node
 * @param {Props} props
 * @param {{token: number, prefix: string}} state
 */
async function draw(node, props, state) {
  const token = ++state.token;
  let instance;
  try {
    instance = await (await graphviz()).load();
  } catch (err) {
    if (token === state.token) showError(node, `The graph library could not be loaded: ${message(err)}`);
    return;
  }
  if (token !== state.token) return;
  let text;
  try {
    text = instance.layout(props.spec, "svg", props.engine);
  } catch (err) {
    showError(node, `Graphviz could not draw this graph: ${message(err)}`);
    return;
  }
  const svg = text ? parse(text, state.prefix) : null; // no text: an empty DOT source, nothing to draw
  if (text && !svg) {
    showError(node, "Graphviz could not draw this graph: it made no drawing.");
    return;
  }
  parts(node).view.replaceChildren(...(svg ? [svg] : []));
  showDrawn(node);
}

/**
 * Graphviz's SVG text as an element of this page: parsed as XML (its DOCTYPE names a DTD that is never loaded),
 * with ids prefixed so that two graphs' ids (and the gradients they refer to) stay apart, and nothing that runs.
 * @param {string} text
 * @param {string} prefix
 * @returns {SVGSVGElement | null}
 */
function parse(text, prefix) {
  const doc = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = doc.documentElement;
  if (root.namespaceURI !== SVG || root.localName !== "svg") return null;
  for (const bad of root.querySelectorAll("script, foreignObject")) bad.remove();
  for (const item of [root, ...root.querySelectorAll("*")]) {
    for (const attr of [...item.attributes]) {
      const value = attr.value;
      if (/^on/i.test(attr.localName)) item.removeAttributeNode(attr);
      else if (attr.localName === "href" && /^\s*(javascript|data|vbscript):/i.test(value.replace(/[\s\0]/g, ""))) {
        item.removeAttributeNode(attr);
      } else if (attr.localName === "id") attr.value = prefix + value;
      else if (value.includes("url(#")) attr.value = value.replaceAll("url(#", `url(#${prefix}`);
      else if (attr.localName === "href" && value.startsWith("#")) attr.value = `#${prefix}${value.slice(1)}`;
    }
  }
  return /** @type {SVGSVGElement} */ (/** @type {unknown} */ (document.importNode(root, true)));
}
