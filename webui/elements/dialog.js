// A modal dialog: a <dialog> shown with showModal(), so the rest of the page is inert, Tab stays inside it and it is
// announced as a modal dialog named by its title. It opens whenever the server sends a new `opened` (each run that
// calls the dialog's function) and closes when a run no longer produces it (the element is removed). When it is
// `dismissible`, Escape, its close button and a click outside it close it in the page; a dialog with an id (on_dismiss
// "rerun" or a function) then tells the server, as a button's click does. Focus moves into it on opening and back
// to where it was on closing. A drawer (position "left" or "right") can be made wider or narrower, as Streamlit's:
// by dragging its inner edge (a double click gives back the script's width), or from the keyboard on that edge, a
// separator (arrows, Home, End), between MIN_DRAWER px and the window's width less EDGE_ROOM px; the width holds
// until the dialog closes.
import { current, h, setLabelText, showIcon, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * @typedef {{title: string, icon: string | null, width: string | number, position: string, dismissible: boolean,
 *   opened: number}} Props
 */

/** What had focus before each dialog opened: it gets it back when the dialog closes or leaves the page. */
/** @type {WeakMap<HTMLElement, Element | null>} */
const openers = new WeakMap();
/**
 * What the dialog focused itself (its first control then, or the dialog): while focus stays there, a control that
 * arrives before it in a later frame (its module loaded after a sibling's) takes focus instead.
 * @type {WeakMap<HTMLElement, Element>}
 */
const placed = new WeakMap();
/** A drawer's narrowest width (Streamlit's: 12.5rem), and the room it leaves of the window at its widest (px). */
const MIN_DRAWER = 200;
const EDGE_ROOM = 32;
/** How far an arrow key moves a drawer's edge, and with Shift (px). */
const KEY_STEP = 16;
const BIG_STEP = 64;

/**
 * The element the tree holds: a host whose removal (a run that no longer opens the dialog) gives focus back, which
 * removing an open <dialog> from the page does not do by itself.
 */
class DialogHost extends HTMLElement {
  disconnectedCallback() {
    const dialog = /** @type {HTMLDialogElement | null} */ (this.firstElementChild);
    if (dialog?.open) {
      dialog.dataset.closing = "server";
      dialog.close();
    }
    restoreFocus(this);
  }
}
if (!customElements.get("porch-dialog")) customElements.define("porch-dialog", DialogHost);

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = /** @type {HTMLElement} */ (document.createElement("porch-dialog"));
  const dialog = h("dialog", "dialog");
  dialog.setAttribute("role", "dialog");
  dialog.setAttribute("aria-modal", "true");
  const header = h("header", "dialog-header");
  const title = h("h2", "dialog-title");
  title.id = uid();
  dialog.setAttribute("aria-labelledby", title.id);
  title.append(h("span", "dialog-icon"), h("span", "dialog-title-text"));
  const close = h("button", "porch-icon-button dialog-close", "\u00d7");
  close.type = "button";
  close.setAttribute("aria-label", "Close");
  header.append(title, close);
  const body = h("div", "block dialog-body");
  dialog.append(header, body, resizer(dialog));
  node.append(dialog);

  const dismissible = () => !!current.get(node)?.props.dismissible;
  close.addEventListener("click", () => dismissible() && dialog.close());
  // Escape: closes a dismissible dialog (the browser's own cancel), nothing else.
  dialog.addEventListener("cancel", (event) => {
    if (!dismissible()) event.preventDefault();
  });
  // A click on the backdrop lands on the <dialog> itself, outside its box; one that began inside it (selecting
  // text) does not count.
  /** @param {MouseEvent} event */
  const onBackdrop = (event) => {
    const box = dialog.getBoundingClientRect();
    const { clientX: x, clientY: y } = event;
    return event.target === dialog && (x < box.left || x > box.right || y < box.top || y > box.bottom);
  };
  let pressedOnBackdrop = false;
  dialog.addEventListener("pointerdown", (event) => (pressedOnBackdrop = onBackdrop(event)));
  dialog.addEventListener("click", (event) => {
    if (pressedOnBackdrop && onBackdrop(event) && dismissible()) dialog.close();
    pressedOnBackdrop = false;
  });
  dialog.addEventListener("close", () => {
    const byServer = dialog.dataset.closing === "server";
    delete dialog.dataset.closing;
    if (byServer) return;
    const now = current.get(node);
    if (!now?.props.dismissible) {
      // A browser may close a modal dialog on repeated Escape whatever the page says: only the script may.
      if (node.isConnected) dialog.showModal();
      return;
    }
    restoreFocus(node);
    if (now.id) ctx.send({}, now.id);
  });
  // A run streams the content in, so its controls may arrive in frames after the one that opened the dialog, at
  // any depth (inside a form, a column) and not in page order: while focus is still where the dialog put it, it
  // moves to the first control.
  new MutationObserver(() => {
    if (dialog.open && document.activeElement === placed.get(node)) focusFirst(node, dialog);
  }).observe(body, { childList: true, subtree: true });
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const { title = "", icon, width = "small", position = "center", dismissible, opened } = el.props;
  const dialog = /** @type {HTMLDialogElement} */ (node.firstElementChild);
  const px = typeof width === "number";
  dialog.dataset.width = px ? "px" : String(width);
  dialog.style.setProperty("--dialog-width", px ? `${width}px` : "");
  dialog.dataset.position = String(position);
  const iconNode = /** @type {HTMLElement} */ (dialog.querySelector(".dialog-icon"));
  showIcon(iconNode, icon, !!title);
  setLabelText(/** @type {HTMLElement} */ (dialog.querySelector(".dialog-title-text")), String(title));
  /** @type {HTMLElement} */ (dialog.querySelector(".dialog-close")).hidden = !dismissible;
  if (node.dataset.opened !== String(opened)) {
    node.dataset.opened = String(opened);
    open(node, dialog);
  }
}

/** @param {HTMLElement} node */
export function slot(node) {
  return /** @type {HTMLElement} */ (node.querySelector(".dialog-body"));
}

/**
 * Show the dialog as a modal (once the tree has put it into the page) and move focus to its first control.
 * @param {HTMLElement} node
 * @param {HTMLDialogElement} dialog
 */
function open(node, dialog) {
  if (!node.isConnected) {
    queueMicrotask(() => node.isConnected && open(node, dialog));
    return;
  }
  if (dialog.open) return;
  dialog.style.removeProperty("--dialog-drag-width"); // a drawer opens at the script's width
  const active = document.activeElement;
  openers.set(node, active && active !== document.body ? active : null);
  dialog.showModal();
  focusFirst(node, dialog);
}

/**
 * Move focus to the dialog's first control, or to the dialog itself while it has none yet.
 * @param {HTMLElement} node
 * @param {HTMLDialogElement} dialog
 */
function focusFirst(node, dialog) {
  const first = /** @type {HTMLElement | null} */ (
    slot(node).querySelector("input:not([disabled]), select:not([disabled]), textarea:not([disabled]), " +
      "button:not([disabled]), [href], [tabindex]:not([tabindex='-1'])")
  );
  if (first) first.focus();
  else {
    dialog.tabIndex = -1;
    dialog.focus();
  }
  placed.set(node, first ?? dialog);
}

/**
 * Give focus back to what had it before the dialog opened, if it is still in the page and focus is nowhere else.
 * @param {HTMLElement} node
 */
function restoreFocus(node) {
  const opener = openers.get(node);
  openers.delete(node);
  const lost = !document.activeElement || document.activeElement === document.body;
  if (opener instanceof HTMLElement && opener.isConnected && lost) opener.focus({ preventScroll: true });
}

/**
 * The inner edge of a drawer, which resizes it: dragged with the pointer (a double click gives back the script's
 * width), or focused and moved with the arrow keys (Shift: further), Home (narrowest) and End (widest). Hidden by
 * the style sheet unless the dialog is a drawer.
 * @param {HTMLDialogElement} dialog
 */
function resizer(dialog) {
  const edge = h("div", "dialog-resize");
  edge.setAttribute("role", "separator");
  edge.setAttribute("aria-orientation", "vertical");
  edge.setAttribute("aria-label", "Resize dialog");
  edge.tabIndex = 0;
  const left = () => dialog.dataset.position === "left";
  const widest = () => Math.max(MIN_DRAWER, window.innerWidth - EDGE_ROOM);
  /** @param {number} width */
  const resize = (width) => {
    const shown = Math.round(Math.min(widest(), Math.max(MIN_DRAWER, width)));
    dialog.style.setProperty("--dialog-drag-width", `${shown}px`);
    describe();
  };
  const describe = () => {
    edge.setAttribute("aria-valuemin", String(MIN_DRAWER));
    edge.setAttribute("aria-valuemax", String(widest()));
    edge.setAttribute("aria-valuenow", String(Math.round(dialog.getBoundingClientRect().width)));
  };
  /** @type {{x: number, width: number} | null} */
  let drag = null;
  edge.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    edge.setPointerCapture(event.pointerId);
    drag = { x: event.clientX, width: dialog.getBoundingClientRect().width };
  });
  edge.addEventListener("pointermove", (event) => {
    if (!drag) return;
    const moved = event.clientX - drag.x;
    resize(left() ? drag.width + moved : drag.width - moved);
  });
  /** @param {PointerEvent} event */
  const end = (event) => {
    if (edge.hasPointerCapture(event.pointerId)) edge.releasePointerCapture(event.pointerId);
    drag = null;
  };
  edge.addEventListener("pointerup", end);
  edge.addEventListener("pointercancel", end);
  edge.addEventListener("dblclick", () => {
    dialog.style.removeProperty("--dialog-drag-width");
    describe();
  });
  edge.addEventListener("keydown", (event) => {
    const width = dialog.getBoundingClientRect().width;
    const step = event.shiftKey ? BIG_STEP : KEY_STEP;
    // The arrows move the edge: toward the page's middle widens the drawer.
    const outward = left() ? "ArrowRight" : "ArrowLeft";
    const inward = left() ? "ArrowLeft" : "ArrowRight";
    if (event.key === outward) resize(width + step);
    else if (event.key === inward) resize(width - step);
    else if (event.key === "Home") resize(MIN_DRAWER);
    else if (event.key === "End") resize(widest());
    else return;
    event.preventDefault();
  });
  edge.addEventListener("focus", describe);
  edge.addEventListener("pointerenter", describe);
  return edge;
}
