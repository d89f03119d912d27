// A button that opens a menu of options (the ARIA menu button pattern): a click, Enter, Space or the down arrow opens
// the menu on its first item (the up arrow: on its last); in the menu the arrow keys, Home and End move, Enter or
// Space (or a click) chooses, Escape closes it and returns to the button, Tab or a click elsewhere closes it.
// Choosing sends the option's index with a trigger, as a button's click sends its trigger: the script sees the option
// in that run only. The button wears a button's face and styles (button.js).
import { buttonFace, buttonFrame } from "porch/elements/button.js";
import { current, h, setHtml, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<null> & {type: string, icon: string | null, width: string | number, wrap: boolean | null,
 *   options: string[], options_html: string[]}} Props
 */

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const button = h("button");
  button.type = "button";
  const node = buttonFrame(button);
  node.classList.add("menu-button");
  const arrow = h("span", "menu-button-arrow", "▾");
  arrow.setAttribute("aria-hidden", "true");
  button.append(arrow);
  const menu = h("div", "menu-button-menu");
  menu.id = uid();
  menu.setAttribute("role", "menu");
  menu.hidden = true;
  button.setAttribute("aria-haspopup", "menu");
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", menu.id);
  node.append(menu);

  const items = () => /** @type {HTMLElement[]} */ ([...menu.querySelectorAll("[role=menuitem]")]);
  /** @param {PointerEvent} event */
  const outside = (event) => {
    if (!node.contains(/** @type {Node} */ (event.target))) close(false);
  };
  /** @param {number} at  the item to focus: 0 the first, -1 the last */
  const open = (at) => {
    const now = current.get(node);
    if (!now || now.props.disabled) return;
    menu.hidden = false;
    button.setAttribute("aria-expanded", "true");
    document.addEventListener("pointerdown", outside, true);
    const list = items();
    list[(at + list.length) % list.length]?.focus();
  };
  /** @param {boolean} refocus */
  const close = (refocus) => {
    if (menu.hidden) return;
    menu.hidden = true;
    button.setAttribute("aria-expanded", "false");
    document.removeEventListener("pointerdown", outside, true);
    if (refocus) button.focus();
  };
  /** @param {HTMLElement} item */
  const choose = (item) => {
    const now = current.get(node);
    close(true);
    if (!now?.id || now.props.disabled) return;
    ctx.send({ [now.id]: Number(item.dataset.index) }, now.id);
  };

  button.addEventListener("click", () => (menu.hidden ? open(0) : close(true)));
  button.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      open(event.key === "ArrowDown" ? 0 : -1);
    }
  });
  menu.addEventListener("click", (event) => {
    const item = /** @type {HTMLElement} */ (event.target).closest("[role=menuitem]");
    if (item && menu.contains(item)) choose(/** @type {HTMLElement} */ (item));
  });
  menu.addEventListener("keydown", (event) => {
    const list = items();
    const at = list.indexOf(/** @type {HTMLElement} */ (event.target));
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
      return;
    }
    if ((event.key === "Enter" || event.key === " ") && at >= 0) {
      event.preventDefault();
      choose(list[at]);
      return;
    }
    /** @type {Record<string, number>} */
    const moves = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    list[(to + list.length) % list.length]?.focus();
  });
  node.addEventListener("focusout", (event) => {
    if (!node.contains(/** @type {Node | null} */ (event.relatedTarget))) close(false);
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
  const button = /** @type {HTMLButtonElement} */ (node.firstElementChild);
  button.disabled = !!props.disabled;
  buttonFace(node, el);
  const menu = /** @type {HTMLElement} */ (node.querySelector(".menu-button-menu"));
  if (props.disabled) menu.hidden = true;
  const key = JSON.stringify(props.options_html ?? []);
  if (menu.dataset.key !== key) {
    menu.dataset.key = key;
    menu.replaceChildren(
      ...(props.options_html ?? []).map((markup, i) => {
        const item = h("div", "menu-button-item");
        item.setAttribute("role", "menuitem");
        item.tabIndex = -1;
        item.dataset.index = String(i);
        // Server-made HTML: inline markdown with raw HTML escaped (core/markdown_html.py).
        setHtml(item, markup);
        return item;
      }),
    );
  }
}
