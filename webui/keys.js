// The class of an element the script gave a key: `st-key-<key>`, as Streamlit names it, so that a stylesheet the
// app brings (st.html, st.markdown with unsafe_allow_html) finds the container, expander, tabs or popover by it.

/**
 * Give `node` the class of `key` (none for null), dropping the one of an earlier key.
 * @param {HTMLElement} node
 * @param {string | null} key
 */
export function setKeyClass(node, key) {
  for (const name of [...node.classList]) if (name.startsWith("st-key-")) node.classList.remove(name);
  if (key) node.classList.add(`st-key-${key.trim().replace(/[^a-zA-Z0-9_-]/g, "-")}`);
}
