// The app menu: the "⋮" at the top right of the page, as Streamlit 1.67's main menu. Its sections, in Streamlit's
// order: the theme (System, Light, Dark: only when the app sets no [theme] of its own); Rerun (R) and Auto rerun
// (while the server watches the script); Clear cache (C, with Streamlit's confirmation); Print, Record screen (where
// the browser can: screencast.js) and About; the app's
// "Report a bug" and "Get help" links; then Porch's version. The server says which the page shows (`menu` messages:
// core/app_menu.py): "developer" all of them, "viewer" none of the developer's (Rerun, Auto rerun, Clear cache),
// "minimal" the theme and the app's own entries only, and no menu at all when the app gave none. What an item asks
// of the server is a message the server honours only where the menu offers it (it never trusts this page to have
// hidden an item). The app's entries come with the page (`set_page_config(menu_items=...)`): links open in a new tab
// (in the desktop window, the system browser), and only http, https and mailto ones are followed; About is markdown
// the server rendered, shown as `markdown` shows it.
//
// Keyboard: the button opens the menu (Enter, Space, ArrowDown) with focus on its first item; ArrowUp/ArrowDown,
// Home and End move between items, Escape closes it and gives focus back to the button, Tab closes it.
//
// The page loads this module when the menu is first used (app.js: the button, its C key, or a theme the user chose
// before), so a first paint pays nothing for it; the button, its state and the R and C keys are the page's.
import { h, iconNode } from "porch/widget.js";
import { Screencast, supported as screencastSupported } from "porch/screencast.js";

/** @typedef {import("porch/protocol.js").ClientMessage} ClientMessage */
/** @typedef {import("porch/protocol.js").ServerMessage} ServerMessage */
/**
 * What the page does for the menu.
 * @typedef {{rerun: () => void, send: (msg: ClientMessage) => void, connected: () => boolean}} Actions
 */
/**
 * What the page knows of the menu: the server's `menu` message (mode, version, watching, auto_rerun; null before the
 * first), and the app's entries (the page's `menu_items`: get_help, report_bug (links), about (HTML)).
 * @typedef {{menu: ServerMessage | null, items: Record<string, string>}} MenuState
 */
/**
 * One item: an action (a button or, for a link, an anchor), a theme choice or a switch. `recording`: drawn as
 * Streamlit draws "Stop recording".
 * @typedef {{key: string, label: string, kind: "action" | "link" | "radio" | "toggle", shortcut?: string,
 *   icon?: string, checked?: boolean, disabled?: boolean, href?: string, recording?: boolean, run?: () => void}} Item
 */

/** The theme choices, Streamlit's: label, icon, and what is stored. */
const THEMES = [
  { label: "System", icon: ":material/contrast:", value: "system" },
  { label: "Light", icon: ":material/light_mode:", value: "light" },
  { label: "Dark", icon: ":material/dark_mode:", value: "dark" },
];
/** The screencast item's label, by the screencast's state (Streamlit's); "Record screen" otherwise. */
const SCREENCAST_LABELS = { countdown: "Cancel recording", recording: "Stop recording" };
/** The links an app's entry may open (Streamlit's `_MENU_ITEM_URL_PROTOCOLS`); the server checked them already. */
const LINK_SCHEMES = new Set(["http:", "https:", "mailto:"]);

// -- the theme -------------------------------------------------------------------------------------------------------

/** Whether the user may choose the theme: not when the app sets its own [theme] (core/theme.py), as Streamlit. */
function themeChoosable() {
  return !document.getElementById("porch-theme");
}

/**
 * The user's choice: "system", "light" or "dark".
 * @param {string} key  where it is kept (per base path: app.js)
 */
export function chosenTheme(key) {
  let value = null;
  try {
    value = localStorage.getItem(key);
  } catch {
    // no storage: the system's
  }
  return value === "light" || value === "dark" ? value : "system";
}

/**
 * The two palettes of style.css as its rules hold them (its `:root` block, and the one under `prefers-color-scheme:
 * dark`): the names the dark one sets, each with its light and dark value.
 * @returns {Map<string, [string, string]>}
 */
function palettes() {
  /** @type {Map<string, string>} */
  const light = new Map();
  /** @type {Map<string, string>} */
  const dark = new Map();
  for (const sheet of document.styleSheets) {
    if (sheet.ownerNode instanceof HTMLElement && sheet.ownerNode.id === "porch-theme") continue;
    let rules;
    try {
      rules = sheet.cssRules;
    } catch {
      continue;
    }
    for (const rule of rules) {
      if (rule instanceof CSSStyleRule && rule.selectorText === ":root" && !light.size) read(rule.style, light);
      else if (rule instanceof CSSMediaRule && /prefers-color-scheme:\s*dark/.test(rule.conditionText) && !dark.size) {
        for (const inner of rule.cssRules) {
          if (inner instanceof CSSStyleRule && inner.selectorText === ":root") read(inner.style, dark);
        }
      }
    }
    if (light.size && dark.size) break;
  }
  /** @type {Map<string, [string, string]>} */
  const both = new Map();
  for (const [name, value] of dark) both.set(name, [light.get(name) ?? "", value]);
  return both;
}

/**
 * @param {CSSStyleDeclaration} style
 * @param {Map<string, string>} into
 */
function read(style, into) {
  for (let i = 0; i < style.length; i++) into.set(style[i], style.getPropertyValue(style[i]).trim());
}

/**
 * Show the theme the user chose: "system" follows the system (style.css's own rules), "light" and "dark" put that
 * palette on the page whatever the system prefers. Charts and components draw themselves again (`porch:scheme`).
 * @param {string} choice
 */
export function applyTheme(choice) {
  const root = document.documentElement;
  for (const [name, [light, dark]] of palettes()) {
    if (choice === "system" || !themeChoosable()) root.style.removeProperty(name);
    else root.style.setProperty(name, choice === "dark" ? dark : light);
  }
  if (choice === "system" || !themeChoosable()) root.style.removeProperty("color-scheme");
  else root.style.setProperty("color-scheme", choice);
  root.dataset.theme = themeChoosable() ? choice : "app";
  document.dispatchEvent(new CustomEvent("porch:scheme"));
}

/**
 * @param {string} key
 * @param {string} choice
 */
function chooseTheme(key, choice) {
  try {
    if (choice === "system") localStorage.removeItem(key);
    else localStorage.setItem(key, choice);
  } catch {
    // no storage: for this page only
  }
  applyTheme(choice);
}

// -- the menu --------------------------------------------------------------------------------------------------------

export class AppMenu {
  /**
   * @param {HTMLElement} host  the button's holder in the top bar (index.html), which gets the list
   * @param {Actions} actions
   * @param {MenuState} state  the page's, read whenever the menu draws itself
   * @param {string} themeKey  where the theme choice is kept
   */
  constructor(host, actions, state, themeKey) {
    this.host = host;
    this.actions = actions;
    this.state = state;
    this.themeKey = themeKey;
    this.button = /** @type {HTMLButtonElement} */ (host.querySelector("#porch-menu-button"));
    this.list = h("div", "porch-menu");
    this.list.id = "porch-menu-list";
    this.list.setAttribute("role", "menu");
    this.list.setAttribute("aria-label", "Main menu");
    this.list.hidden = true;
    host.append(this.list);
    this.list.addEventListener("keydown", (event) => this.onKey(event));
    document.addEventListener("pointerdown", (event) => {
      if (!this.list.hidden && event.target instanceof Node && !host.contains(event.target)) this.close(false);
    });
    applyTheme(chosenTheme(themeKey));
    this.screencast = new Screencast(modal, (state) => {
      host.dataset.screencast = state;
      if (!this.list.hidden) this.render(this.focusedIndex());
    });
  }

  get menu() {
    return this.state.menu;
  }

  get items() {
    return this.state.items;
  }

  get mode() {
    return String(this.menu?.mode ?? "");
  }

  /** The sections of items the menu shows now, Streamlit's order; empty ones are left out. */
  sections() {
    const developer = this.mode === "developer";
    const connected = this.actions.connected();
    const choice = chosenTheme(this.themeKey);
    /** @type {Item[]} */
    const theme = themeChoosable()
      ? THEMES.map((t) => ({
        key: `theme-${t.value}`, label: t.label, kind: "radio", icon: t.icon, checked: choice === t.value,
        run: () => chooseTheme(this.themeKey, t.value),
      }))
      : [];
    /** @type {Item[]} */
    const links = [];
    const bug = link(this.items.report_bug);
    if (bug) links.push({ key: "report", label: "Report a bug", kind: "link", href: bug });
    const help = link(this.items.get_help);
    if (help) links.push({ key: "help", label: "Get help", kind: "link", href: help });
    /** @type {Item[]} */
    const about = this.items.about ? [{ key: "about", label: "About", kind: "action", run: () => this.about() }] : [];
    if (this.mode === "minimal") return [theme, [...links, ...about]].filter((section) => section.length);
    /** @type {Item[]} */
    const run = developer
      ? [{ key: "rerun", label: "Rerun", kind: "action", shortcut: "R", disabled: !connected,
        run: () => this.actions.rerun() }]
      : [];
    if (developer && this.menu?.watching) {
      const on = !!this.menu?.auto_rerun;
      run.push({ key: "auto-rerun", label: "Auto rerun", kind: "toggle", checked: on, disabled: !connected,
        run: () => this.actions.send({ type: "run_on_save", enabled: !on }) });
    }
    /** @type {Item[]} */
    const cache = developer
      ? [{ key: "clear-cache", label: "Clear cache", kind: "action", shortcut: "C", disabled: !connected,
        run: () => this.confirmClearCache() }]
      : [];
    /** @type {Item[]} */
    const page = [{ key: "print", label: "Print", kind: "action", run: () => printPage() }];
    if (screencastSupported()) {
      const state = this.screencast.state;
      const active = state === "countdown" || state === "recording";
      page.push({ key: "screencast", label: active ? SCREENCAST_LABELS[state] : "Record screen", kind: "action",
        recording: active, shortcut: active ? "ESC" : undefined, run: () => this.screencast.toggle() });
    }
    page.push(...about);
    return [theme, run, cache, page, links].filter((section) => section.length);
  }

  /** The page's state changed (a `menu` or `page` message): an open menu draws itself again, a hidden one closes. */
  show() {
    if (this.host.hidden) this.close(false);
    else if (!this.list.hidden) this.render(this.focusedIndex());
  }

  /**
   * Open, or close when open (the button).
   * @param {number} index  the item to focus on opening (-1: the last)
   */
  toggle(index) {
    if (this.list.hidden) this.open(index);
    else this.close();
  }

  /**
   * Open with focus on item `index` (-1: the last).
   * @param {number} index
   */
  open(index) {
    this.list.hidden = false;
    this.button.setAttribute("aria-expanded", "true");
    this.render(index);
  }

  /** @param {boolean} [refocus]  give focus back to the button */
  close(refocus = true) {
    if (this.list.hidden) return;
    this.list.hidden = true;
    this.button.setAttribute("aria-expanded", "false");
    if (refocus) this.button.focus();
  }

  /** The index of the item that has focus, or 0. */
  focusedIndex() {
    const index = this.itemNodes().findIndex((node) => node === document.activeElement);
    return index < 0 ? 0 : index;
  }

  /** @returns {HTMLElement[]} */
  itemNodes() {
    return [...this.list.querySelectorAll(/** @type {"button"} */ ("[data-item]"))];
  }

  /**
   * Draw the items and focus item `index` (-1: the last).
   * @param {number} index
   */
  render(index) {
    const nodes = [];
    this.list.replaceChildren();
    for (const section of this.sections()) {
      if (this.list.childElementCount) {
        const rule = h("div", "porch-menu-divider");
        rule.setAttribute("role", "separator");
        this.list.append(rule);
      }
      const holder = section[0].kind === "radio" ? h("div", "porch-menu-themes") : this.list;
      if (holder !== this.list) {
        holder.setAttribute("role", "group");
        holder.setAttribute("aria-label", "Theme");
        this.list.append(holder);
      }
      for (const item of section) {
        const node = this.itemNode(item);
        holder.append(node);
        nodes.push(node);
      }
    }
    const footer = h("div", "porch-menu-version", `Made with Porch v${String(this.menu?.version ?? "")}`);
    this.list.append(footer);
    const at = index < 0 ? nodes.length - 1 : Math.min(index, nodes.length - 1);
    nodes.forEach((node, i) => (node.tabIndex = i === at ? 0 : -1));
    nodes[at]?.focus();
  }

  /** @param {Item} item */
  itemNode(item) {
    const node = item.kind === "link" ? h("a", "porch-menu-item") : h("button", "porch-menu-item");
    node.dataset.item = item.key;
    if (node instanceof HTMLButtonElement) node.type = "button";
    if (node instanceof HTMLAnchorElement && item.href) {
      node.href = item.href;
      node.target = "_blank";
      node.rel = "noopener noreferrer";
    }
    node.setAttribute("role", item.kind === "radio" ? "menuitemradio" : item.kind === "toggle" ? "menuitemcheckbox"
      : "menuitem");
    if (item.kind === "radio" || item.kind === "toggle") node.setAttribute("aria-checked", String(!!item.checked));
    if (item.disabled) node.setAttribute("aria-disabled", "true");
    if (item.recording) node.dataset.recording = "true";
    if (item.icon) node.append(iconNode(item.icon));
    node.append(h("span", "porch-menu-label", item.label));
    if (item.shortcut) {
      const key = h("kbd", "porch-menu-shortcut", item.shortcut);
      node.setAttribute("aria-keyshortcuts", item.shortcut === "ESC" ? "Escape" : item.shortcut);
      node.append(key);
    }
    if (item.kind === "toggle") node.append(h("span", "porch-menu-switch"));
    node.addEventListener("click", (event) => {
      if (item.disabled) {
        event.preventDefault();
        return;
      }
      if (item.kind === "link") {
        this.close();
        return; // the anchor opens it, in a new tab
      }
      if (item.kind === "radio" || item.kind === "toggle") {
        item.run?.();
        this.render(this.itemNodes().indexOf(node)); // the menu stays open, as Streamlit's
        return;
      }
      this.close();
      item.run?.();
    });
    return node;
  }

  /** @param {KeyboardEvent} event */
  onKey(event) {
    const nodes = this.itemNodes();
    const at = nodes.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    const focus = (/** @type {number} */ index) => {
      const target = nodes[(index + nodes.length) % nodes.length];
      nodes.forEach((node) => (node.tabIndex = node === target ? 0 : -1));
      target?.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        focus(at + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        focus(at < 0 ? -1 : at - 1);
        break;
      case "Home":
        event.preventDefault();
        focus(0);
        break;
      case "End":
        event.preventDefault();
        focus(-1);
        break;
      case "Escape":
        event.preventDefault();
        event.stopPropagation();
        this.close();
        break;
      case "Tab":
        this.close(false);
        break;
    }
  }

  /** Streamlit's confirmation: "Clear caches", Cancel (focused) or Clear caches. */
  confirmClearCache() {
    const dialog = modal("Clear caches", "clear-cache");
    const text = h("div", "porch-menu-dialog-body");
    const question = h("strong", "", "Are you sure you want to clear the app's function caches?");
    text.append(question, h("br"), "This will remove all cached entries from functions using ",
      h("code", "", "@st.cache_data"), " and ", h("code", "", "@st.cache_resource"), ".");
    const buttons = h("div", "porch-menu-dialog-buttons");
    const cancel = h("button", "porch-menu-dialog-button", "Cancel");
    const clear = h("button", "porch-menu-dialog-button porch-menu-dialog-primary", "Clear caches");
    cancel.addEventListener("click", () => dialog.close());
    clear.addEventListener("click", () => {
      dialog.close();
      this.actions.send({ type: "clear_cache" });
    });
    buttons.append(cancel, clear);
    dialog.append(text, buttons);
    dialog.showModal();
    cancel.focus();
  }

  /** The app's About: its markdown, as `markdown` shows it (the server rendered it), and Porch's version. */
  async about() {
    const html = this.items.about ?? "";
    const markdown = await import("porch/elements/markdown.js");
    const dialog = modal("About", "about");
    const body = markdown.create({ kind: "markdown", props: { ...markdown.defaults, body: "", html, anchors: false } });
    dialog.append(body, h("p", "porch-menu-dialog-version", `Made with Porch v${String(this.menu?.version ?? "")}`));
    dialog.showModal();
    /** @type {HTMLElement | null} */ (dialog.querySelector(".porch-menu-dialog-close"))?.focus();
  }
}

/**
 * A modal dialog of the menu (and of screencast.js), with its title and a close button; it leaves the page when it closes, giving focus
 * back to the menu's button.
 * @param {string} title
 * @param {string} name
 */
function modal(title, name) {
  const dialog = /** @type {HTMLDialogElement} */ (h("dialog", "porch-menu-dialog"));
  dialog.dataset.dialog = name;
  const header = h("div", "porch-menu-dialog-header");
  const heading = h("h2", "porch-menu-dialog-title", title);
  heading.id = `porch-menu-dialog-${name}`;
  dialog.setAttribute("aria-labelledby", heading.id);
  const close = h("button", "porch-icon-button porch-menu-dialog-close", "×");
  close.setAttribute("aria-label", "Close");
  close.addEventListener("click", () => dialog.close());
  header.append(heading, close);
  dialog.append(header);
  dialog.addEventListener("close", () => {
    dialog.remove();
    document.getElementById("porch-menu-button")?.focus();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  document.body.append(dialog);
  return dialog;
}

/**
 * `text` as a link an app's entry may open, or null.
 * @param {string | undefined} text
 */
function link(text) {
  if (!text) return null;
  try {
    const url = new URL(text);
    return LINK_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** Print the page once the run under way (if any) has ended, as Streamlit's Print waits for it. */
function printPage() {
  if (document.body.dataset.run === "running") {
    setTimeout(printPage, 500);
    return;
  }
  setTimeout(() => window.print(), 0);
}

