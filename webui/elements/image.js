// Images by URL: media the server keeps (porch.media, relative to the page's base) or a URL the script gave. One
// element may hold several images side by side, each with its caption under it; `link` makes each one a link.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{
 *   images: ({url: string, caption: string | null})[],
 *   width: string | number,
 *   link: string | null,
 *   alt: string | null,
 * }} Props
 */
/** @typedef {{url: string, caption: string | null}} Item */

/** @param {Elem} el */
export function create(el) {
  const node = h("div", "image-list");
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  /** @type {Item[]} */
  const images = el.props.images ?? [];
  const { width, link, alt } = el.props;
  const px = typeof width === "number";
  node.dataset.imageWidth = px ? "px" : String(width ?? "content");
  while (node.children.length > images.length) /** @type {Element} */ (node.lastElementChild).remove();
  images.forEach((item, i) => {
    let figure = node.children[i];
    if (!figure) {
      figure = h("figure", "image");
      const img = h("img");
      img.decoding = "async";
      const anchor = h("a", "image-link");
      anchor.target = "_blank";
      anchor.rel = "noopener noreferrer";
      figure.append(anchor, h("figcaption", "image-caption"));
      anchor.append(img);
    }
    if (!figure.isConnected) node.append(figure);
    const anchor = /** @type {HTMLAnchorElement} */ (figure.firstElementChild);
    const img = /** @type {HTMLImageElement} */ (anchor.firstElementChild);
    const caption = /** @type {HTMLElement} */ (figure.lastElementChild);
    const src = new URL(item.url, document.baseURI).href;
    if (img.src !== src) img.src = src;
    img.alt = alt ?? item.caption ?? "";
    img.style.width = px ? `${width}px` : "";
    if (link) anchor.href = link;
    else anchor.removeAttribute("href");
    caption.textContent = item.caption ?? "";
    caption.hidden = !item.caption;
  });
}
