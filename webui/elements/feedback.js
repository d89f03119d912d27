// A row of icons to rate something: thumbs (down, up), five faces or five stars. It is a radio group (each icon a
// role="radio" button with a name), reached by Tab as one stop: the arrow keys move the choice, Home and End go to
// the ends, Space or Enter chooses the focused icon or, when it is the one chosen, clears it; so does a click. Stars
// light up to the one chosen (or pointed at). Sends the chosen index, or null when cleared.
import { commit, current, h, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {WidgetProps<number | null> & {options: string, width: string | number}} Props */

const SVG = "http://www.w3.org/2000/svg";
const THUMB =
  "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 " +
  "7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
const STAR = "M12 2.8l2.8 5.7 6.3.9-4.55 4.44 1.07 6.26L12 17.2l-5.62 2.96 1.07-6.26L2.9 9.4l6.3-.9z";
/** The mouths of the five faces, from very dissatisfied to very satisfied. */
const MOUTHS = ["M8 17.2q4-4.4 8 0", "M8.5 16.4q3.5-2.2 7 0", "M8.5 15.5h7", "M8.5 14.6q3.5 2.2 7 0", "M8 14q4 4.6 8 0"];
/** @type {Record<string, string[]>} each icon's accessible name, by `options` */
const NAMES = {
  thumbs: ["Thumbs down", "Thumbs up"],
  faces: ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
  stars: ["1 star", "2 stars", "3 stars", "4 stars", "5 stars"],
};
/** @type {Record<string, string>} the group's accessible name, by `options` */
const GROUP_NAMES = { thumbs: "Feedback", faces: "Satisfaction", stars: "Rating" };

/** @type {WeakMap<HTMLElement, number | null>} the index each group shows as chosen */
const chosen = new WeakMap();

/**
 * An SVG element with attributes.
 * @param {string} tag
 * @param {Record<string, string>} attrs
 */
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/**
 * The icon of option `index` of `options`.
 * @param {string} options
 * @param {number} index
 */
function icon(options, index) {
  const root = svg("svg", { viewBox: "0 0 24 24", "aria-hidden": "true", focusable: "false" });
  if (options === "thumbs") {
    const path = svg("path", { d: THUMB });
    if (index === 0) path.setAttribute("transform", "rotate(180 12 12)");
    root.append(path);
  } else if (options === "faces") {
    root.append(
      svg("circle", { cx: "12", cy: "12", r: "9.2", class: "feedback-line" }),
      svg("circle", { cx: "9", cy: "10", r: "1.2" }),
      svg("circle", { cx: "15", cy: "10", r: "1.2" }),
      svg("path", { d: MOUTHS[index], class: "feedback-line" }),
    );
  } else {
    root.append(svg("path", { d: STAR, class: "feedback-star" }));
  }
  return root;
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "widget feedback-widget");
  const group = h("div", "feedback");
  group.setAttribute("role", "radiogroup");
  node.append(group);
  /** @param {number | null} value */
  const choose = (value) => {
    show(node, value);
    commit(node, /** @type {Elem} */ (current.get(node)), ctx, value);
  };
  group.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    if (!button || !group.contains(button) || /** @type {HTMLButtonElement} */ (button).disabled) return;
    const index = Number(button.dataset.index);
    choose(chosen.get(node) === index ? null : index);
  });
  group.addEventListener("keydown", (event) => {
    const buttons = /** @type {HTMLButtonElement[]} */ ([...group.querySelectorAll("button")]);
    const at = buttons.indexOf(/** @type {HTMLButtonElement} */ (event.target));
    if (at < 0 || buttons[at].disabled) return;
    /** @type {Record<string, number>} */
    const moves = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0 };
    const to = event.key === "End" ? buttons.length - 1 : moves[event.key];
    if (to === undefined) return; // Space and Enter click the focused button
    event.preventDefault();
    const index = (to + buttons.length) % buttons.length;
    buttons[index].focus();
    choose(index);
  });
  group.addEventListener("pointerover", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    hover(node, button && !(/** @type {HTMLButtonElement} */ (button).disabled) ? Number(button.dataset.index) : null);
  });
  group.addEventListener("pointerleave", () => hover(node, null));
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
  const options = NAMES[props.options] ? props.options : "thumbs";
  const group = /** @type {HTMLElement} */ (node.firstElementChild);
  setWidth(node, props.width);
  node.classList.toggle("disabled", !!props.disabled);
  group.setAttribute("aria-label", GROUP_NAMES[options]);
  if (group.dataset.options !== options) {
    group.dataset.options = options;
    group.replaceChildren(
      ...NAMES[options].map((name, i) => {
        const button = h("button", "feedback-option");
        button.type = "button";
        button.setAttribute("role", "radio");
        button.setAttribute("aria-label", name);
        button.title = name;
        button.dataset.index = String(i);
        button.append(icon(options, i));
        return button;
      }),
    );
    show(node, chosen.get(node) ?? null);
  }
  for (const button of group.querySelectorAll("button")) button.disabled = !!props.disabled;
  sync(node, el, (value) => show(node, typeof value === "number" ? value : null));
}

/**
 * Mark option `value` chosen (none: null); only the chosen one, or the first, is a Tab stop.
 * @param {HTMLElement} node
 * @param {number | null} value
 */
function show(node, value) {
  chosen.set(node, value);
  const buttons = [...node.querySelectorAll(".feedback-option")];
  for (const [i, button] of buttons.entries()) {
    button.setAttribute("aria-checked", String(i === value));
    button.setAttribute("tabindex", i === (value ?? 0) ? "0" : "-1");
  }
  paint(node);
}

/**
 * The option the pointer is over (stars light up to it), or null.
 * @param {HTMLElement} node
 * @param {number | null} index
 */
function hover(node, index) {
  if (index === null) delete node.dataset.hover;
  else node.dataset.hover = String(index);
  paint(node);
}

/**
 * Light the icons: stars up to the one pointed at or chosen, other icons the chosen one only.
 * @param {HTMLElement} node
 */
function paint(node) {
  const group = /** @type {HTMLElement} */ (node.firstElementChild);
  const value = chosen.get(node) ?? null;
  const upTo = node.dataset.hover !== undefined ? Number(node.dataset.hover) : value;
  for (const [i, button] of [...group.querySelectorAll(".feedback-option")].entries()) {
    const lit = group.dataset.options === "stars" ? upTo !== null && i <= upTo : i === value;
    button.classList.toggle("lit", lit);
  }
}
