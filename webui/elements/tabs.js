// Tabs: a tablist built from the `tab` children's labels, arrow keys to move, one panel shown at a time. The tab
// shown first is `selected`; when the element has an id (the script asked to know, with on_change), a switch is
// sent as the new tab's index, and the server's `selected` wins when it changes it.
import { commit, current, h, setHeight, setLabelText, setWidth, sync, uid } from "porch/widget.js";
import { setKeyClass } from "porch/keys.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @typedef {import("porch/tree.js").Kid} Kid */
/** @typedef {{width: string | number, height: string | number, selected: number, key: string | null}} Props */

/** @type {WeakMap<HTMLElement, number>} which tab each tabs block shows */
const selected = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "tabs");
  const list = h("div", "tab-list");
  list.setAttribute("role", "tablist");
  /** @param {number} index */
  const pick = (index) => {
    choose(node, index, true);
    const now = current.get(node);
    if (now?.id) commit(node, now, ctx, selected.get(node));
  };
  list.addEventListener("keydown", (event) => {
    const tabs = /** @type {HTMLElement[]} */ ([...list.children]);
    const at = tabs.indexOf(/** @type {HTMLElement} */ (event.target));
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (at < 0 || to === undefined) return;
    event.preventDefault();
    pick((to + tabs.length) % tabs.length);
  });
  list.addEventListener("click", (event) => {
    const tab = /** @type {HTMLElement} */ (event.target).closest("[role=tab]");
    if (tab) pick([...list.children].indexOf(tab));
  });
  node.append(list, h("div", "tab-panels"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setKeyClass(node, el.props.key ?? null);
  setWidth(node, el.props.width);
  setHeight(/** @type {HTMLElement} */ (node.lastElementChild), el.props.height);
  const wanted = Number(el.props.selected) || 0;
  if (el.id) {
    sync(node, { ...el, props: { ...el.props, value: wanted } }, (index) => choose(node, Number(index) || 0, false));
  } else if (node.dataset.selected !== String(wanted)) {
    choose(node, wanted, false);
  }
  node.dataset.selected = String(wanted);
}

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
    setLabelText(tab, String(kid.el.props.label ?? ""));
    if (!kid.dom.id) kid.dom.id = uid();
    tab.setAttribute("aria-controls", kid.dom.id);
    kid.dom.setAttribute("aria-labelledby", tab.id);
  });
  // The tab asked for may not have arrived yet (the tabs come in one by one when the page's frames split them):
  // show the nearest, and keep asking for it.
  const wanted = selected.get(node) ?? 0;
  choose(node, Math.max(0, Math.min(wanted, kids.length - 1)), false);
  selected.set(node, wanted);
}

/**
 * Show the tab at `index` (its panel and its button as selected); remember it even before the tabs exist.
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
