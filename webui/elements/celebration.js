// balloons and snow: a few seconds of shapes floating across the page, drawn with inline SVG in an overlay that lets
// the pointer through, played once per `shot` (porch/once.js). The element's own node is hidden: it takes no room.
// Readers who ask for reduced motion see still shapes fade in and out instead (celebration.css).
import { firstTime } from "porch/once.js";
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {{style: string, shot: string}} Props */

const SVG = "http://www.w3.org/2000/svg";
const BALLOON_COLOURS = ["#ef4444", "#f97316", "#eab308", "#22c55e", "#3b82f6", "#8b5cf6", "#ec4899"];

/**
 * How each style moves: how many pieces, their size (px), how long each travels and waits to start (ms).
 * @type {Record<string, {count: number, size: [number, number], travel: [number, number], delay: [number, number]}>}
 */
const STYLES = {
  balloons: { count: 24, size: [36, 64], travel: [2600, 4200], delay: [0, 1200] },
  snow: { count: 44, size: [10, 26], travel: [4200, 7000], delay: [0, 1800] },
};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "celebration");
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
  node.dataset.style = props.style;
  if (node.dataset.shot === props.shot) return;
  node.dataset.shot = props.shot;
  if (firstTime(props.shot)) play(props.style, props.shot);
}

/**
 * @param {number} lo
 * @param {number} hi
 */
const between = (lo, hi) => lo + Math.random() * (hi - lo);

/**
 * @param {string} style
 * @param {string} shot
 */
function play(style, shot) {
  const how = STYLES[style] ?? STYLES.balloons;
  const overlay = h("div", "celebration-overlay");
  overlay.dataset.style = style in STYLES ? style : "balloons";
  overlay.dataset.shot = shot;
  overlay.setAttribute("aria-hidden", "true");
  let longest = 0;
  for (let i = 0; i < how.count; i++) {
    const size = between(...how.size);
    const travel = between(...how.travel);
    const delay = between(...how.delay);
    longest = Math.max(longest, travel + delay);
    const piece = h("div", "celebration-piece");
    // Spread evenly across the width, each in its own lane with a little jitter.
    piece.style.setProperty("--x", `${((i + between(0.1, 0.9)) / how.count) * 100}%`);
    piece.style.setProperty("--y", `${between(5, 85)}vh`);
    piece.style.setProperty("--size", `${size.toFixed(1)}px`);
    piece.style.setProperty("--travel", `${Math.round(travel)}ms`);
    piece.style.setProperty("--delay", `${Math.round(delay)}ms`);
    piece.style.setProperty("--drift", `${between(-60, 60).toFixed(1)}px`);
    piece.style.setProperty("--turn", `${between(-200, 200).toFixed(0)}deg`);
    piece.append(style === "snow" ? flake() : balloon(BALLOON_COLOURS[i % BALLOON_COLOURS.length]));
    overlay.append(piece);
  }
  document.body.append(overlay);
  // Reduced motion plays a fixed fade (celebration.css) that never outlasts the moving version.
  setTimeout(() => overlay.remove(), longest + 200);
}

/**
 * @param {string} tag
 * @param {Record<string, string>} attrs
 */
function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

/** @param {string} colour */
function balloon(colour) {
  const root = svg("svg", { viewBox: "0 0 40 64", class: "celebration-balloon" });
  root.append(
    svg("path", { d: "M20 36c0 8-5 12-2 20s-3 8-1 8", fill: "none", stroke: "currentColor", "stroke-width": "0.8",
      class: "celebration-string" }),
    svg("ellipse", { cx: "20", cy: "17", rx: "15", ry: "17", fill: colour }),
    svg("path", { d: "M17 35h6l-3-3z", fill: colour }),
    svg("ellipse", { cx: "14", cy: "10", rx: "3.5", ry: "6", fill: "#ffffff", opacity: "0.35" }),
  );
  return root;
}

function flake() {
  const root = svg("svg", { viewBox: "-12 -12 24 24", class: "celebration-flake" });
  const arm = "M0 0V-10M0 -6.5l-3 -2.5M0 -6.5l3 -2.5";
  const group = svg("g", { fill: "none", stroke: "currentColor", "stroke-width": "1.6", "stroke-linecap": "round" });
  for (let i = 0; i < 6; i++) group.append(svg("path", { d: arm, transform: `rotate(${i * 60})` }));
  root.append(group);
  return root;
}
