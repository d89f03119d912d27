// Apache ECharts (README.md beside this file), for the chart module (elements/echarts_chart.js), which imports this
// module only when a page first shows an ECharts chart. The build is ECharts' own ES module bundle (every chart type,
// component and both renderers, canvas and SVG): one request, nothing fetched after it.
export * from "porch/vendor/echarts/echarts.min.js";
