// A slider over a list of options: the slider module handles both (the wire value is an index or [low, high]).
export { create, update } from "porch/elements/slider.js";
