// An instance of a component made with components.v2.component: its HTML and CSS drawn in the page (in a shadow
// root when `isolate_styles`), and its JavaScript module (served by the app, so the page's script policy holds)
// called at every draw with {name, key, data, parentElement, setStateValue, setTriggerValue}. setStateValue keeps a
// named value in the component's state (the widget's value, JSON text of an object: a rerun); setTriggerValue sends
// a named event, which the script sees in the run it causes only. What the module's function returns, if a
// function, is called before the next draw.
import { commit, current, h, setHeight, setWidth, sync, uid } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps<string> & {name: string, html: string | null, css: string | null, js: string | null,
 *   isolate_styles: boolean, data: any, trigger_id: string, width: string | number, height: string | number}} Props
 */

/**
 * @typedef {object} Instance
 * @property {HTMLElement | ShadowRoot} root  where the component's HTML is, `parentElement` for its module
 * @property {string} drawn  the HTML and CSS drawn, to redraw only when they change
 * @property {string} key  this instance's own id, unique in the page
 * @property {Record<string, unknown>} state  the state as this page knows it
 * @property {(() => void) | null} cleanup  what the module's function returned
 * @property {number} draw  the draws begun, so that a module loaded late does not run an old draw
 */

/** @type {WeakMap<HTMLElement, Instance>} */
const instances = new WeakMap();

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
  const node = h("div", "widget bidi-component");
  const host = h("div", "bidi-component-host");
  node.append(host);
  const root = el.props.isolate_styles ? host.attachShadow({ mode: "open" }) : host;
  instances.set(node, { root, drawn: "", key: `bidi-${uid()}`, state: {}, cleanup: null, draw: 0 });
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
  setWidth(node, p.width);
  setHeight(node, p.height);
  node.classList.toggle("bidi-component-scrolls", typeof p.height === "number");
  sync(node, el, (value) => (instance.state = parseState(value)));
  const markup = JSON.stringify([p.html, p.css]);
  if (instance.drawn !== markup) {
    instance.drawn = markup;
    const parts = [];
    if (p.css) {
      const style = document.createElement("style");
      style.textContent = p.css;
      parts.push(style);
    }
    if (p.html) {
      const template = document.createElement("template");
      template.innerHTML = p.html; // the app's own markup; a <script> in it does not run (the page's policy)
      parts.push(template.content);
    }
    instance.root.replaceChildren(...parts);
  }
  const draw = ++instance.draw;
  if (!p.js) return;
  import(new URL(p.js, document.baseURI).href).then(
    (module) => {
      if (draw !== instance.draw || !node.isConnected) return;
      instance.cleanup?.();
      instance.cleanup = null;
      if (typeof module.default !== "function") {
        fail(node, `the component ${p.name}'s JavaScript has no default export function`);
        return;
      }
      const returned = module.default({
        name: p.name,
        key: instance.key,
        data: p.data,
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
