// A button: a click asks for a rerun with `trigger`; a form's submit button also sends the form's held values.
// download_button wears the same face (`buttonFrame`, `buttonFace`), and importing them brings button.css with them.
// The face shows the label's `wrap` and, for kinds that send one, the keyboard `shortcut` that clicks it.
import { click, current, h, setHelp, setLabelText, setWidth, setWrap, showIcon } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {type: string, icon: string | null, icon_position: string, width: string | number,
 *   submit: boolean, shortcut: string | null, wrap: boolean | null}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/button.py's DEFAULTS). */
export const defaults = {"type": "secondary", "icon": null, "icon_position": "left", "width": "content",
  "submit": false, "shortcut": null, "wrap": null};

/**
 * A widget frame holding `control` (a <button>, or a download's <a>) drawn as a button with an icon and a label.
 * @param {HTMLElement} control
 */
export function buttonFrame(control) {
  const node = h("div", "widget button-widget");
  control.classList.add("btn");
  const hint = h("kbd", "shortcut-hint");
  hint.hidden = true;
  hint.setAttribute("aria-hidden", "true");
  control.append(h("span", "btn-icon"), h("span", "btn-label line-text"), hint);
  node.append(control);
  return node;
}

/**
 * Show the variant, icon (and its side), label, width, wrap, shortcut and help of `el` on a frame made by
 * `buttonFrame`. The width is `width` ("content", "stretch" or pixels), or for a kind that still sends it,
 * `use_container_width`. A label kept on one line shows in full on hover unless a help tooltip is there.
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function buttonFace(node, el) {
  const { label = "", type = "secondary", icon, icon_position, use_container_width, help } = el.props;
  const control = /** @type {HTMLElement} */ (node.firstElementChild);
  control.dataset.variant = type;
  control.dataset.iconPosition = icon_position ?? "left";
  setWidth(node, el.props.width ?? (use_container_width ? "stretch" : "content"));
  const [iconNode, labelNode, hint] = /** @type {HTMLElement[]} */ ([...control.children]);
  showIcon(iconNode, icon, !!label);
  setLabelText(labelNode, String(label));
  labelNode.hidden = !label && !!icon;
  setHelp(node, help, control);
  setWrap(node, el.props.wrap, control, help ? "" : String(label));
  showShortcut(control, hint, el.props.shortcut ?? null);
}

/** porch/shortcut.js, loaded with the first button that has a shortcut: most pages have none. */
/** @type {Promise<typeof import("porch/shortcut.js")> | undefined} */
let shortcuts;

/**
 * Give `control` its keyboard shortcut and show it in `hint` (porch/shortcut.js), or take it away.
 * @param {HTMLElement} control
 * @param {HTMLElement} hint
 * @param {string | null} shortcut
 */
function showShortcut(control, hint, shortcut) {
  if (!shortcut && !hint.dataset.shortcut) return;
  hint.dataset.shortcut = shortcut ?? "";
  shortcuts ??= import("porch/shortcut.js");
  // The newest shortcut wins whatever order loads finish in: each call applies what the hint holds then.
  void shortcuts.then((module) => module.setShortcut(control, hint, hint.dataset.shortcut || null));
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const button = h("button");
  const node = buttonFrame(button);
  button.addEventListener("click", () => {
    const now = current.get(node);
    if (now && !now.props.disabled) click(now, ctx);
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
  const button = /** @type {HTMLButtonElement} */ (node.firstElementChild);
  button.type = el.props.submit ? "submit" : "button";
  button.disabled = !!el.props.disabled;
  buttonFace(node, el);
}
