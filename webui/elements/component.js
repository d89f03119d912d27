// An instance of a custom component (streamlit.components.v1.declare_component): the component's own page in an
// iframe, speaking Streamlit's component protocol (what its component-lib speaks) by postMessage.
//
// The frame's address carries the app's (?streamlitUrl=<origin and path of the page>), as Streamlit's page sets it.
// The frame posts {isStreamlitMessage: true, type: "streamlit:componentReady", apiVersion: 1}; the page answers with
// {type: "streamlit:render", args, dfs, disabled, theme}, and again whenever the arguments or the theme change. Data
// frame arguments go in dfs as Streamlit's page gives them ({key, value: {data: {data, index, columns, styler?}}},
// each stream an Arrow IPC stream as a Uint8Array; a pandas Styler's styler is {uuid, caption?, styles?,
// displayValues}, the fields Streamlit leaves empty left out as its protobuf toObject leaves them), which
// component-lib reads into an ArrowTable (its styles from the styler).
// The frame posts "streamlit:setComponentValue" ({value, dataType: "json" | "bytes" | "dataframe"}), which becomes
// the widget's value and reruns the script (a "dataframe" value is what ArrowTable.serialize() gives: {data, index,
// columns}, Arrow IPC streams), and "streamlit:setFrameHeight" ({height}). A message is taken only from the frame of
// this element (its window, and the origin of its src), and checked: a malformed one is dropped with a warning.
//
// The sandbox is Streamlit's for components: scripts, same origin, forms, popups, downloads. A component is code the
// app's author chose to install, and it needs its origin (its own storage, and fetching its own files); see
// docs/design.md.
import { colorScheme, commit, current, h, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/** @typedef {{uuid: string, caption: string, styles: string, display_values: string}} Styling  a Styler's looks */
/**
 * @typedef {{key: string, data: string, index: string, columns: string, styler?: Styling}} FrameArg  Arrow IPC
 *   streams in base64 (display_values too)
 */
/**
 * @typedef {WidgetProps<string[] | null> & {src: string, args: Record<string, any>,
 *   bytes_args: Record<string, string>, dfs: FrameArg[], tab_index: number | null,
 *   refused?: {value: unknown, message: string}}} Props
 */

/**
 * What the page knows of one component frame.
 * @typedef {object} Live
 * @property {HTMLElement} node  the element's node
 * @property {Ctx} ctx
 * @property {string} origin  where the frame's messages must come from
 * @property {boolean} ready  the frame said componentReady since its src was set
 * @property {string} rendered  what it was last rendered with
 */

const SANDBOX =
  "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-downloads";
/** The longest text a widget value may be on the wire (core/protocol.py MAX_STRING_VALUE). */
const MAX_VALUE_CHARS = 200_000;
/** The largest message the server takes (core/protocol.py MAX_CLIENT_MESSAGE_BYTES), less room for the rest. */
const MAX_VALUE_BYTES = (1 << 20) - 4096;
/** A frame's height, at most (a component may say anything; porch/frame.js has the same bound). */
const MAX_HEIGHT = 100_000;
/** How long a frame may take to say it is ready before the console says so. */
const READY_WARNING_MS = 15_000;

/** @type {WeakMap<HTMLIFrameElement, Live>} */
const frames = new WeakMap();

/** The component frames on the page. */
function pageFrames() {
  return /** @type {HTMLIFrameElement[]} */ ([...document.querySelectorAll("iframe.component-frame")]);
}

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const node = h("div", "component");
  const frame = h("iframe", "component-frame");
  frame.setAttribute("sandbox", SANDBOX);
  frame.setAttribute("scrolling", "no");
  frame.setAttribute("allow", "clipboard-write");
  node.append(frame);
  frames.set(frame, { node, ctx, origin: "", ready: false, rendered: "" });
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  const props = /** @type {Props} */ (el.props);
  const frame = /** @type {HTMLIFrameElement} */ (node.querySelector("iframe"));
  const live = frames.get(frame);
  frame.title = props.label;
  if (props.tab_index === null || props.tab_index === undefined) frame.removeAttribute("tabindex");
  else frame.tabIndex = props.tab_index;
  sync(node, el, () => {}); // a component's value goes from the frame to the script only
  if (props.refused) console.warn(`porch: ${props.label}: ${props.refused.message}`);
  let src = new URL(props.src, document.baseURI);
  if (src.protocol !== "http:" && src.protocol !== "https:") src = new URL("about:blank");
  // As Streamlit's page: the frame learns the app's address from its own (component-lib's streamlitUrl).
  else src.searchParams.set("streamlitUrl", location.origin + location.pathname);
  if (live && frame.dataset.src !== src.href) {
    frame.dataset.src = src.href;
    Object.assign(live, { origin: src.origin, ready: false, rendered: "" });
    frame.src = src.href;
    const sent = frame.dataset.src;
    setTimeout(() => {
      if (!live.ready && frame.isConnected && frame.dataset.src === sent) {
        console.warn(`porch: the component ${props.label} has not said it is ready (streamlit:componentReady)`);
      }
    }, READY_WARNING_MS);
  }
  render(frame);
}

/**
 * Send the frame its arguments, if it is ready and they changed since it last got them.
 * @param {HTMLIFrameElement} frame
 */
function render(frame) {
  const live = frames.get(frame);
  const el = live && current.get(live.node);
  if (!live || !el || !live.ready || !frame.contentWindow) return;
  const props = /** @type {Props} */ (el.props);
  const disabled = !!props.disabled;
  const colours = theme();
  const key = JSON.stringify([props.args, props.bytes_args, props.dfs, disabled, colours]);
  if (key === live.rendered) return;
  live.rendered = key;
  const binary = Object.entries(props.bytes_args ?? {}).map(([name, text]) => [name, bytes(text)]);
  const args = { ...props.args, ...Object.fromEntries(binary) };
  const dfs = (props.dfs ?? []).map((df) => ({ key: df.key, value: { data: arrowTable(df) } }));
  const message = { type: "streamlit:render", args, dfs, disabled, theme: colours };
  frame.contentWindow.postMessage(message, live.origin);
}

/**
 * A data frame argument as Streamlit's page gives it to the frame (its ArrowTable protobuf's toObject()).
 * @param {FrameArg} df
 */
function arrowTable(df) {
  /** @type {Record<string, unknown>} */
  const table = { data: bytes(df.data), index: bytes(df.index), columns: bytes(df.columns) };
  if (df.styler) {
    const { uuid, caption, styles, display_values: shown } = df.styler;
    table.styler = {
      uuid,
      ...(caption ? { caption } : {}),
      ...(styles ? { styles } : {}),
      displayValues: bytes(shown),
    };
  }
  return table;
}

/** Streamlit's theme object, from the page's own colours. */
function theme() {
  const style = getComputedStyle(document.documentElement);
  /** @param {string} name */
  const token = (name) => style.getPropertyValue(name).trim();
  return {
    base: colorScheme(),
    primaryColor: token("--accent"),
    backgroundColor: token("--bg"),
    secondaryBackgroundColor: token("--bg-soft"),
    textColor: token("--fg"),
    font: token("--font"),
  };
}

/**
 * The component frame a message came from, or undefined (not one of ours).
 * @param {MessageEventSource | null} source
 */
function frameOf(source) {
  return source === null ? undefined : pageFrames().find((frame) => frame.contentWindow === source);
}

/** @param {MessageEvent} event */
function onMessage(event) {
  const frame = frameOf(event.source);
  const live = frame && frames.get(frame);
  if (!frame || !live) return; // another frame's message (an html frame's height...): not ours to judge
  const name = frame.title || "a component";
  const data = event.data;
  if (event.origin !== live.origin) {
    console.warn(`porch: ${name}: a message from ${event.origin}, not from the component's origin, ignored`);
    return;
  }
  if (typeof data !== "object" || data === null || data.isStreamlitMessage !== true || typeof data.type !== "string") {
    console.warn(`porch: ${name}: a message that is not a Streamlit component message, ignored`, data);
    return;
  }
  try {
    handle(frame, live, data);
  } catch (err) {
    console.warn(`porch: ${name}: ${data.type} ignored:`, err instanceof Error ? err.message : err);
  }
}

/**
 * @param {HTMLIFrameElement} frame
 * @param {Live} live
 * @param {Record<string, any>} data
 */
function handle(frame, live, data) {
  switch (data.type) {
    case "streamlit:componentReady":
      if (data.apiVersion !== 1) throw new Error(`unknown component API version ${JSON.stringify(data.apiVersion)}`);
      live.ready = true;
      live.rendered = "";
      render(frame);
      return;
    case "streamlit:setFrameHeight": {
      const height = data.height;
      if (typeof height !== "number" || !Number.isFinite(height) || height < 0) {
        throw new Error(`height must be a number of pixels, not ${JSON.stringify(height)}`);
      }
      frame.style.height = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
      return;
    }
    case "streamlit:setComponentValue": {
      if (!live.ready) throw new Error("the component set a value before it said it was ready");
      const el = current.get(live.node);
      if (!el || el.props.disabled) return;
      commit(live.node, el, live.ctx, wire(data.value, data.dataType));
      return;
    }
    default:
      throw new Error("unknown message type");
  }
}

/**
 * Binary data a frame sent (an ArrayBuffer or a typed array) as base64, within the protocol's longest value.
 * @param {unknown} value
 * @param {string} what
 */
function binaryText(value, what) {
  const data =
    value instanceof ArrayBuffer
      ? new Uint8Array(value)
      : ArrayBuffer.isView(value)
        ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
        : null;
  if (!data) throw new Error(`${what} must be an ArrayBuffer or a typed array`);
  if (Math.ceil(data.length / 3) * 4 > MAX_VALUE_CHARS) {
    throw new Error(`${what} takes ${data.length} bytes: the protocol takes a value of at most ${MAX_VALUE_CHARS} ` +
      "characters of base64 (about 150 kB)");
  }
  return base64(data);
}

/**
 * A value the frame set, as the widget's wire value: ["json", text], ["bytes", base64] or ["dataframe", data, index,
 * columns] (base64 of Arrow IPC streams), within the protocol's limits.
 * @param {unknown} value
 * @param {unknown} dataType
 * @returns {string[]}
 */
function wire(value, dataType) {
  /** @type {string[]} */
  let out;
  if (dataType === "bytes") {
    out = ["bytes", binaryText(value, "a bytes value")];
  } else if (dataType === "dataframe") {
    if (typeof value !== "object" || value === null) throw new Error("a dataframe value must be {data, index, columns}");
    const table = /** @type {Record<string, unknown>} */ (value);
    out = ["dataframe", ...["data", "index", "columns"].map((part) => binaryText(table[part], `the table's ${part}`))];
  } else if (dataType === "json" || dataType === undefined) {
    const text = JSON.stringify(value === undefined ? null : value);
    if (typeof text !== "string") throw new Error("the value is not JSON");
    out = ["json", text];
  } else {
    throw new Error(`values of dataType ${JSON.stringify(dataType)} are not supported`);
  }
  if (out.some((part) => part.length > MAX_VALUE_CHARS) ||
      new TextEncoder().encode(JSON.stringify(out)).length > MAX_VALUE_BYTES) {
    throw new Error("the value is too large");
  }
  return out;
}

/** @param {Uint8Array} data */
function base64(data) {
  let text = "";
  for (let i = 0; i < data.length; i += 0x8000) text += String.fromCharCode(...data.subarray(i, i + 0x8000));
  return btoa(text);
}

/** @param {string} text  base64 */
function bytes(text) {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

window.addEventListener("message", onMessage);
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
  for (const frame of pageFrames()) render(frame);
});
// The user chose a theme in the app menu (menu.js).
document.addEventListener("porch:scheme", () => {
  for (const frame of pageFrames()) render(frame);
});
