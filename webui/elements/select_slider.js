// A slider over a list of options: the slider module handles both (the wire value is an index or [low, high]).

/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {WidgetProps & {options: string[], width: string | number}} Props */
export { create, update } from "porch/elements/slider.js";
