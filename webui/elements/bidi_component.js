// An instance of a component made with components.v2.component: its HTML and CSS drawn in the page (in a shadow root
// when `isolate_styles`; or its stylesheet, `css_url`, a file of its package's asset folder), and its JavaScript module
// (served by the app, so the page's script policy holds: the session's media for its text, or a file of its package's
// asset folder) called at every draw with {name, key, data, parentElement, setStateValue, setTriggerValue}.
// setStateValue keeps a named value in the component's state (the widget's value, JSON text of an object: a rerun);
// setTriggerValue sends a named event, which the script sees in the run it causes only. What the module's function
// returns, if a function, is called before the next draw and when the element leaves the page (as Streamlit's unmount
// calls it). `data` is the element's JSON data, or a Uint8Array when the script gave bytes or a data frame (an Arrow
// IPC stream), as Streamlit gives them. The scripts in the HTML run when it is drawn, before the module, as Streamlit's
// createContextualFragment runs them: each inline one from the URL the server serves its text at (`scripts`; the page's
// policy runs no inline script), a data block (type="application/json"...) left as it is.
import { commit, current, h, setHeight, setWidth, sync, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string> & {name: string, html: string | null, scripts?: Record<string, string>,
 *   css: string | null, css_url?: string | null, js: string | null,
 *   isolate_styles: boolean, data: any, data_bytes: string | null, trigger_id: string, width: string | number,
 *   height: string | number}} Props
 */

/**
 * @typedef {object} Instance
 * @property {HTMLElement | ShadowRoot} root  where the component's HTML is, `parentElement` for its module
 * @property {string} drawn  the HTML and CSS drawn, to redraw only when they change
 * @property {string} key  this instance's own id, unique in the page
 * @property {Record<string, unknown>} state  the state as this page knows it
 * @property {(() => void) | null} cleanup  what the module's function returned
 * @property {number} draw  the draws begun, so that a module loaded late does not run an old draw
 * @property {Ctx} ctx
 * @property {boolean} gone  taken off the page (its cleanup called): put back, it is drawn again
 * @property {Promise<unknown>} scripts  the scripts of its HTML, loaded (or failed): the module runs after them
 */

/** The `type`s of a script the browser runs (core/elements/_bidi_scripts.py RUN_TYPES): others are data blocks. */
const RUN_TYPES = new Set([
  "", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
  "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
  "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
  "text/x-ecmascript", "text/x-javascript",
]);

/** @type {WeakMap<HTMLElement, Instance>} */
const instances = new WeakMap();

/**
 * The element's node: a host that tells when it leaves the page. A node the tree only moves leaves and comes back in
 * one task, so the cleanup waits for a microtask to see whether it is still off the page.
 */
class BidiHost extends HTMLElement {
  disconnectedCallback() {
    queueMicrotask(() => {
      const instance = instances.get(this);
      if (this.isConnected || !instance || instance.gone) return;
      instance.gone = true;
      instance.draw++; // a module still loading does not draw into a node off the page
      runCleanup(instance);
    });
  }

  connectedCallback() {
    const instance = instances.get(this);
    const el = current.get(this);
    if (!instance?.gone || !el) return;
    instance.gone = false;
    run(this, el, instance);
  }
}
if (!customElements.get("porch-bidi-component")) customElements.define("porch-bidi-component", BidiHost);

/** @param {Instance} instance */
function runCleanup(instance) {
  const cleanup = instance.cleanup;
  instance.cleanup = null;
  try {
    cleanup?.();
  } catch (error) {
    console.error("porch: a component's cleanup failed:", error);
  }
}

/** @param {string} text  base64 */
function bytes(text) {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** @param {string | null | undefined} text */
function parseState(text) {
  try {
    const value = JSON.parse(text ?? "{}");
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = /** @type {HTMLElement} */ (document.createElement("porch-bidi-component")); // a BidiHost
  node.className = "widget bidi-component";
  const host = h("div", "bidi-component-host");
  node.append(host);
  const root = el.props.isolate_styles ? host.attachShadow({ mode: "open" }) : host;
  instances.set(node, {
    root, drawn: "", key: `bidi-${uid()}`, state: {}, cleanup: null, draw: 0, ctx, gone: false,
    scripts: Promise.resolve(),
  });
  update(node, el, ctx);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function update(node, el, ctx) {
  const p = /** @type {Props} */ (el.props);
  const instance = /** @type {Instance} */ (instances.get(node));
  current.set(node, el);
  setWidth(node, p.width);
  setHeight(node, p.height);
  node.classList.toggle("bidi-component-scrolls", typeof p.height === "number");
  sync(node, el, (value) => (instance.state = parseState(value)));
  const markup = JSON.stringify([p.html, p.css, p.css_url]);
  if (instance.drawn !== markup) {
    instance.drawn = markup;
    const parts = [];
    if (p.css) {
      const style = document.createElement("style");
      style.textContent = p.css;
      parts.push(style);
    }
    if (p.css_url) {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = new URL(p.css_url, document.baseURI).href;
      parts.push(link);
    }
    if (p.html) {
      const template = document.createElement("template");
      template.innerHTML = p.html; // the app's own markup; its scripts are inert until runScripts puts them back
      parts.push(template.content);
    }
    instance.root.replaceChildren(...parts);
    instance.scripts = runScripts(instance.root, p);
  }
  instance.ctx = ctx;
  run(node, el, instance);
}

/**
 * Call the module's function for this draw (once it is loaded, if no later draw has begun by then).
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Instance} instance
 */
function run(node, el, instance) {
  const p = /** @type {Props} */ (el.props);
  const ctx = instance.ctx;
  const draw = ++instance.draw;
  if (!p.js) return;
  const url = new URL(p.js, document.baseURI).href;
  instance.scripts.then(() => import(url)).then(
    (module) => {
      if (draw !== instance.draw || !node.isConnected) return;
      runCleanup(instance);
      if (typeof module.default !== "function") {
        fail(node, `the component ${p.name}'s JavaScript has no default export function`);
        return;
      }
      const returned = module.default({
        name: p.name,
        key: instance.key,
        data: p.data_bytes ? bytes(p.data_bytes) : p.data,
        parentElement: instance.root,
        /** @param {string} name @param {unknown} value */
        setStateValue(name, value) {
          instance.state = { ...instance.state, [name]: value };
          commit(node, /** @type {Elem} */ (current.get(node) ?? el), ctx, JSON.stringify(instance.state));
        },
        /** @param {string} name @param {unknown} value */
        setTriggerValue(name, value) {
          ctx.send({ [p.trigger_id]: JSON.stringify({ [name]: value }) }, p.trigger_id);
        },
      });
      instance.cleanup = typeof returned === "function" ? returned : null;
    },
    (error) => fail(node, `the component ${p.name}'s JavaScript could not run: ${error}`),
  );
}

/**
 * Run the scripts the HTML just put in `root` (inert, as any the HTML parser of a template makes): each is put back
 * as a script that loads, in order, from the server's URL for its text (an inline one) or from its own `src`.
 * @param {HTMLElement | ShadowRoot} root
 * @param {Props} p
 * @returns {Promise<unknown>} settled once they all loaded or failed
 */
function runScripts(root, p) {
  /** @type {Promise<void>[]} */
  const loaded = [];
  for (const inert of root.querySelectorAll("script")) {
    if (inert.hasAttribute("nomodule") || !RUN_TYPES.has((inert.getAttribute("type") ?? "").trim().toLowerCase())) {
      continue;
    }
    const served = p.scripts && Object.hasOwn(p.scripts, inert.text) ? p.scripts[inert.text] : undefined;
    const src = inert.getAttribute("src") ?? served;
    if (src === undefined) {
      console.warn(`porch: the component ${p.name}: a script of its HTML was not served, so it does not run`);
      continue;
    }
    const script = document.createElement("script");
    for (const { name, value } of inert.attributes) if (name !== "src") script.setAttribute(name, value);
    script.async = false; // in the order of the HTML, as Streamlit's run
    script.src = new URL(src, document.baseURI).href;
    loaded.push(new Promise((settle) => {
      script.addEventListener("load", () => settle());
      script.addEventListener("error", () => settle());
    }));
    inert.replaceWith(script);
  }
  return Promise.all(loaded);
}

/**
 * Say in the element's place why the component is not drawn (its module failed to load or has no function).
 * @param {HTMLElement} node
 * @param {string} message
 */
function fail(node, message) {
  console.error("porch:", message);
  let line = node.querySelector(".bidi-component-error");
  if (!line) {
    line = h("p", "bidi-component-error");
    line.setAttribute("role", "alert");
    node.append(line);
  }
  line.textContent = message;
}
