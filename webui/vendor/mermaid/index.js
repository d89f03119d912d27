// Mermaid (README.md beside this file), for the diagram module (elements/mermaid_chart.js), which imports this module
// only when a page first shows a diagram. The build is Mermaid's single-file bundle, every diagram type in it, made an
// ES module by its last line (it exports Mermaid's API instead of setting it on globalThis): no further request.
export { default } from "porch/vendor/mermaid/mermaid.min.js";
