// A popover: a button (button.js's face) that opens a floating panel holding the block's children. The panel is an
// HTML popover ("auto"), so it sits over everything and closes on a click outside it or on Escape; the button is its
// invoker, so clicking the button toggles it. Opening moves focus into the panel; closing while focus was inside
// brings it back to the button. When the element has an id (the script asked to know, with on_change), each open
// and close is sent as the new state, and the server's `open` wins when it changes it.
import { buttonFace, buttonFrame } from "porch/elements/button.js";
import { commit, current, h, sync, uid } from "porch/widget.js";
import { setKeyClass } from "porch/keys.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {{label: string, type: string, help: string | null, icon: string | null, disabled: boolean,
 *   width: string | number, wrap: boolean | null, open: boolean, key: string | null}} Props
 */

/** Space kept between the panel and the button, and between the panel and the window's edges (px). */
const GAP = 6;
const MARGIN = 8;

/** Open panels and their buttons: they follow the button when the page scrolls or resizes, or their content does. */
/** @type {Map<HTMLElement, HTMLElement>} */
const shown = new Map();
const follow = () => {
  for (const [panel, button] of shown) {
    if (panel.isConnected) place(panel, button);
    else {
      shown.delete(panel); // removed by a rerun while open: no toggle event comes
      resized.unobserve(panel);
    }
  }
};
const resized = new ResizeObserver(follow);
addEventListener("resize", follow);
addEventListener("scroll", follow, { capture: true, passive: true });

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const button = h("button", "popover-button");
  button.type = "button";
  const node = buttonFrame(button);
  node.classList.add("popover");
  button.append(h("span", "popover-chevron"));
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-expanded", "false");
  const panel = h("div", "block popover-panel");
  panel.id = uid();
  panel.popover = "auto";
  panel.tabIndex = -1;
  panel.setAttribute("role", "dialog");
  button.setAttribute("aria-controls", panel.id);
  button.popoverTargetElement = panel;
  node.append(panel);

  let focusWasInside = false;
  panel.addEventListener("beforetoggle", (event) => {
    const opening = /** @type {ToggleEvent} */ (event).newState === "open";
    if (opening) place(panel, button);
    else focusWasInside = panel.contains(document.activeElement);
  });
  panel.addEventListener("toggle", (event) => {
    const open = /** @type {ToggleEvent} */ (event).newState === "open";
    button.setAttribute("aria-expanded", String(open));
    if (open) {
      shown.set(panel, button);
      resized.observe(panel);
      place(panel, button);
      focusInto(panel);
    } else {
      shown.delete(panel);
      resized.unobserve(panel);
      const lost = !document.activeElement || document.activeElement === document.body;
      if (focusWasInside && lost) button.focus({ preventScroll: true });
    }
    const now = current.get(node);
    if (now?.id) commit(node, now, ctx, open);
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
  setKeyClass(node, el.props.key ?? null);
  const button = /** @type {HTMLButtonElement} */ (node.firstElementChild);
  const panel = slot(node);
  button.disabled = !!el.props.disabled;
  buttonFace(node, el);
  panel.setAttribute("aria-label", String(el.props.label ?? ""));
  if (el.id) sync(node, { ...el, props: { ...el.props, value: !!el.props.open } }, (open) => setOpen(panel, !!open));
  if (el.props.disabled) setOpen(panel, false);
}

/** @param {HTMLElement} node */
export function slot(node) {
  return /** @type {HTMLElement} */ (node.querySelector(":scope > .popover-panel"));
}

/** @param {HTMLElement} panel */
function isOpen(panel) {
  return panel.matches(":popover-open");
}

/**
 * Open or close the panel as the server says; a panel not in the page yet (just created) is opened once it is.
 * @param {HTMLElement} panel
 * @param {boolean} open
 */
function setOpen(panel, open) {
  if (!panel.isConnected) {
    if (open) queueMicrotask(() => panel.isConnected && setOpen(panel, true));
    return;
  }
  if (open !== isOpen(panel)) panel.togglePopover(open);
}

/**
 * Put the panel under its button (above it when there is no room below), inside the window, at least as wide as
 * the button.
 * @param {HTMLElement} panel
 * @param {HTMLElement} button
 */
function place(panel, button) {
  const anchor = button.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const height = innerHeight;
  panel.style.minWidth = `${Math.min(anchor.width, width - 2 * MARGIN)}px`;
  const box = panel.getBoundingClientRect();
  let top = anchor.bottom + GAP;
  if (top + box.height > height - MARGIN && anchor.top - GAP - box.height >= MARGIN) top = anchor.top - GAP - box.height;
  const left = Math.max(MARGIN, Math.min(anchor.left, width - MARGIN - box.width));
  panel.style.left = `${left}px`;
  panel.style.top = `${Math.max(MARGIN, top)}px`;
}

/**
 * Move focus into an opened panel: its first control, else the panel itself.
 * @param {HTMLElement} panel
 */
function focusInto(panel) {
  const first = /** @type {HTMLElement | null} */ (
    panel.querySelector("input:not([disabled]), select:not([disabled]), textarea:not([disabled]), " +
      "button:not([disabled]), [href], [tabindex]:not([tabindex='-1'])")
  );
  (first ?? panel).focus({ preventScroll: true });
}
