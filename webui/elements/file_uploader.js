// A file picker: a labelled <input type=file> (the desktop window answers it with the native dialog) in a zone that
// also takes dropped files. Each file goes to the server on its own as soon as it is picked (porch/upload.js), with
// its own progress; the widget's value, the ids of the uploaded files, is sent once no upload is in flight. A refused
// file shows why and leaves the others alone.
import { discard, size, upload } from "porch/upload.js";
import { commit, current, frame, h, setLabel, setWidth, sync } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").Elem} Elem */
/** @typedef {import("porch/tree.js").Ctx} Ctx */
/** @template [V=any] @typedef {import("porch/widget.js").WidgetProps<V>} WidgetProps */
/**
 * @typedef {WidgetProps & {
 *   type: string[] | null,
 *   multiple: boolean,
 *   directory: boolean,
 *   max_bytes: number,
 *   files: ({id: string, name: string, size: number, type: string})[],
 *   width: string | number,
 * }} Props
 */

/**
 * One file in the list.
 * @typedef {object} Entry
 * @property {string} name
 * @property {number} size
 * @property {string} [id]  the server's file id, once it has the whole file
 * @property {"uploading" | "done" | "error"} state
 * @property {string} [message]  why it was refused
 * @property {() => void} [abort]  stops its upload while it is in flight
 * @property {HTMLLIElement} row
 */

/** @type {WeakMap<HTMLElement, Entry[]>} */
const entriesOf = new WeakMap();

/**
 * @param {Elem} el
 * @param {Ctx} ctx
 */
export function create(el, ctx) {
  const input = h("input", "upload-input");
  input.type = "file";
  const node = frame(input);
  node.classList.add("file-uploader");
  const zone = h("div", "upload-zone");
  const hint = h("span", "upload-hint");
  const list = h("ul", "upload-files");
  list.setAttribute("aria-label", "Uploaded files");
  zone.append(input, hint);
  node.append(zone, list);
  entriesOf.set(node, []);
  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    input.value = "";
    add(node, files, ctx);
  });
  zone.addEventListener("dragover", (event) => {
    if (input.disabled) return;
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (event) => {
    zone.classList.remove("dragging");
    if (input.disabled) return;
    event.preventDefault();
    add(node, [...(event.dataTransfer?.files ?? [])], ctx);
  });
  list.addEventListener("click", (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest("button");
    const entry = (entriesOf.get(node) ?? []).find((e) => e.row.contains(button));
    if (!button || !entry) return;
    remove(node, entry, ctx);
    settle(node, ctx);
    input.focus();
  });
  update(node, el);
  return node;
}

/**
 * @param {HTMLElement} node
 * @param {Elem} el
 */
export function update(node, el) {
  current.set(node, el);
  setWidth(node, el.props.width);
  const { type, multiple, directory, max_bytes, disabled } = el.props;
  const input = /** @type {HTMLInputElement} */ (node.querySelector("input"));
  setLabel(node, el, input);
  input.multiple = !!multiple;
  input.webkitdirectory = !!directory;
  input.accept = (type ?? []).join(",");
  input.disabled = !!disabled;
  const accepted = type ? ` · ${type.join(", ")}` : "";
  /** @type {HTMLElement} */ (node.querySelector(".upload-hint")).textContent =
    `or drop ${directory ? "a folder's files" : multiple ? "files" : "a file"} here · up to ${size(max_bytes)}${multiple ? " each" : ""}${accepted}`;
  sync(node, el, (value) => show(node, Array.isArray(value) ? value : []));
  for (const button of node.querySelectorAll(".upload-remove")) {
    /** @type {HTMLButtonElement} */ (button).disabled = !!disabled;
  }
}

/**
 * The server's value: the files it holds are the list, besides uploads still going and refused files.
 * @param {HTMLElement} node
 * @param {string[]} ids
 */
function show(node, ids) {
  const files = new Map((current.get(node)?.props.files ?? []).map((/** @type {any} */ f) => [f.id, f]));
  const old = entriesOf.get(node) ?? [];
  const done = new Map(old.filter((e) => e.state === "done" && e.id).map((e) => [e.id, e]));
  const held = ids.map((id) => {
    const file = files.get(id);
    return done.get(id) ?? entry(node, { name: file?.name ?? id, size: file?.size ?? 0, id, state: "done" });
  });
  setEntries(node, [...held, ...old.filter((e) => e.state !== "done")]);
}

/**
 * The user picked or dropped `files`: check each, and send the ones that pass.
 * @param {HTMLElement} node
 * @param {File[]} files
 * @param {Ctx} ctx
 */
function add(node, files, ctx) {
  const el = /** @type {Elem} */ (current.get(node));
  // A folder brings every file in it: those of a type the uploader does not take are left out, not refused.
  if (el.props.directory) files = files.filter((file) => refuse(file, { type: el.props.type }) === null);
  if (!files.length || el.props.disabled) return;
  if (!el.props.multiple) {
    files = files.slice(0, 1);
    for (const old of [...(entriesOf.get(node) ?? [])]) remove(node, old, ctx);
  }
  const added = files.map((file) => {
    const item = entry(node, { name: file.name, size: file.size, state: "uploading" });
    const refusal = refuse(file, el.props);
    if (refusal) Object.assign(item, { state: "error", message: refusal });
    else send(node, item, file, ctx);
    paint(item);
    return item;
  });
  setEntries(node, [...(entriesOf.get(node) ?? []), ...added]);
  settle(node, ctx);
}

/**
 * Why the server would refuse `file`, said before sending it; null if it would not.
 * @param {File} file
 * @param {Record<string, any>} props
 */
function refuse(file, { type, max_bytes }) {
  if (max_bytes != null && file.size > max_bytes) {
    return `${file.name} is ${size(file.size)}; files may be at most ${size(max_bytes)}.`;
  }
  const name = file.name.toLowerCase();
  const mime = file.type.toLowerCase() || "application/octet-stream";
  const fits = (/** @type {string} */ t) =>
    t.startsWith(".") ? name.endsWith(t) : t.endsWith("/*") ? mime.startsWith(t.slice(0, -1)) : mime === t;
  if (type?.length && !type.some(fits)) {
    return `${file.name} is not an accepted file type (accepted: ${type.join(", ")}).`;
  }
  return null;
}

/**
 * PUT the file to the session's upload address; the entry follows its progress.
 * @param {HTMLElement} node
 * @param {Entry} item
 * @param {File} file
 * @param {Ctx} ctx
 */
function send(node, item, file, ctx) {
  const bar = /** @type {HTMLProgressElement} */ (item.row.querySelector("progress"));
  const sending = upload(ctx, current.get(node)?.id, file, (fraction) => (bar.value = fraction));
  item.abort = sending.abort;
  void sending.result.then((sent) => {
    if ("aborted" in sent) return;
    if ("id" in sent) Object.assign(item, { state: "done", id: sent.id });
    else Object.assign(item, { state: "error", message: sent.error });
    finished(node, item, ctx);
  });
}

/**
 * @param {HTMLElement} node
 * @param {Entry} item
 * @param {Ctx} ctx
 */
function finished(node, item, ctx) {
  item.abort = undefined;
  paint(item);
  settle(node, ctx);
}

/**
 * Take a file off the list: stop its upload, and tell the server to free it unless the widget's value holds it
 * (then the new value frees it).
 * @param {HTMLElement} node
 * @param {Entry} item
 * @param {Ctx} ctx
 */
function remove(node, item, ctx) {
  item.abort?.();
  const el = current.get(node);
  if (item.id && el && !(el.props.value ?? []).includes(item.id)) discard(ctx, el.id, item.id);
  setEntries(node, (entriesOf.get(node) ?? []).filter((e) => e !== item));
}

/**
 * Send the value (the ids of the uploaded files) once no upload is in flight.
 * @param {HTMLElement} node
 * @param {Ctx} ctx
 */
function settle(node, ctx) {
  const entries = entriesOf.get(node) ?? [];
  if (entries.some((e) => e.state === "uploading")) return;
  const ids = entries.flatMap((e) => (e.state === "done" && e.id ? [e.id] : []));
  commit(node, /** @type {Elem} */ (current.get(node)), ctx, ids);
}

/**
 * A list item for a file, with its name, size, progress, error and remove button.
 * @param {HTMLElement} node
 * @param {Omit<Entry, "row">} fields
 * @returns {Entry}
 */
function entry(node, fields) {
  const row = h("li", "upload-file");
  const name = h("span", "upload-name", fields.name);
  const bytes = h("span", "upload-size", size(fields.size));
  const bar = h("progress", "upload-progress");
  bar.max = 1;
  bar.value = 0;
  bar.setAttribute("aria-label", `Uploading ${fields.name}`);
  const message = h("span", "upload-error");
  message.setAttribute("role", "alert");
  const button = h("button", "upload-remove", "×");
  button.type = "button";
  button.setAttribute("aria-label", `Remove ${fields.name}`);
  button.disabled = !!current.get(node)?.props.disabled;
  row.append(name, bytes, bar, message, button);
  const item = { ...fields, row };
  paint(item);
  return item;
}

/** @param {Entry} item */
function paint(item) {
  item.row.dataset.state = item.state;
  /** @type {HTMLElement} */ (item.row.querySelector("progress")).hidden = item.state !== "uploading";
  const message = /** @type {HTMLElement} */ (item.row.querySelector(".upload-error"));
  message.textContent = item.message ?? "";
  message.hidden = !item.message;
}

/**
 * @param {HTMLElement} node
 * @param {Entry[]} entries
 */
function setEntries(node, entries) {
  const old = entriesOf.get(node) ?? [];
  for (const item of old) if (!entries.includes(item)) item.row.remove();
  entriesOf.set(node, entries);
  const list = /** @type {HTMLElement} */ (node.querySelector(".upload-files"));
  entries.forEach((item, i) => {
    if (list.children[i] !== item.row) list.insertBefore(item.row, list.children[i] ?? null);
  });
  list.hidden = !entries.length;
}
