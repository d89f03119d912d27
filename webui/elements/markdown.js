// Markdown the server rendered to HTML (raw HTML escaped there); `caption` makes it small and muted. Headings inside
// get an id from their words (as a header's anchor: core/markdown_html.py `slug`), so an address ending in
// `#my-heading` leads to one; with `anchors` a link to it shows beside each heading on hover, as in Streamlit.
import { h, iconNode, setHelp, setHtml, setText, setWidth } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{body: string, html: string, allow_html: boolean, variant: string | null, help: string | null,
 *   width: string | number, text_alignment: string, wrap: boolean, anchors: boolean}} Props
 */

/** The props the server leaves off while they hold these values (core/elements/markdown.py's DEFAULTS). */
export const defaults = {"allow_html": false, "variant": null, "help": null, "width": "auto",
  "text_alignment": "left", "wrap": true, "anchors": true};

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "markdown");
  node.append(h("div", "markdown-body"));
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  node.classList.toggle("caption", el.props.variant === "caption");
  const body = /** @type {HTMLElement} */ (node.firstElementChild);
  setHtml(body, el.props.html);
  anchor(body, !!el.props.anchors);
  setHelp(node, el.props.help);
  setWidth(node, el.props.width);
  setText(node, el.props);
}

/**
 * The anchor name of a heading, as the server makes one (core/markdown_html.py `slug`): its words in lower case,
 * without punctuation, spaces as hyphens; icons do not count.
 * @param {HTMLElement} heading
 */
export function slug(heading) {
  const words = headingText(heading).toLowerCase().replace(/[^\p{L}\p{N}_\s-]/gu, "").trim();
  return words.replace(/\s+/g, "-");
}

/**
 * What a heading says: its text without icons and its own link.
 * @param {HTMLElement} heading
 */
function headingText(heading) {
  const copy = /** @type {HTMLElement} */ (heading.cloneNode(true));
  for (const skip of copy.querySelectorAll(".material-icon, .heading-anchor")) skip.remove();
  return (copy.textContent ?? "").trim();
}

/**
 * Give each heading of `body` its id, and with `links` a link to it. A click on the link shows the heading's
 * address (the page's own, with the anchor) without leaving the page.
 * @param {HTMLElement} body
 * @param {boolean} links
 */
function anchor(body, links) {
  for (const heading of /** @type {NodeListOf<HTMLElement>} */ (body.querySelectorAll("h1, h2, h3, h4, h5, h6"))) {
    const name = heading.dataset.anchor ?? (heading.id || slug(heading));
    heading.dataset.anchor = name;
    if (!name) continue;
    heading.id = name;
    let link = /** @type {HTMLAnchorElement | null} */ (heading.querySelector(":scope > .heading-anchor"));
    if (!links) {
      link?.remove();
      continue;
    }
    if (!link) {
      link = h("a", "heading-anchor");
      link.append(iconNode(":material/link:"));
      link.addEventListener("click", (event) => {
        event.preventDefault();
        location.hash = name;
      });
      heading.append(link);
    }
    link.href = `#${encodeURIComponent(name)}`;
    link.setAttribute("aria-label", `Link to ${headingText(heading) || name}`);
  }
}
