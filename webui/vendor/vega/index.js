// Vega, Vega-Lite and Vega-Embed (README.md beside this file), for the chart module, which imports this module only
// when a page first shows a chart. The three are UMD builds: imported in this order, each is evaluated after the one
// before it and puts its library on globalThis, where the next finds it (vega-lite needs vega, vega-embed both).
import "porch/vendor/vega/vega.min.js";
import "porch/vendor/vega/vega-lite.min.js";
import "porch/vendor/vega/vega-embed.min.js";

/** vega-embed's `embed(element, spec, options)`, with `.vega` and `.vegaLite` beside it. */
export default /** @type {any} */ (globalThis).vegaEmbed;
