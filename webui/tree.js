// The element tree: a JS mirror of what the server sent, the registry of element modules, and the painter.
//
// Messages change only the model (`apply`); `paint` then brings the DOM in line in one pass, so a frame of many
// deltas costs one layout. Element modules are imported on first use, so a page downloads only the kinds it shows,
// and each brings its own styles: `elements/<kind>.css` is served inside `elements/<kind>.js` and adopted when the
// module is evaluated (core/static.py), so it is in place before `paint` first shows that kind.

import { BLOCKS, WIDGET_DEFAULTS } from "porch/protocol.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */

/**
 * What every element module passes around: how to talk to the server.
 * @typedef {object} Ctx
 * @property {(widgets: Record<string, unknown>, trigger?: string) => void} send  ask for a rerun
 * @property {() => {id: string, token: string} | null} session  the session this page holds (for uploads)
 * @property {(request: RowsRequest, onRows: (msg: import("porch/protocol.js").ServerMessage) => void) => void} rows
 *   ask for rows of a frame the server holds (a dataframe's); `onRows` gets the `rows` answers for its data id
 * @property {(page: string, query: Record<string, string[]>) => void} navigate  go to a page of a multipage app
 *   (its path under the base path) with this query: a history entry, and a rerun on that page
 * @property {(page: string) => string} pageUrl  the address of a page of a multipage app (its path under the base)
 */

/**
 * @typedef {{id: string, start: number, count: number, sort: [number, "asc" | "desc"][]}} RowsRequest
 */

/**
 * The interface of `elements/<kind>.js`. `create` builds the DOM for an element, `update` changes it in place
 * (same kind at the same path: focus, caret and scroll survive). Blocks may say where their children go (`slot`,
 * default: the node itself), show each child inside a frame of its own (`holder`, e.g. a grid's cells) and react
 * when their children change (`arrange`, e.g. tabs rebuilding their tab list).
 * @typedef {object} ElementModule
 * @property {(el: Elem, ctx: Ctx) => HTMLElement} create
 * @property {(node: HTMLElement, el: Elem, ctx: Ctx) => void} update
 * @property {(node: HTMLElement) => HTMLElement} [slot]
 * @property {(kid: HTMLElement) => HTMLElement} [holder]  the frame a child's node is shown in, inside the slot: the
 *   same frame for the same node (it holds the node when returned); default: the child's node itself
 * @property {(node: HTMLElement, kids: Kid[], ctx: Ctx) => void} [arrange]
 * @property {Record<string, unknown>} [defaults]  the props the server leaves off while they hold these values
 */

/** @typedef {{el: Elem, dom: HTMLElement}} Kid */

/**
 * @typedef {object} TNode
 * @property {Elem} el
 * @property {HTMLElement | null} dom  null until painted
 * @property {TNode[]} kids
 * @property {boolean} dirty  props changed since the last paint
 * @property {boolean} kidsDirty  children added, replaced or removed since the last paint
 */

/**
 * The kinds this client has a module for, read from the page's importmap, which the server writes from the files
 * of webui/elements: no list of kinds is kept by hand on this side either.
 */
const KNOWN = new Set(
  Object.keys(JSON.parse(document.querySelector('script[type="importmap"]')?.textContent || "{}").imports ?? {})
    .map((specifier) => /^porch\/elements\/(\w+)\.js$/.exec(specifier)?.[1])
    .filter((kind) => kind !== undefined),
);
/** @type {Map<string, ElementModule>} */
const modules = new Map();

/** Shown for a kind this client does not know (a newer server), instead of failing the whole frame. */
const UNKNOWN = /** @type {ElementModule} */ ({
  create(el) {
    const node = document.createElement("div");
    node.className = "unknown";
    node.textContent = `Unsupported element: ${el.kind}`;
    return node;
  },
  update() {},
});

/**
 * Import the modules of `kinds` that are not loaded yet (and with them their styles).
 * @param {Iterable<string>} kinds
 */
export async function load(kinds) {
  const missing = [...kinds].filter((kind) => !modules.has(kind));
  await Promise.all(
    missing.map(async (kind) => {
      let mod = UNKNOWN;
      if (KNOWN.has(kind)) {
        try {
          mod = /** @type {ElementModule} */ (await import(`porch/elements/${kind}.js`));
        } catch (err) {
          console.error(`porch: cannot load element module ${kind}`, err);
        }
      }
      modules.set(kind, mod);
    }),
  );
}

/**
 * @param {Elem} el
 * @returns {TNode}
 */
function leaf(el) {
  return { el, dom: null, kids: [], dirty: true, kidsDirty: true };
}

export class Tree {
  /** @param {HTMLElement[]} rootDoms  one per root: main, sidebar */
  constructor(rootDoms) {
    /** @type {TNode[]} */
    this.roots = rootDoms.map((dom) => ({ el: { kind: "root", props: {} }, dom, kids: [], dirty: false, kidsDirty: false }));
    /** Kinds that appeared since the last paint (their modules must be loaded before it). */
    this.kinds = new Set();
  }

  /**
   * @param {number[]} path
   * @returns {TNode | undefined}
   */
  at(path) {
    let node = this.roots[path[0]];
    for (let i = 1; node && i < path.length; i++) node = node.kids[path[i]];
    return node;
  }

  /**
   * Put `el` at `path`: same kind updates in place (a block keeps its children), another kind replaces.
   * @param {number[]} path
   * @param {Elem} el
   */
  delta(path, el) {
    const parent = path.length > 1 ? this.at(path.slice(0, -1)) : undefined;
    const index = path[path.length - 1];
    if (!parent || (parent !== this.roots[path[0]] && !BLOCKS.has(parent.el.kind)) || index > parent.kids.length) {
      console.warn("porch: delta at an impossible path", path);
      return;
    }
    const old = parent.kids[index];
    if (old && old.el.kind === el.kind) {
      old.el = el;
      old.dirty = true;
      return;
    }
    parent.kids[index] = leaf(el);
    parent.kidsDirty = true;
    this.kinds.add(el.kind);
  }

  /**
   * Drop the children of the block at `path` from `length` on.
   * @param {number[]} path
   * @param {number} length
   */
  trim(path, length) {
    const node = this.at(path);
    if (node && node.kids.length > length) {
      node.kids.length = length;
      node.kidsDirty = true;
    }
  }

  reset() {
    for (const root of this.roots) {
      root.kids = [];
      root.kidsDirty = true;
    }
  }

  /**
   * Bring the DOM in line with the model. Call after `load(tree.kinds)` has resolved.
   * @param {Ctx} ctx
   */
  paint(ctx) {
    for (const root of this.roots) paintKids(root, ctx);
    this.kinds.clear();
  }
}

/**
 * @param {TNode} node
 * @param {Ctx} ctx
 * @returns {boolean} whether the node was created or updated
 */
function paintNode(node, ctx) {
  const mod = modules.get(node.el.kind) ?? UNKNOWN;
  if (!node.dom || node.dirty) node.el = withDefaults(node.el, mod);
  const { el } = node;
  let changed = node.dirty;
  if (!node.dom) {
    node.dom = mod.create(el, ctx);
    node.dom.dataset.kind = el.kind;
  } else if (node.dirty) {
    mod.update(node.dom, el, ctx);
  }
  if (el.id) node.dom.dataset.widgetId = el.id;
  node.dirty = false;
  if (BLOCKS.has(el.kind)) paintKids(node, ctx, mod);
  return changed;
}

/**
 * The element with the props the server left off at their defaults put back (docs/protocol.md): every widget's (a
 * leaf with an id), then its module's own `defaults`. The module sees every prop.
 * @param {Elem} el
 * @param {ElementModule} mod
 * @returns {Elem}
 */
function withDefaults(el, mod) {
  const widget = el.id !== undefined && !BLOCKS.has(el.kind);
  if (!widget && !mod.defaults) return el;
  return { ...el, props: { ...(widget ? WIDGET_DEFAULTS : undefined), ...mod.defaults, ...el.props } };
}

/**
 * Paint the children of a block or root, then put their DOM nodes in order inside its slot.
 * @param {TNode} node
 * @param {Ctx} ctx
 * @param {ElementModule} [mod]
 */
function paintKids(node, ctx, mod) {
  let changed = node.kidsDirty;
  for (const kid of node.kids) if (paintNode(kid, ctx)) changed = true;
  const dom = /** @type {HTMLElement} */ (node.dom);
  if (node.kidsDirty) {
    const slot = mod?.slot ? mod.slot(dom) : dom;
    node.kids.forEach((kid, i) => {
      const own = /** @type {HTMLElement} */ (kid.dom);
      const want = mod?.holder ? mod.holder(own) : own;
      const have = slot.children[i];
      if (have !== want) slot.insertBefore(want, have ?? null);
    });
    while (slot.children.length > node.kids.length) /** @type {HTMLElement} */ (slot.lastElementChild).remove();
    node.kidsDirty = false;
  }
  if (changed && mod?.arrange) {
    mod.arrange(dom, node.kids.map((kid) => ({ el: kid.el, dom: /** @type {HTMLElement} */ (kid.dom) })), ctx);
  }
}
