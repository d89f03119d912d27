// Tabs: a tablist built from the `tab` children's labels, arrow keys to move, one panel shown at a time.
import { h, uid } from "porch/widget.js";

/** @typedef {import("porch/tree.js").Kid} Kid */
/** @typedef {{}} Props */

/** @type {WeakMap<HTMLElement, number>} which tab each tabs block shows */
const selected = new WeakMap();

export function create() {
  const node = h("div", "tabs");
  const list = h("div", "tab-list");
  list.setAttribute("role", "tablist");
  list.addEventListener("keydown", (event) => {
    const tabs = /** @type {HTMLElement[]} */ ([...list.children]);
    const at = tabs.indexOf(/** @type {HTMLElement} */ (event.target));
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (at < 0 || to === undefined) return;
    event.preventDefault();
    choose(node, (to + tabs.length) % tabs.length, true);
  });
  list.addEventListener("click", (event) => {
    const tab = /** @type {HTMLElement} */ (event.target).closest("[role=tab]");
    if (tab) choose(node, [...list.children].indexOf(tab), true);
  });
  node.append(list, h("div", "tab-panels"));
  return node;
}

export function update() {}

/** @param {HTMLElement} node */
export function slot(node) {
  return /** @type {HTMLElement} */ (node.lastElementChild);
}

/**
 * Rebuild the tab buttons from the children's labels.
 * @param {HTMLElement} node
 * @param {Kid[]} kids
 */
export function arrange(node, kids) {
  const list = /** @type {HTMLElement} */ (node.firstElementChild);
  while (list.children.length > kids.length) list.lastElementChild?.remove();
  kids.forEach((kid, i) => {
    let tab = /** @type {HTMLButtonElement | undefined} */ (list.children[i]);
    if (!tab) {
      tab = list.appendChild(h("button", "tab"));
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.id = uid();
    }
    tab.textContent = String(kid.el.props.label ?? "");
    if (!kid.dom.id) kid.dom.id = uid();
    tab.setAttribute("aria-controls", kid.dom.id);
    kid.dom.setAttribute("aria-labelledby", tab.id);
  });
  choose(node, Math.max(0, Math.min(selected.get(node) ?? 0, kids.length - 1)), false);
}

/**
 * @param {HTMLElement} node
 * @param {number} index
 * @param {boolean} focus
 */
function choose(node, index, focus) {
  selected.set(node, index);
  const tabs = [.../** @type {HTMLElement} */ (node.firstElementChild).children];
  const panels = [.../** @type {HTMLElement} */ (node.lastElementChild).children];
  tabs.forEach((tab, i) => {
    tab.setAttribute("aria-selected", String(i === index));
    tab.setAttribute("tabindex", i === index ? "0" : "-1");
    if (i === index && focus) /** @type {HTMLElement} */ (tab).focus();
  });
  panels.forEach((panel, i) => /** @type {HTMLElement} */ (panel).toggleAttribute("hidden", i !== index));
}
