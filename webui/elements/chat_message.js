// A chat message: its author's avatar beside a block holding the message (the children). "user" and "assistant"
// have icons of their own, drawn here, and the user's messages a tinted bubble; other authors show their initial,
// an emoji, an image (a URL relative to the page's base), a Material icon, or a spinner.
import { h, iconNode, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{name: string, avatar_type: string, avatar: string | null, width: string | number}} Props
 */

const SVG = "http://www.w3.org/2000/svg";
/** Outline icons on a 24-unit grid: a person for the user, a robot's face for the assistant. */
const ICONS = {
  user: ["M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8Z", "M4.5 20a7.5 7.5 0 0 1 15 0"],
  assistant: ["M6 8h12a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2Z", "M12 8V4.5", "M9 13v1",
    "M15 13v1", "M2 13v2", "M22 13v2"],
};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "chat-message");
  node.setAttribute("role", "article");
  const avatar = h("div", "chat-avatar");
  avatar.setAttribute("aria-hidden", "true");
  node.append(avatar, h("div", "block chat-body"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  const { name, avatar_type: type, avatar } = el.props;
  node.setAttribute("aria-label", String(name ?? ""));
  node.dataset.author = type === "user" || type === "assistant" ? type : "other";
  setWidth(node, el.props.width);
  const box = /** @type {HTMLElement} */ (node.firstElementChild);
  const drawn = `${type}:${avatar ?? ""}`;
  if (box.dataset.drawn === drawn) return;
  box.dataset.drawn = drawn;
  box.dataset.type = type;
  box.replaceChildren();
  box.title = type === "icon" ? String(avatar ?? "") : "";
  if (type === "user" || type === "assistant") box.append(icon(ICONS[/** @type {"user" | "assistant"} */ (type)]));
  else if (type === "image" && avatar) {
    const img = h("img");
    img.alt = "";
    img.src = new URL(avatar, document.baseURI).href;
    box.append(img);
  } else if (type === "spinner") box.append(iconNode("spinner"));
  else if (type === "icon") box.append(iconNode(`:material/${avatar}:`));
  else box.textContent = avatar ?? "";
}

/** @param {HTMLElement} node */
export function slot(node) {
  return /** @type {HTMLElement} */ (node.lastElementChild);
}

/** @param {string[]} paths */
function icon(paths) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("fill", "none");
  svg.setAttribute("stroke", "currentColor");
  svg.setAttribute("stroke-width", "1.8");
  svg.setAttribute("stroke-linecap", "round");
  svg.setAttribute("stroke-linejoin", "round");
  for (const d of paths) {
    const path = document.createElementNS(SVG, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}
