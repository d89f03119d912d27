// A radio group (each option a native radio with its own label); sends the chosen index on change.
import { commit, current, frame, h, setLabel, setWidth, sync, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {options: string[], captions: string[] | null, horizontal: boolean,
 *   width: string | number}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/radio.py's DEFAULTS). */
export const defaults = {"captions": null, "horizontal": false, "width": "content"};

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const group = h("div", "options");
  group.setAttribute("role", "radiogroup");
  const node = frame(group, "span");
  group.setAttribute("aria-labelledby", `${group.id}-label`);
  group.addEventListener("change", (event) => {
    const input = /** @type {HTMLInputElement} */ (event.target);
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, Number(input.value));
  });
  node.append(group);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setWidth(node, el.props.width);
  const { options = [], captions = [], horizontal, disabled } = el.props;
  const group = /** @type {HTMLElement} */ (node.querySelector(".options"));
  setLabel(node, el, group);
  group.removeAttribute("aria-label");
  group.classList.toggle("horizontal", !!horizontal);
  const key = JSON.stringify([options, captions]);
  if (group.dataset.key !== key) {
    group.dataset.key = key;
    group.replaceChildren(
      ...options.map((/** @type {string} */ text, /** @type {number} */ i) => {
        const input = h("input");
        input.type = "radio";
        input.name = group.id;
        input.id = uid();
        input.value = String(i);
        const label = h("label", "option");
        label.htmlFor = input.id;
        const textNode = h("span", "option-text", String(text));
        if (captions?.[i]) textNode.append(h("small", "option-caption", String(captions[i])));
        label.append(input, textNode);
        return label;
      }),
    );
    show(group, el.props.value);
  }
  for (const input of group.querySelectorAll("input")) input.disabled = !!disabled;
  sync(node, el, (value) => show(group, value));
}

/**
 * @param {HTMLElement} group
 * @param {number | null} value
 */
function show(group, value) {
  for (const input of group.querySelectorAll("input")) input.checked = value !== null && input.value === String(value);
}
