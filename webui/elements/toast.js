// A toast: the element keeps its place in the tree as an empty, hidden node; the message is drawn as a card in an
// overlay at the top right, where it stays for its duration (paused while pointed at or focused) even after a rerun
// removed the element. An update with the same `shot` (the script's `msg.toast(...)`) changes the card in place if it
// is still shown; a new shot (a new call) is a new card, played once (porch/once.js). In the desktop window, a toast
// that arrives while the window is not in front is also a system notification (see `notify`).
import { firstTime, reducedMotion } from "porch/once.js";
import { h, setHtml, showIcon } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{body: string, html: string, icon: string | null, duration: number | null, shot: string}} Props */

/** The most cards shown at once; the oldest goes first. */
const MAX_CARDS = 5;
const LEAVE_MS = 200;

/**
 * What each element node shows: its shot and its card (null when that shot was played before this page).
 * @type {WeakMap<HTMLElement, {shot: string, card: HTMLElement | null}>}
 */
const shown = new WeakMap();

/**
 * A card's clock: the time left, and the timer running it (undefined while paused or for a toast without end).
 * @typedef {{left: number | null, since: number, timer: ReturnType<typeof setTimeout> | undefined, held: number}} Clock
 * @type {WeakMap<HTMLElement, Clock>}
 */
const clocks = new WeakMap();

/** The overlay region the cards live in, made on first use. */
function area() {
  let region = /** @type {HTMLElement | null} */ (document.querySelector("body > .toast-area"));
  if (!region) {
    region = h("section", "toast-area");
    region.setAttribute("aria-label", "Notifications");
    region.setAttribute("aria-live", "polite");
    document.body.append(region);
  }
  return region;
}

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "toast");
  node.hidden = true;
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const props = /** @type {Props} */ (el.props);
  node.dataset.shot = props.shot;
  const was = shown.get(node);
  if (was && was.shot === props.shot) {
    if (was.card?.isConnected && !was.card.classList.contains("toast-leaving")) {
      fill(was.card, props);
      notify(was.card, props);
    }
    return;
  }
  const card = firstTime(props.shot) ? open(props) : null;
  shown.set(node, { shot: props.shot, card });
  if (card) notify(card, props);
}

/**
 * Also show the toast as a system notification, when the page runs in the desktop window (porch.runtime's mode, set
 * on the body by app.js), the window is not in front (another window has the focus, or it is minimised), and the
 * window lets this page show notifications: the shell grants that to the app's own page before it loads, and the
 * page never asks for it, so a browser shows no prompt. Title: the page's; body: the toast's text, without its
 * markdown, after its icon. A toast the script updates (same shot) replaces its notification (same tag). Clicking the
 * notification brings the window back (the shell raises it; `focus` is for web views that leave that to the page).
 * @param {HTMLElement} card
 * @param {Props} props
 */
function notify(card, props) {
  if (document.body.dataset.runtime !== "desktop" || typeof Notification === "undefined") return;
  if (Notification.permission !== "granted") return;
  if (document.visibilityState === "visible" && document.hasFocus()) return;
  const text = plainText(/** @type {HTMLElement} */ (card.children[1]));
  const body = [emojiOf(props.icon), text].filter(Boolean).join(" ");
  try {
    const note = new Notification(document.title, { body, tag: `porch-toast-${props.shot}` });
    note.addEventListener("click", () => window.focus());
  } catch (err) {
    console.warn("porch: the toast could not be shown as a system notification:", err);
  }
}

/**
 * The toast's icon when it is an emoji (a notification cannot draw Material icons or the spinner), else "".
 * @param {string | null} icon
 */
function emojiOf(icon) {
  return icon && icon !== "spinner" && !icon.startsWith(":material/") ? icon : "";
}

/**
 * The text a card's message shows, without its markdown (and without Material icons, whose names are their text).
 * @param {HTMLElement} message
 */
function plainText(message) {
  const copy = /** @type {HTMLElement} */ (message.cloneNode(true));
  for (const icon of copy.querySelectorAll(".material-icon")) icon.remove();
  return (copy.textContent ?? "").replace(/[ \t]+/g, " ").replace(/ *\n[\s]*/g, "\n").trim();
}

/** @param {Props} props */
function open(props) {
  const card = h("div", "toast-card");
  const close = h("button", "toast-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Close");
  close.addEventListener("click", () => leave(card));
  card.append(h("span", "toast-icon"), h("div", "toast-body"), close);
  /** @type {Clock} */
  const clock = { left: null, since: 0, timer: undefined, held: 0 };
  clocks.set(card, clock);
  const hold = () => {
    if (clock.held++ === 0) pause(card);
  };
  const release = () => {
    if (--clock.held === 0) resume(card);
  };
  card.addEventListener("pointerenter", hold);
  card.addEventListener("pointerleave", release);
  card.addEventListener("focusin", hold);
  card.addEventListener("focusout", release);
  const region = area();
  region.append(card);
  while (region.children.length > MAX_CARDS) region.firstElementChild?.remove();
  fill(card, props);
  return card;
}

/**
 * Show `props` on `card` and start its clock anew.
 * @param {HTMLElement} card
 * @param {Props} props
 */
function fill(card, props) {
  card.dataset.shot = props.shot;
  const [icon, body] = /** @type {HTMLElement[]} */ ([...card.children]);
  showIcon(icon, props.icon);
  setHtml(body, props.html);
  const clock = /** @type {Clock} */ (clocks.get(card));
  clearTimeout(clock.timer);
  clock.timer = undefined;
  clock.left = typeof props.duration === "number" && props.duration > 0 ? props.duration * 1000 : null;
  if (clock.held === 0) resume(card);
}

/** @param {HTMLElement} card */
function pause(card) {
  const clock = /** @type {Clock} */ (clocks.get(card));
  if (clock.timer === undefined || clock.left === null) return;
  clearTimeout(clock.timer);
  clock.timer = undefined;
  clock.left = Math.max(0, clock.left - (performance.now() - clock.since));
}

/** @param {HTMLElement} card */
function resume(card) {
  const clock = /** @type {Clock} */ (clocks.get(card));
  if (clock.left === null || clock.timer !== undefined) return;
  clock.since = performance.now();
  clock.timer = setTimeout(() => leave(card), clock.left);
}

/** @param {HTMLElement} card */
function leave(card) {
  const clock = clocks.get(card);
  if (clock) clearTimeout(clock.timer);
  if (card.classList.contains("toast-leaving")) return;
  card.classList.add("toast-leaving");
  setTimeout(() => card.remove(), reducedMotion() ? 0 : LEAVE_MS);
}
