// Graphviz compiled to WebAssembly (README.md beside this file), for the graph module, which imports this module only
// when a page first shows a graph. The build is an ES module with its WebAssembly inlined: no further request.
export { Graphviz } from "porch/vendor/graphviz/graphviz.min.js";
