// pills and segmented_control: one toggle button per option (aria-pressed), drawn as rounded chips that wrap
// (`style` "pills") or as one joined row (`style` "segmented_control"). Sends the chosen indices on each click:
// single mode sends [] or [i] (clicking the chosen option clears it unless `required`), multi mode adds a newly
// chosen index at the end, so the list is in the order chosen. Arrow keys, Home and End move between the options.
import { commit, current, frame, h, setLabel, setWidth, setWrap, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {WidgetProps & {style: string, selection_mode: string, required: boolean, options: string[],
 *   options_html: string[], width: string | number, wrap: boolean | null}} Props
 */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */

/** @type {WeakMap<HTMLElement, number[]>} the indices each group shows as chosen */
const chosen = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const group = h("div", "button-group line-row");
  group.setAttribute("role", "group");
  const node = frame(group, "span");
  group.setAttribute("aria-labelledby", `${group.id}-label`);
  group.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button || !group.contains(button) || /** @type {HTMLButtonElement} */ (button).disabled) return;
    const props = /** @type {Props} */ (/** @type {Elem} */ (current.get(node)).props);
    const value = toggle(props, chosen.get(node) ?? [], Number(button.dataset.index));
    show(node, value);
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, value);
  });
  group.addEventListener("keydown", (event) => {
    const buttons = /** @type {HTMLButtonElement[]} */ ([...group.querySelectorAll("button:not(:disabled)")]);
    const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (event.target));
    if (at < 0) return;
    /** @type {Record<string, number>} */
    const moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0 };
    const to = event.key === "End" ? buttons.length - 1 : moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    buttons[(to + buttons.length) % buttons.length].focus();
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
  const props = /** @type {Props} */ (el.props);
  const group = /** @type {HTMLElement} */ (node.querySelector(".button-group"));
  setLabel(node, el, group);
  setWidth(node, props.width);
  setWrap(node, props.wrap);
  group.removeAttribute("aria-label");
  group.dataset.style = props.style === "segmented_control" ? "segmented_control" : "pills";
  if (props.required) group.setAttribute("aria-required", "true");
  else group.removeAttribute("aria-required");
  const html = props.options_html ?? [];
  const key = JSON.stringify(html);
  if (group.dataset.key !== key) {
    group.dataset.key = key;
    group.replaceChildren(
      ...html.map((/** @type {string} */ markup, /** @type {number} */ i) => {
        const button = h("button", "button-group-option");
        button.type = "button";
        button.dataset.index = String(i);
        // Server-made HTML: inline markdown with raw HTML escaped (core/markdown_html.py).
        button.innerHTML = markup;
        return button;
      }),
    );
    show(node, chosen.get(node) ?? []);
  }
  for (const button of group.querySelectorAll("button")) button.disabled = !!props.disabled;
  sync(node, el, (value) => show(node, Array.isArray(value) ? value : []));
}

/**
 * The selection after a click on option `index`.
 * @param {Props} props
 * @param {number[]} value
 * @param {number} index
 * @returns {number[]}
 */
function toggle(props, value, index) {
  const on = value.includes(index);
  if (props.selection_mode === "multi") return on ? value.filter((i) => i !== index) : [...value, index];
  if (on) return props.required ? value : [];
  return [index];
}

/**
 * Mark the chosen options pressed.
 * @param {HTMLElement} node
 * @param {number[]} value
 */
function show(node, value) {
  chosen.set(node, value);
  for (const button of node.querySelectorAll(".button-group-option")) {
    const on = value.includes(Number(/** @type {HTMLElement} */ (button).dataset.index));
    button.setAttribute("aria-pressed", String(on));
    button.classList.toggle("selected", on);
  }
}
