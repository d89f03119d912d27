// A form: its widgets hold their values until its submit button sends them all at once. Enter in one of its
// one-line fields submits it (the browser clicks its first submit button) unless `enter_to_submit` is false.
import { h, setFormProps, setHeight, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{form: string, border: boolean, clear_on_submit: boolean, enter_to_submit: boolean,
 *   width: string | number, height: string | number}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/form.py's DEFAULTS). */
export const defaults = {"border": true, "clear_on_submit": false, "enter_to_submit": true, "width": "stretch",
  "height": "content"};

/** @param {Elem} el */
export function create(el) {
  const node = h("form", "block form");
  node.noValidate = true;
  node.addEventListener("submit", (event) => event.preventDefault());
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  node.classList.toggle("bordered", el.props.border !== false);
  setWidth(node, el.props.width);
  setHeight(node, el.props.height);
  if (el.props.form) {
    node.dataset.form = el.props.form;
    setFormProps(el.props.form, el.props);
  }
}
