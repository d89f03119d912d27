// A text field that opens a list of options and filters it as the user types: what selectbox and multiselect
// share. It follows the ARIA combobox pattern (an <input role=combobox> that owns a listbox, the active option named
// by aria-activedescendant): arrows move, Enter picks, Escape closes, a click picks. `filter` says how typing
// matches labels ("fuzzy": the typed letters in order, "contains", "prefix"; null: no typing); with `acceptNew`,
// text that is no option's label can be picked as a new option. Its styles (combobox.css) come with it.
import { h, uid } from "porch/widget.js";

/**
 * What the user picked: an option by index, every option listed ("Select all"), or a new option's text.
 * @typedef {{index: number} | {all: number[]} | {text: string}} Pick
 */

/**
 * What the list offers, set again on each update.
 * @typedef {object} ComboSpec
 * @property {string[]} options  the labels
 * @property {string | null} filter  "fuzzy", "contains", "prefix", or null (no typing)
 * @property {boolean} acceptNew  text that matches no label may be picked
 * @property {Set<number>} [hidden]  options not to list (a multiselect's chosen ones)
 * @property {boolean | number} [selectAll]  offer "Select all" when at most this many options are listed
 */

/**
 * @typedef {object} Combo
 * @property {(spec: ComboSpec) => void} set
 * @property {() => void} close
 * @property {() => boolean} isOpen
 */

/**
 * Whether `label` matches what was typed, in `mode`.
 * @param {string} label
 * @param {string} query
 * @param {string | null} mode
 */
export function matches(label, query, mode) {
  if (!query || !mode) return true;
  const text = label.toLowerCase();
  const typed = query.toLowerCase();
  if (mode === "prefix") return text.startsWith(typed);
  if (mode === "contains") return text.includes(typed);
  let at = 0;
  for (const char of typed) {
    at = text.indexOf(char, at);
    if (at < 0) return false;
    at += char.length;
  }
  return true;
}

/**
 * Make `input` a combobox whose list opens below it, inside `box` (which should be position: relative).
 * @param {HTMLInputElement} input
 * @param {HTMLElement} box
 * @param {{pick: (choice: Pick) => void, restore: () => void, current?: () => number | string | null}} on
 *   `restore` puts the field's text back when the list closes without a pick; `current` is the option chosen now,
 *   active when the list opens
 * @returns {Combo}
 */
export function combobox(input, box, on) {
  const list = h("ul", "combo-list");
  list.id = uid();
  list.setAttribute("role", "listbox");
  list.hidden = true;
  box.append(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-autocomplete", "list");
  input.autocomplete = "off";
  /** @type {ComboSpec} */
  let spec = { options: [], filter: "fuzzy", acceptNew: false };
  /** @type {{pick: Pick, label: string}[]} */
  let items = [];
  let active = -1;
  let typed = false;

  const open = () => {
    if (input.disabled) return;
    render();
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    typed = false;
  };
  /** @param {number} index */
  const activate = (index) => {
    active = items.length ? (index + items.length) % items.length : -1;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === active)));
    const li = /** @type {HTMLElement | undefined} */ (list.children[active]);
    if (li) {
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };
  /** @param {Pick} choice */
  const choose = (choice) => {
    close();
    on.pick(choice);
  };

  function render() {
    const query = typed ? input.value.trim() : "";
    const hidden = spec.hidden ?? new Set();
    /** @type {number[]} */
    const shown = [];
    spec.options.forEach((label, i) => {
      if (!hidden.has(i) && matches(label, query, spec.filter)) shown.push(i);
    });
    items = shown.map((index) => ({ pick: { index }, label: spec.options[index] }));
    const { selectAll = false } = spec;
    const offerAll = selectAll === true || (typeof selectAll === "number" && shown.length <= selectAll);
    if (offerAll && shown.length > 1) {
      items.unshift({ pick: { all: shown }, label: query ? `Select all ${shown.length} matches` : "Select all" });
    }
    if (spec.acceptNew && query && !spec.options.includes(query)) {
      items.unshift({ pick: { text: query }, label: `Add "${query}"` });
    }
    list.replaceChildren(
      ...(items.length
        ? items.map((item, i) => {
            const li = h("li", "combo-option", item.label);
            li.id = `${list.id}-${i}`;
            li.setAttribute("role", "option");
            if ("all" in item.pick || "text" in item.pick) li.classList.add("combo-action");
            li.addEventListener("mousedown", (event) => {
              event.preventDefault();
              choose(item.pick);
            });
            return li;
          })
        : [h("li", "combo-empty", "No results")]),
    );
    const chosen = on.current?.();
    const at = items.findIndex((item) => "index" in item.pick && item.pick.index === chosen);
    activate(query && items.length ? 0 : at);
  }

  input.addEventListener("input", () => {
    typed = true;
    open();
  });
  input.addEventListener("click", () => (list.hidden ? open() : close()));
  input.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) open();
      else activate(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      if (list.hidden) return;
      event.preventDefault();
      if (active >= 0) choose(items[active].pick);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
      on.restore();
    } else if (event.key === " " && input.readOnly && list.hidden) {
      event.preventDefault();
      open();
    }
  });
  input.addEventListener("blur", () => {
    if (list.hidden) return;
    close();
    on.restore();
  });

  return {
    set(next) {
      spec = next;
      input.readOnly = !next.filter && !next.acceptNew;
      if (!list.hidden) render();
    },
    close,
    isOpen: () => !list.hidden,
  };
}
