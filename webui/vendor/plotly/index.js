// plotly.js, for the Plotly chart module (elements/plotly_chart.js), which imports this module only when a page first
// shows a Plotly chart. The build is plotly.js's strict bundle (README.md), whose WebGL code needs no `eval`. It is a
// UMD build: evaluated as a module it puts `Plotly` on globalThis, as a <script> would (and, from its wrapper, a stray
// global named moduleName, removed here).

/** The build, as the page's map of modules names it (a variable: the type checker does not follow it). */
const BUILD = "porch/vendor/plotly/plotly-strict.min.js";

const stray = "moduleName" in globalThis;
await import(BUILD);
const found = /** @type {any} */ (globalThis).Plotly;
if (!stray) delete (/** @type {any} */ (globalThis).moduleName);
if (!found) throw new Error("plotly.js did not define Plotly");

/** plotly.js: `Plotly.react(element, figure)`, `Plotly.purge(element)`... */
export default found;
