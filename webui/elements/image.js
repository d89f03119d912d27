// Images by URL: media the server keeps (porch.media, relative to the page's base) or a URL the script gave. One
// element may hold several images side by side; each caption is shown under its image and is its alt text.
import { h } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/**
 * @typedef {{
 *   images: ({url: string, caption: string | null})[],
 *   width: number | null,
 *   use_container_width: boolean,
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
  const { width, use_container_width } = el.props;
  node.classList.toggle("full-width", !!use_container_width);
  while (node.children.length > images.length) /** @type {Element} */ (node.lastElementChild).remove();
  images.forEach((item, i) => {
    let figure = node.children[i];
    if (!figure) {
      figure = h("figure", "image");
      const img = h("img");
      img.decoding = "async";
      figure.append(img, h("figcaption", "image-caption"));
      node.append(figure);
    }
    const img = /** @type {HTMLImageElement} */ (figure.firstElementChild);
    const caption = /** @type {HTMLElement} */ (figure.lastElementChild);
    const src = new URL(item.url, document.baseURI).href;
    if (img.src !== src) img.src = src;
    img.alt = item.caption ?? "";
    img.style.width = width && !use_container_width ? `${width}px` : "";
    caption.textContent = item.caption ?? "";
    caption.hidden = !item.caption;
  });
}
