// A colour: the browser's own <input type=color>, drawn as a swatch button with the hex code beside it (the two are
// one <label>, so a click on the code opens the picker too). The code follows the picker as it moves; the colour is
// sent once, when the picker closes on a new one ("change"), as "#rrggbb".
import { commit, current, frame, h, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {WidgetProps<string> & {width: string | number}} Props */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */

const HEX = /^#(?:[0-9a-f]{3}){1,2}$/;

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "color-swatch");
  input.type = "color";
  const node = frame(input);
  const button = h("label", "color-button");
  button.htmlFor = input.id;
  const code = h("span", "color-hex");
  code.setAttribute("aria-hidden", "true"); // the input itself tells its value to assistive technology
  button.append(input, code);
  node.append(button);
  input.addEventListener("input", () => show(node, input.value));
  input.addEventListener("change", () => {
    const value = input.value.toLowerCase();
    show(node, value);
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, value);
  });
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const props = /** @type {Props} */ (el.props);
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  setWidth(node, props.width);
  input.disabled = !!props.disabled;
  sync(node, el, (value) => show(node, value));
}

/**
 * Put `value` into the picker and the code beside it.
 * @param {HTMLElement} node
 * @param {unknown} value
 */
function show(node, value) {
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  const code = /** @type {HTMLElement} */ (node.querySelector(".color-hex"));
  const text = typeof value === "string" ? value.toLowerCase() : "";
  // A script's colour comes as it wrote it ("#ABC" too); the picker takes only "#rrggbb".
  const hex = !HEX.test(text) ? "#000000" : text.length === 4 ? text.replace(/[0-9a-f]/g, (d) => d + d) : text;
  if (input.value !== hex) input.value = hex;
  code.textContent = hex;
}
