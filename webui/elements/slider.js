// A slider over numbers, or over `options` for select_slider (which re-exports this module). A [low, high] value
// gets two thumbs: two native range inputs laid over one track. Sends on release (the inputs' change event).
import { commit, current, format, frame, h, setLabel, setWidth, sync, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {min: number, max: number, step: number, format: string | null, dtype: string,
 *   width: string | number}} Props
 */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const low = thumb();
  const node = frame(low);
  const box = h("div", "slider");
  const track = h("div", "slider-track");
  track.append(h("div", "slider-fill"));
  const bubbles = h("div", "slider-bubbles");
  bubbles.setAttribute("aria-hidden", "true");
  bubbles.append(h("span", "slider-bubble"), h("span", "slider-bubble"));
  const ends = h("div", "slider-ends");
  ends.setAttribute("aria-hidden", "true");
  ends.append(h("span"), h("span"));
  const high = thumb();
  high.id = uid();
  const highLabel = h("label", "visually-hidden");
  highLabel.htmlFor = high.id;
  box.append(bubbles, track, low, high, highLabel, ends);
  node.append(box);
  box.addEventListener("input", (event) => {
    const inputs = inputsOf(node);
    const [a, b] = inputs;
    if (!b.hidden && +a.value > +b.value) (event.target === a ? a : b).value = event.target === a ? b.value : a.value;
    paint(node);
  });
  box.addEventListener("change", () => commit(node, /** @type {Elem} */ (current.get(node)), ctx, read(node)));
  update(node, el);
  return node;
}

function thumb() {
  const input = h("input", "slider-input");
  input.type = "range";
  return input;
}

/** @param {HTMLElement} node */
function inputsOf(node) {
  return /** @type {HTMLInputElement[]} */ ([...node.querySelectorAll(".slider-input")]);
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setWidth(node, el.props.width);
  const p = el.props;
  const [low, high] = inputsOf(node);
  const options = el.kind === "select_slider" ? p.options ?? [] : null;
  const min = options ? 0 : p.min;
  const max = options ? Math.max(options.length - 1, 0) : p.max;
  const step = options ? 1 : p.step ?? (p.dtype === "int" ? 1 : "any");
  const range = Array.isArray(p.value);
  setLabel(node, el, low);
  for (const input of [low, high]) Object.assign(input, { min: String(min), max: String(max), step: String(step) });
  for (const input of [low, high]) input.disabled = !!p.disabled;
  high.hidden = !range;
  node.classList.toggle("range", range);
  high.setAttribute("aria-label", `${p.label ?? ""} (upper end)`);
  /** @type {HTMLElement} */ (high.nextElementSibling).textContent = `${p.label ?? ""} (upper end)`;
  if (range) low.setAttribute("aria-label", `${p.label ?? ""} (lower end)`);
  const [start, end] = /** @type {HTMLElement[]} */ ([...node.querySelectorAll(".slider-ends > span")]);
  start.textContent = show(el, min);
  end.textContent = show(el, max);
  sync(node, el, (value) => {
    const [a, b] = Array.isArray(value) ? value : [value, value];
    low.value = String(a);
    high.value = String(b);
  });
  paint(node);
}

/**
 * The text for a value: the option's label, or the number in the widget's format.
 * @param {Elem} el
 * @param {number} value
 */
function show(el, value) {
  if (el.kind === "select_slider") return String(el.props.options?.[value] ?? "");
  return format(el.props.format, value, el.props.dtype);
}

/** @param {HTMLElement} node */
function read(node) {
  const el = /** @type {Elem} */ (current.get(node));
  const parse = (/** @type {HTMLInputElement} */ input) => {
    const n = Number(input.value);
    return el.props.dtype === "float" ? n : Math.round(n);
  };
  const [low, high] = inputsOf(node);
  return high.hidden ? parse(low) : [parse(low), parse(high)];
}

/** Move the fill and the value bubbles to where the thumbs are. */
/** @param {HTMLElement} node */
function paint(node) {
  const el = /** @type {Elem} */ (current.get(node));
  const inputs = inputsOf(node);
  const [low, high] = inputs;
  const span = +low.max - +low.min || 1;
  const at = (/** @type {HTMLInputElement} */ input) => Math.min(1, Math.max(0, (+input.value - +low.min) / span));
  const range = !high.hidden;
  node.style.setProperty("--lo", String(range ? at(low) : 0));
  node.style.setProperty("--hi", String(range ? at(high) : at(low)));
  const bubbles = /** @type {HTMLElement[]} */ ([...node.querySelectorAll(".slider-bubble")]);
  inputs.forEach((input, i) => {
    const text = show(el, +input.value);
    input.setAttribute("aria-valuetext", text);
    bubbles[i].textContent = text;
    bubbles[i].style.setProperty("--at", String(at(input)));
    bubbles[i].hidden = i === 1 && !range;
  });
}
