// plotly.js, for the Plotly chart module (elements/plotly_chart.js), which imports this module only when a page first
// shows a Plotly chart. The build is not in this folder: it is the one the installed `plotly` Python package ships
// (package_data/plotly.min.js), which the engine serves under this folder's name when plotly is installed
// (core/static.py, PACKAGE_BUILDS), so that the figure and the library that draws it always come from the same
// package. It is a UMD build: evaluated as a module it puts `Plotly` on globalThis, as a <script> would (and, from
// its wrapper, a stray global named moduleName, removed here).

/** The package's build, as the page's map of modules names it (a variable: the type checker does not follow it). */
const BUILD = "porch/vendor/plotly/plotly.min.js";

const stray = "moduleName" in globalThis;
await import(BUILD);
const found = /** @type {any} */ (globalThis).Plotly;
if (!stray) delete (/** @type {any} */ (globalThis).moduleName);
if (!found) throw new Error("plotly.js did not define Plotly");

/** plotly.js: `Plotly.react(element, figure)`, `Plotly.purge(element)`... */
export default found;
