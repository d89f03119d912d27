// Helpers shared by the element modules: building DOM, help tooltips, labels, number formats, and the widget value
// cycle (what the server last said, what this client last sent, what a form holds until it is submitted). Their
// styles (widget.css: tooltips, the label row, the text field look) come with this module.

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/**
 * The props every widget carries (core/elements/_place.py WidgetProps); a widget module's own `Props` adds its keys:
 * `@typedef {WidgetProps<string | null> & {max_chars: number | null}} Props`.
 * @template [V=any] the wire value
 * @typedef {{label: string, label_visibility: string, help: string | null, disabled: boolean, form: string | null,
 *   value: V, ignore_rerun: boolean}} WidgetProps
 */

let counter = 0;

/**
 * The page's colour scheme, as style.css's `--scheme` token says: the system's, or the base of the app's [theme]
 * (core/theme.py), which shows one palette whatever the system prefers.
 * @returns {"light" | "dark"}
 */
export function colorScheme() {
  const scheme = getComputedStyle(document.documentElement).getPropertyValue("--scheme").trim();
  return scheme === "dark" ? "dark" : "light";
}

/** A fresh DOM id, for <label for> and aria-describedby. */
export function uid() {
  return `p${++counter}`;
}

/**
 * The layout props many kinds share (core/elements/_layout.py): `width` is "stretch", "content", "auto" or pixels.
 * widget.css gives the keywords their meaning; pixels are an inline width, never more than the container's.
 * @param {HTMLElement} node
 * @param {string | number | null | undefined} width
 */
export function setWidth(node, width) {
  const px = typeof width === "number";
  node.dataset.width = px ? "px" : String(width ?? "stretch");
  node.style.width = px ? `${width}px` : "";
}

/**
 * `height`: "content" (as tall as the content), "stretch" (the container's height) or pixels (then it scrolls).
 * @param {HTMLElement} node
 * @param {string | number | null | undefined} height
 */
export function setHeight(node, height) {
  const px = typeof height === "number";
  node.dataset.height = px ? "px" : String(height ?? "content");
  node.style.height = px ? `${height}px` : "";
}

/**
 * A text element's `text_alignment` ("left", "center", "right", "justify") and `wrap` (false: one line that
 * scrolls sideways).
 * @param {HTMLElement} node
 * @param {{text_alignment?: string, wrap?: boolean}} props
 */
export function setText(node, { text_alignment, wrap }) {
  node.dataset.textAlign = text_alignment ?? "left";
  node.dataset.wrap = String(wrap !== false);
}

/**
 * A widget's `wrap` (core/elements/_layout.py `wrap_of`): true, the label (or a row of options) wraps onto more
 * lines; false, it keeps one line (widget.css: a label is cut with an ellipsis, options scroll sideways); null, the
 * layout decides, as in Streamlit: one line directly in a column or a horizontal container, wrapping elsewhere.
 * A label cut with an ellipsis shows in full on hover: `labelled` gets the `title` `label` while it is cut (none
 * for an empty `label`: a help tooltip says more).
 * @param {HTMLElement} node  the widget's outer node, whose parent is the column or container
 * @param {boolean | null | undefined} wrap
 * @param {HTMLElement} [labelled]  the element hovered; the text cut is `.line-text` inside it, or itself
 * @param {string} [label]
 */
export function setWrap(node, wrap, labelled, label) {
  node.dataset.lineWrap = wrap === true ? "true" : wrap === false ? "false" : "auto";
  if (!labelled) return;
  if (!hovered.has(labelled)) labelled.addEventListener("pointerenter", () => showFullLabel(labelled));
  hovered.add(labelled);
  labelled.dataset.fullLabel = label ? labelName(label) : "";
  labelled.removeAttribute("title");
}

/** Elements that show their full label on hover (`setWrap`). */
const hovered = new WeakSet();

/**
 * On hover: the full label as `title` when its text is cut, none otherwise.
 * @param {HTMLElement} labelled
 */
function showFullLabel(labelled) {
  const text = /** @type {HTMLElement} */ (labelled.querySelector(".line-text") ?? labelled);
  const full = labelled.dataset.fullLabel ?? "";
  if (full && text.scrollWidth > text.clientWidth) labelled.title = full;
  else labelled.removeAttribute("title");
}

/**
 * `document.createElement` with a class and text.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Set server-made HTML (markdown with raw HTML escaped), touching the DOM only when it changed.
 * @param {HTMLElement} node
 * @param {string | null | undefined} html
 */
export function setHtml(node, html) {
  const value = html ?? "";
  if (node.dataset.html !== value) {
    node.innerHTML = value;
    node.dataset.html = value;
  }
}

/**
 * Show `text` as a help tooltip at the end of `host` (or remove it when null); `described` gets aria-describedby.
 * @param {HTMLElement} host
 * @param {string | null | undefined} text
 * @param {HTMLElement} [described]
 */
export function setHelp(host, text, described) {
  let help = /** @type {HTMLElement | null} */ (host.querySelector(":scope > .help"));
  if (!text) {
    help?.remove();
    described?.removeAttribute("aria-describedby");
    return;
  }
  if (!help) {
    help = h("span", "help");
    const button = h("button", "help-button", "?");
    button.type = "button";
    button.setAttribute("aria-label", "Help");
    const tip = h("span", "tooltip");
    tip.id = uid();
    tip.setAttribute("role", "tooltip");
    button.setAttribute("aria-describedby", tip.id);
    help.append(button, tip);
    host.append(help);
  }
  const tip = /** @type {HTMLElement} */ (help.lastElementChild);
  tip.textContent = text;
  described?.setAttribute("aria-describedby", tip.id);
}

/**
 * A widget's outer frame: `<div class="widget">` holding a label row bound to `control`.
 * @param {HTMLElement} control  the focusable input the label names
 * @param {string} [tag]  "label" for a <label for>, "span" for a group caption
 */
export function frame(control, tag = "label") {
  const root = h("div", "widget");
  const row = h("div", "widget-label");
  const label = /** @type {HTMLElement} */ (document.createElement(tag));
  label.className = "label-text";
  if (!control.id) control.id = uid();
  if (label instanceof HTMLLabelElement) label.htmlFor = control.id;
  else label.id = `${control.id}-label`;
  row.append(label);
  root.append(row);
  return root;
}

/**
 * Update the label row of a widget made by `frame`: text, visibility, help, and the control's aria-label.
 * @param {HTMLElement} root
 * @param {Elem} el
 * @param {HTMLElement} control
 */
export function setLabel(root, el, control) {
  const row = /** @type {HTMLElement} */ (root.querySelector(":scope > .widget-label"));
  const label = /** @type {HTMLElement} */ (row.firstElementChild);
  const text = String(el.props.label ?? "");
  setLabelText(label, text);
  row.dataset.visibility = el.props.label_visibility ?? "visible";
  control.setAttribute("aria-label", labelName(text));
  setHelp(row, el.props.help, control);
  root.classList.toggle("disabled", !!el.props.disabled);
}

/** A Material Symbols icon as the server sends it (core/elements/_icons.py): `:material/name:`. */
const MATERIAL = /^:material\/([a-z0-9_]+):$/;

/**
 * The node that draws `icon`, as every element's `icon` prop gives it (core/elements/_icons.py): "spinner", a
 * Material Symbols icon `:material/name:` (its name as text, which the font's ligatures draw as the glyph: widget.css,
 * the same markup markdown gives `:material/name:`), or an emoji. With a `labelled` icon, a label beside it already
 * names the thing, so assistive technology skips the icon; otherwise the icon is an image named by its name.
 * @param {string} icon
 * @param {boolean} [labelled]
 */
export function iconNode(icon, labelled = true) {
  const material = MATERIAL.exec(icon);
  let node = h("span", "emoji-icon", icon);
  let name = icon;
  if (icon === "spinner") [node, name] = [h("span", "porch-spinner"), "Loading"];
  else if (material) {
    [node, name] = [h("span", "material-icon", material[1]), material[1].replaceAll("_", " ")];
    node.dataset.icon = material[1];
  }
  if (labelled) node.setAttribute("aria-hidden", "true");
  else {
    node.setAttribute("role", "img");
    node.setAttribute("aria-label", name);
  }
  return node;
}

/**
 * Show `icon` (an element's `icon` prop: see `iconNode`) in `holder`, or hide `holder` when there is none. The one way
 * element modules draw an icon; the DOM is touched only when the icon changed.
 * @param {HTMLElement} holder
 * @param {string | null | undefined} icon
 * @param {boolean} [labelled]  a label beside the icon names the thing (see `iconNode`)
 */
export function showIcon(holder, icon, labelled = true) {
  holder.hidden = !icon;
  const shown = icon ? `${labelled ? "labelled" : "alone"} ${icon}` : "";
  if (holder.dataset.shown === shown) return;
  holder.dataset.shown = shown;
  holder.replaceChildren(...(icon ? [iconNode(icon, labelled)] : []));
}

/** `:material/name:` in a label; `split` keeps the names (text, name, text...). */
const MATERIAL_IN_TEXT = /:material\/([a-z0-9_]+):/;

/**
 * Show a label's `text` in `node`: as text, with each `:material/name:` in it drawn as that icon, as Streamlit draws
 * icons in labels. The icons are hidden from assistive technology when words name the thing; icons alone are read
 * by their names.
 * @param {HTMLElement} node
 * @param {string} text
 */
export function setLabelText(node, text) {
  const parts = text.split(MATERIAL_IN_TEXT);
  if (parts.length === 1) {
    node.textContent = text;
    return;
  }
  const words = parts.some((part, i) => i % 2 === 0 && part.trim());
  node.replaceChildren(...parts.map((part, i) => (i % 2 ? iconNode(`:material/${part}:`, words) : part)));
}

/**
 * What a label says to assistive technology (an aria-label): its words, without the icons `setLabelText` draws;
 * the icons' names when it has no words.
 * @param {string} text
 */
export function labelName(text) {
  const parts = text.split(MATERIAL_IN_TEXT);
  if (parts.length === 1) return text;
  const words = parts.filter((_, i) => i % 2 === 0).join("").replace(/\s+/g, " ").trim();
  return words || parts.filter((_, i) => i % 2).join(" ").replaceAll("_", " ");
}

/**
 * An `icon` at the start of a text field, or none. The field's parent (position: relative) holds it.
 * @param {HTMLElement} field
 * @param {string | null | undefined} icon
 */
export function setIcon(field, icon) {
  const parent = /** @type {HTMLElement} */ (field.parentElement);
  let node = /** @type {HTMLElement | null} */ (parent.querySelector(":scope > .input-icon"));
  field.classList.toggle("with-icon", !!icon);
  if (!icon) {
    node?.remove();
    return;
  }
  if (!node) {
    node = h("span", "input-icon");
    parent.insertBefore(node, field);
  }
  showIcon(node, icon);
}

/**
 * Mark a widget's field as invalid with `message` (shown under it and announced), or valid again with null.
 * @param {HTMLElement} root  the widget's frame
 * @param {HTMLElement} field
 * @param {string | null} message
 */
export function setInvalid(root, field, message) {
  let note = /** @type {HTMLElement | null} */ (root.querySelector(":scope > .input-error"));
  if (message === null) {
    field.removeAttribute("aria-invalid");
    note?.remove();
    return;
  }
  if (!note) {
    note = root.appendChild(h("div", "input-error"));
    note.id = uid();
    note.setAttribute("role", "alert");
  }
  note.textContent = message;
  field.setAttribute("aria-invalid", "true");
  field.setAttribute("aria-errormessage", note.id);
}

/**
 * printf-style formatting as Streamlit's frontend writes a number: its fork of sprintf.js, read the same way, with the
 * number as the one argument. A placeholder is `%`, an argument index (`1$`) or a key (`(name)`), `+`, a padding
 * character (`0`, or any after a quote: `'*`), `-` (align left), `,` or `_` (group thousands: "%,d" 1234 -> "1,234"),
 * a width, `.precision`, and the type: `d i u f e g` (numbers; `%f` and `%e` with no precision write the number in
 * full, as JavaScript does), `b o x X c` (binary, octal, hex, a character), `s t T v j` (text, truth, type, value,
 * JSON). A format sprintf.js refuses (an unknown type, a second number that is not there) shows the plain number,
 * where Streamlit's page would fail to draw the widget; the server names the problem (`core/elements/_printf.py`).
 * @param {string | null | undefined} fmt
 * @param {number | string} value
 * @param {string} [dtype]  "int" or "float", used when there is no format
 */
export function format(fmt, value, dtype) {
  if (typeof value === "string") return value;
  if (!fmt) return dtype === "int" ? String(Math.round(value)) : String(+value.toFixed(10));
  try {
    return sprintf(fmt, value);
  } catch {
    return String(value);
  }
}

const PLACEHOLDER = /^%(?:([1-9]\d*)\$|\(([^)]+)\))?(\+)?(0|'[^$])?(-)?(,|_)?(\d+)?(?:\.(\d+))?([b-gijostTuvxX])/;

/**
 * Streamlit's sprintf.js (`sprintf(fmt, value)`): see `format`. Throws where it throws.
 * @param {string} fmt
 * @param {number} value
 */
export function sprintf(fmt, value) {
  /** @type {unknown[]} */
  const args = [fmt, value];
  let next = 1;
  let kinds = 0; // 1: named placeholders, 2: positional ones; both is an error
  let out = "";
  for (let rest = fmt; rest; ) {
    let match = /^[^%]+/.exec(rest) ?? /^%%/.exec(rest);
    if (match) {
      out += match[0] === "%%" ? "%" : match[0];
      rest = rest.slice(match[0].length);
      continue;
    }
    match = PLACEHOLDER.exec(rest);
    if (!match) throw new SyntaxError("[sprintf] unexpected placeholder");
    rest = rest.slice(match[0].length);
    const [, index, key, sign, pad, left, group, width, precision, type] = match;
    kinds |= key ? 1 : 2;
    if (kinds === 3) throw new Error("[sprintf] mixing positional and named placeholders is not (yet) supported");
    /** @type {any} */
    let arg;
    if (key) {
      arg = args[next];
      for (const name of keyPath(key)) {
        if (arg === null || arg === undefined) throw new Error(`[sprintf] Cannot access property "${name}"`);
        arg = arg[name];
      }
    } else arg = index ? args[parseInt(index, 10)] : args[next++];
    if (type !== "T" && type !== "v" && typeof arg === "function") arg = arg();
    if ("bcdiefguxX".includes(type) && typeof arg !== "number" && isNaN(arg)) {
      throw new TypeError(`[sprintf] expecting number but found ${Object.prototype.toString.call(arg)}`);
    }
    const text = convert(type, arg, precision, width);
    if (type === "j") {
      out += text;
      continue;
    }
    out += pads(type, arg, text, { sign, pad, left, group, width });
  }
  return out;
}

/**
 * The property names of a named placeholder: `(a.b[0])` is a, b, 0.
 * @param {string} key
 */
function keyPath(key) {
  const first = /^([a-z_][a-z_\d]*)/i.exec(key);
  if (!first) throw new SyntaxError("[sprintf] failed to parse named argument key");
  const names = [first[1]];
  for (let rest = key.slice(first[0].length); rest; ) {
    const part = /^\.([a-z_][a-z_\d]*)/i.exec(rest) ?? /^\[(\d+)\]/.exec(rest);
    if (!part) throw new SyntaxError("[sprintf] failed to parse named argument key");
    names.push(part[1]);
    rest = rest.slice(part[0].length);
  }
  return names;
}

/**
 * One placeholder's text before its sign and padding, as sprintf.js writes it.
 * @param {string} type
 * @param {any} arg
 * @param {string | undefined} precision
 * @param {string | undefined} width
 */
function convert(type, arg, precision, width) {
  const whole = () => parseInt(String(arg), 10);
  const cut = (/** @type {string} */ text) => (precision ? text.substring(0, parseInt(precision, 10)) : text);
  switch (type) {
    case "b": return whole().toString(2);
    case "c": return String.fromCharCode(whole());
    case "d": case "i": return String(whole());
    case "j": return JSON.stringify(arg, null, width ? parseInt(width, 10) : 0);
    case "e": {
      const number = parseFloat(String(arg));
      return precision ? number.toExponential(parseInt(precision, 10)) : number.toExponential();
    }
    case "f": {
      const number = parseFloat(String(arg));
      return precision ? number.toFixed(parseInt(precision, 10)) : String(number);
    }
    case "g": return precision ? String(Number(arg.toPrecision(parseInt(precision, 10)))) : String(parseFloat(arg));
    case "o": return (whole() >>> 0).toString(8);
    case "s": return cut(String(arg));
    case "t": return cut(String(!!arg));
    case "T": return cut(Object.prototype.toString.call(arg).slice(8, -1).toLowerCase());
    case "u": return String(whole() >>> 0);
    case "v": return cut(String(arg.valueOf()));
    case "x": return (whole() >>> 0).toString(16);
    case "X": return (whole() >>> 0).toString(16).toUpperCase();
    default: return String(arg);
  }
}

/**
 * A placeholder's text with its sign, thousands separator and padding, as sprintf.js (Streamlit's fork) adds them.
 * @param {string} type
 * @param {any} arg
 * @param {string} text
 * @param {{sign?: string, pad?: string, left?: string, group?: string, width?: string}} spec
 */
function pads(type, arg, text, { sign, pad, left, group, width }) {
  let prefix = "";
  if ("diefg".includes(type)) {
    const positive = arg >= 0;
    if (!positive || sign) {
      prefix = positive ? "+" : "-";
      text = text.replace(/^[+-]/, "");
    }
  }
  if (group && "diefgu".includes(type)) {
    const separator = group === "_" ? "_" : pad?.startsWith("'") ? pad.charAt(1) : ",";
    text = grouped(text, separator);
  }
  const fill = pad ? (pad === "0" ? "0" : pad.charAt(1)) : " ";
  const room = (width ? parseInt(width, 10) : 0) - (prefix + text).length;
  const padding = width && room > 0 ? fill.repeat(room) : "";
  if (left) return prefix + text + padding;
  return fill === "0" ? prefix + padding + text : padding + prefix + text;
}

/**
 * The integer digits of `text` in groups of three: "1234567.5" -> "1,234,567.5".
 * @param {string} text
 * @param {string} separator
 */
function grouped(text, separator) {
  const sign = text.startsWith("-") || text.startsWith("+") ? text[0] : "";
  const unsigned = sign ? text.slice(1) : text;
  const dot = unsigned.indexOf(".");
  const digits = dot === -1 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot === -1 ? "" : unsigned.slice(dot);
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator) + fraction;
}

// ---------------------------------------------------------------------------------------------------------------
// The widget value cycle.
//
// A control shows the server's value when the server changed it (server wins) but not when the server merely echoes
// what this client sent, so typing on after a commit is never clobbered: neither its last value nor an earlier one
// still on its way (the run of an earlier change answers after a newer one was sent: a data_editor typed into at
// once). Values of widgets inside a form wait in `pending` until that form's submit button is clicked; values of
// widgets with `on_change="ignore"` (`ignore_rerun`) wait in `unasked` until a rerun something else asks for, which
// carries them (`withHeld`, called by every rerun the page sends).
// ---------------------------------------------------------------------------------------------------------------

/**
 * @typedef {object} Memory
 * @property {string | undefined} id
 * @property {unknown} server  the value the server last sent
 * @property {unknown} sent  the value this client last sent and the server has not echoed yet
 * @property {unknown[]} earlier  values this client sent before `sent`, oldest first, not echoed yet (at most
 *   EARLIER_KEPT): an echo of one of them is the answer of an earlier run, not the server's change
 * @property {string | null} form
 * @property {(value: any) => void} show  put a value into the control
 * @property {boolean} force  take the next server value whatever it is
 */

/** @type {WeakMap<HTMLElement, Memory>} */
const memory = new WeakMap();
/** The earlier values kept per widget (`Memory.earlier`): more than the runs a fast typist keeps in flight. */
const EARLIER_KEPT = 16;
/** @type {Map<string, HTMLElement>} widget id -> its node */
const live = new Map();
/** @type {Map<string, Map<string, unknown>>} form id -> widget id -> value not sent yet */
const pending = new Map();
/** @type {Map<string, unknown>} widget id -> value of an `ignore_rerun` widget, not sent yet */
const unasked = new Map();
/** @type {Map<string, Record<string, any>>} form id -> props of its form block */
const formProps = new Map();

/**
 * @param {unknown} a
 * @param {unknown} b
 */
export function same(a, b) {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Take the server's value of a widget, and `show` it in the control if it changed server-side.
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {(value: any) => void} show
 */
export function sync(node, el, show) {
  const value = el.props.value;
  const form = el.props.form ?? null;
  const m = memory.get(node);
  if (el.id) live.set(el.id, node);
  if (!m || m.id !== el.id || m.force) {
    memory.set(node, { id: el.id, server: value, sent: undefined, earlier: [], form, show, force: false });
    show(value);
    return;
  }
  const before = m.server;
  Object.assign(m, { server: value, form, show });
  const echoed = m.sent === undefined ? -1 : m.earlier.findIndex((earlier) => same(value, earlier));
  if (m.sent !== undefined && same(value, m.sent)) {
    m.sent = undefined;
    m.earlier = [];
  } else if (echoed >= 0) {
    m.earlier = m.earlier.slice(echoed + 1); // an earlier run's answer: the newer value is still on its way
  } else if (!same(value, before)) {
    m.sent = undefined;
    m.earlier = [];
    if (form) pending.get(form)?.delete(/** @type {string} */ (el.id));
    unasked.delete(/** @type {string} */ (el.id));
    show(value);
  }
}

/**
 * The user set a widget to `value`: send it (or hold it for the form) unless nothing changed.
 * @param {HTMLElement} node
 * @param {Elem} el
 * @param {Ctx} ctx
 * @param {unknown} value
 */
export function commit(node, el, ctx, value) {
  const m = memory.get(node);
  const id = el.id;
  if (!m || !id) return;
  if (m.form) {
    const held = pending.get(m.form) ?? new Map();
    pending.set(m.form, held);
    if (same(value, m.server)) held.delete(id);
    else held.set(id, value);
    return;
  }
  if (el.props.ignore_rerun) {
    if (same(value, m.sent !== undefined ? m.sent : m.server)) unasked.delete(id);
    else unasked.set(id, value);
    return;
  }
  if (same(value, m.sent !== undefined ? m.sent : m.server)) return;
  sending(m, value);
  ctx.send({ [id]: value });
}

/**
 * The values a rerun carries: `widgets`, and before them the changes of `on_change="ignore"` widgets still on the
 * page that no rerun has carried yet (as Streamlit, they are lost with the page). Called by every rerun the page
 * sends (app.js), so a click, a page move or another widget's change brings them to the script.
 * @param {Record<string, unknown>} widgets
 * @returns {Record<string, unknown>}
 */
export function withHeld(widgets) {
  if (!unasked.size) return widgets;
  /** @type {Record<string, unknown>} */
  const all = {};
  for (const [id, value] of unasked) {
    const m = memoryOf(id);
    if (!m) continue;
    sending(m, value);
    all[id] = value;
  }
  unasked.clear();
  return Object.assign(all, widgets);
}

/**
 * A button was clicked: a form's submit button sends the form's held values with it.
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function click(el, ctx) {
  const id = /** @type {string} */ (el.id);
  const form = el.props.form;
  if (!(el.props.submit && form)) {
    ctx.send({}, id);
    return;
  }
  const held = pending.get(form) ?? new Map();
  pending.delete(form);
  for (const [wid, value] of held) {
    const m = memoryOf(wid);
    if (m) sending(m, value);
  }
  ctx.send(Object.fromEntries(held), id);
  if (formProps.get(form)?.clear_on_submit) {
    for (const wid of live.keys()) {
      const m = memoryOf(wid);
      if (m && m.form === form) {
        m.show(m.server);
        m.force = true;
      }
    }
  }
}

/**
 * `value` goes to the server: the value sent before it, not echoed yet, joins the earlier ones.
 * @param {Memory} m
 * @param {unknown} value
 */
function sending(m, value) {
  if (m.sent !== undefined) m.earlier = [...m.earlier, m.sent].slice(-EARLIER_KEPT);
  m.sent = value;
}

/** @param {string} id */
function memoryOf(id) {
  const node = live.get(id);
  if (node && !node.isConnected) live.delete(id);
  return node && node.isConnected ? memory.get(node) : undefined;
}

/**
 * Forms tell the widget layer their options (clear_on_submit).
 * @param {string} form
 * @param {Record<string, any>} props
 */
export function setFormProps(form, props) {
  formProps.set(form, props);
}

/**
 * Whether Enter in a one-line field of `form` may submit it (the form's `enter_to_submit`; true outside a form).
 * @param {string | null | undefined} form
 */
export function enterSubmits(form) {
  return !form || formProps.get(form)?.enter_to_submit !== false;
}

/**
 * The element each node last rendered, for event handlers set up once in `create`.
 * @type {WeakMap<HTMLElement, Elem>}
 */
export const current = new WeakMap();
