// A progress bar from 0 to 100 with an optional markdown caption.
import { h, setHtml, setWidth, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{value: number, text_html: string | null, width: string | number}} Props */

/** The props the server leaves off while they hold these values (core/elements/progress.py's DEFAULTS). */
export const defaults = {"text_html": null, "width": "stretch"};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "progress");
  const text = h("div", "progress-text");
  text.id = uid();
  const track = h("div", "progress-track");
  track.setAttribute("role", "progressbar");
  track.setAttribute("aria-valuemin", "0");
  track.setAttribute("aria-valuemax", "100");
  track.setAttribute("aria-labelledby", text.id);
  track.append(h("div", "progress-fill"));
  node.append(text, track);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const value = Math.min(100, Math.max(0, Number(el.props.value) || 0));
  const [text, track] = /** @type {HTMLElement[]} */ ([...node.children]);
  setHtml(text, el.props.text_html);
  text.hidden = !el.props.text_html;
  track.setAttribute("aria-valuenow", String(value));
  node.style.setProperty("--value", `${value}%`);
  setWidth(node, el.props.width);
}
