// A date and a time of day in one field, the browser's own <input type=datetime-local>: the time_input module
// handles both (see it for when a value is sent). The value travels as "YYYY-MM-DDTHH:MM[:SS]" or null.

/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string | null> & {min: string, max: string, step: number, format: string, clearable: boolean,
 *   required: boolean, width: string | number}} Props
 */
export { create, update } from "porch/elements/time_input.js";
