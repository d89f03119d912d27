// A spinning indicator with a line of text, shown while a slow block of the script runs; with `show_time`, the
// seconds elapsed since it appeared.
import { h, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{text: string, show_time: boolean, width: string | number}} Props */

/** @type {WeakMap<HTMLElement, number>} when each spinner appeared (performance.now()) */
const started = new WeakMap();

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "spinner");
  node.setAttribute("role", "status");
  node.append(h("span", "porch-spinner"), h("span", "spinner-text"), h("span", "spinner-time"));
  started.set(node, performance.now());
  update(node, el);
  const tick = () => {
    if (!node.isConnected && node.dataset.shown) return;
    if (node.isConnected) node.dataset.shown = "1";
    showTime(node);
    setTimeout(tick, 100);
  };
  tick();
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const [, text, time] = /** @type {HTMLElement[]} */ ([...node.children]);
  text.textContent = String(el.props.text ?? "");
  time.hidden = !el.props.show_time;
  setWidth(node, el.props.width);
  showTime(node);
}

/** @param {HTMLElement} node */
function showTime(node) {
  const time = /** @type {HTMLElement} */ (node.lastElementChild);
  if (time.hidden) return;
  const seconds = (performance.now() - (started.get(node) ?? performance.now())) / 1000;
  time.textContent = `(${seconds.toFixed(1)} seconds)`;
}
