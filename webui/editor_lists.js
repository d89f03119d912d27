// A data_editor's list and multiselect cells (porch/elements/data_editor.js is the element). Such a cell is edited in
// a panel over it: its items as chips (× removes one, as Backspace in the empty field removes the last), and a field
// that adds one: a list's text with Enter, a multiselect's option picked from the list that opens
// (porch/combobox.js), or typed text when it takes new options. A cell's value is read as Streamlit reads it: a list,
// or text (a JSON list, or items between commas); only lists of text are edited, as in Streamlit.

import { combobox } from "porch/combobox.js";
import { chip, optionsOf } from "porch/options.js";
import { h } from "porch/widget.js";

/** @typedef {import("porch/cells.js").FrameColumn} FrameColumn */
/** @typedef {import("porch/elements/data_editor.js").Editing} Editing */

/** @type {WeakMap<HTMLInputElement, {items: string[], missing: boolean}>} what each list field holds */
const lists = new WeakMap();

/**
 * A list cell's value as items: a list, or text read as Streamlit reads it (a JSON list, or items between commas).
 * @param {unknown} value
 * @returns {unknown[]}
 */
export function itemsOf(value) {
  if (value === null || value === undefined || value === "") return [];
  if (Array.isArray(value)) return value;
  if (typeof value !== "string") return [value];
  const text = value.trim();
  if (text.startsWith("[") && text.endsWith("]")) {
    try {
      const parsed = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : [value];
    } catch {
      return [value];
    }
  }
  return value.split(",");
}

/**
 * Whether a list cell's items are all text: Streamlit edits no other lists.
 * @param {unknown} value
 */
export function textItems(value) {
  return itemsOf(value).every((item) => typeof item === "string");
}

/**
 * The field of a list or multiselect cell (the panel is its ancestor, placed by `startEdit`).
 * @param {Editing} editing
 * @param {FrameColumn} column
 * @param {unknown} value
 * @param {string} [typed]
 */
export function listField(editing, column, value, typed) {
  const multi = editing.input === "multiselect";
  const options = (editing.options ?? []).map(String);
  const labels = editing.labels ?? options;
  const looks = optionsOf(column.config?.options);
  const panel = h("div", "de-list");
  const chips = h("ul", "de-chips");
  chips.setAttribute("aria-label", multi ? "Chosen" : "Items");
  const box = h("div", "combo de-list-field");
  const input = h("input", "de-field");
  input.type = "text";
  input.placeholder = multi ? (editing.accept_new ? "Choose or type" : "Choose") : "Type and press Enter";
  box.append(input);
  panel.append(chips, box);
  // A press anywhere in the panel but the field keeps the focus in the field (the edit stays open).
  panel.addEventListener("mousedown", (event) => {
    if (event.target !== input) event.preventDefault();
  });
  // A multiselect's items match its options as trimmed text, as Streamlit's.
  const items = itemsOf(value).map((item) => (multi ? String(item).trim() : String(item)));
  const state = { items, missing: value === null || value === undefined };
  lists.set(input, state);
  /** @type {import("porch/combobox.js").Combo | null} */
  let combo = null;
  const render = () => {
    chips.replaceChildren(...state.items.map((item, k) => {
      const look = multi ? looks.find((option) => String(option.value).trim() === item) : undefined;
      const text = look ? look.label : item;
      const node = chip(text, look?.color, "li");
      const remove = h("button", "de-chip-remove", "×");
      remove.type = "button";
      remove.tabIndex = -1;
      remove.setAttribute("aria-label", `Remove ${text}`);
      remove.addEventListener("click", () => {
        state.items = state.items.filter((_, at) => at !== k);
        render();
      });
      node.append(remove);
      return node;
    }));
    chips.hidden = !state.items.length;
    const hidden = new Set(options.flatMap((option, k) => (state.items.includes(option) ? [k] : [])));
    combo?.set({ options: labels, filter: "contains", acceptNew: editing.accept_new, hidden });
  };
  /** @param {string} item */
  const add = (item) => {
    if (!item || (multi && state.items.includes(item))) return;
    state.items = [...state.items, item];
    state.missing = false;
    render();
  };
  if (multi) {
    combo = combobox(input, box, {
      pick(choice) {
        if ("index" in choice) add(options[choice.index]);
        else if ("all" in choice) choice.all.forEach((k) => add(options[k]));
        else add(choice.text.trim());
        input.value = "";
      },
      restore: () => (input.value = ""),
    });
  }
  input.addEventListener("keydown", (event) => {
    if (event.key === "Backspace" && input.value === "" && state.items.length) {
      event.preventDefault();
      state.items = state.items.slice(0, -1);
      render();
    } else if (event.key === "Enter" && !multi && input.value.trim()) {
      event.preventDefault(); // Enter adds the item; Enter in the empty field keeps the cell
      add(input.value.trim());
      input.value = "";
    }
  });
  if (typed !== undefined) input.value = typed;
  render();
  return input;
}

/**
 * A list field's value: its items (and the text still in the field, for a list or a multiselect that takes it).
 * @param {Editing} editing
 * @param {HTMLInputElement} field
 * @returns {{value: unknown} | {error: string}}
 */
export function readList(editing, field) {
  const state = lists.get(field) ?? { items: [], missing: true };
  const items = [...state.items];
  const left = field.value.trim();
  if (left && (editing.input === "list" || editing.accept_new) && !(editing.input === "multiselect" &&
    items.includes(left))) {
    items.push(left);
  }
  if (!items.length && state.missing) {
    return editing.required ? { error: "A value is required." } : { value: null };
  }
  return { value: items };
}
