// A code block: highlighted markup from the server when it has some, plain text otherwise; optional line numbers
// and a copy button.
import { h, setHeight, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{body: string, language: string | null, line_numbers: boolean, html: string | null, wrap_lines: boolean,
 *   height: string | number, width: string | number}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/code.py's DEFAULTS). */
export const defaults = {"language": "python", "line_numbers": false, "html": null, "wrap_lines": false,
  "height": "content", "width": "stretch"};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "code");
  const pre = h("pre");
  pre.tabIndex = 0;
  pre.append(h("span", "code-lines"), h("code"));
  const copy = h("button", "code-copy", "Copy");
  copy.type = "button";
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(/** @type {HTMLElement} */ (pre.lastElementChild).textContent ?? "");
      copy.textContent = "Copied";
    } catch {
      copy.textContent = "Copy failed";
    }
    setTimeout(() => (copy.textContent = "Copy"), 1500);
  });
  node.append(pre, copy);
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { body = "", language, line_numbers, html } = el.props;
  const pre = /** @type {HTMLElement} */ (node.firstElementChild);
  const [lines, code] = /** @type {HTMLElement[]} */ ([...pre.children]);
  const key = JSON.stringify([body, html]);
  if (code.dataset.key !== key) {
    if (html) code.innerHTML = html;
    else code.textContent = body;
    code.dataset.key = key;
  }
  code.className = language ? `language-${language}` : "";
  const count = String(body).replace(/\n$/, "").split("\n").length;
  lines.hidden = !line_numbers;
  lines.setAttribute("aria-hidden", "true");
  if (line_numbers) lines.textContent = Array.from({ length: count }, (_, i) => i + 1).join("\n");
  node.classList.toggle("wrap-lines", !!el.props.wrap_lines);
  setWidth(node, el.props.width);
  setHeight(node, el.props.height);
}
