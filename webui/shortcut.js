// Keyboard shortcuts of buttons (`shortcut` of button, download_button, form_submit_button, link_button): one
// listener on the document clicks the button whose shortcut was pressed, and each button shows its shortcut as a
// hint. The server sends shortcuts normalized (core/elements/_shortcut.py): lower case, modifiers first in the order
// ctrl, cmd, alt, shift, then one key ("ctrl+shift+k", "f5", "enter"). As in Streamlit, Ctrl and Cmd are one modifier
// (either key presses it) and are shown as the user's platform names it. A shortcut without Ctrl, Cmd or Alt does
// nothing while the user types in a field, so typing a "k" never clicks the button of "K". Loaded by button.js with
// the first button that has a shortcut; the hint's styles are button.css's.
/** @type {Map<HTMLElement, string>} control -> its normalized shortcut */
const shortcuts = new Map();

const MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** Keys other than letters, digits and F1..F24: the normalized name -> `KeyboardEvent.key`. */
const KEYS = /** @type {Record<string, string>} */ ({
  enter: "Enter", space: " ", tab: "Tab", escape: "Escape", backspace: "Backspace", delete: "Delete", home: "Home",
  end: "End", pageup: "PageUp", pagedown: "PageDown", left: "ArrowLeft", right: "ArrowRight", up: "ArrowUp",
  down: "ArrowDown",
});
/** How a hint names keys and modifiers: on macOS with their symbols, elsewhere with words. */
const SHOWN = /** @type {Record<string, string>} */ ({
  enter: "Enter", space: "Space", tab: "Tab", escape: "Esc", backspace: "Backspace", delete: "Del", home: "Home",
  end: "End", pageup: "PgUp", pagedown: "PgDn", left: "←", right: "→", up: "↑", down: "↓",
});
const MODIFIERS_SHOWN = MAC
  ? /** @type {Record<string, string>} */ ({ ctrl: "⌘", cmd: "⌘", alt: "⌥", shift: "⇧" })
  : /** @type {Record<string, string>} */ ({ ctrl: "Ctrl", cmd: "Ctrl", alt: "Alt", shift: "Shift" });

/**
 * The parts of a normalized shortcut.
 * @param {string} shortcut
 */
function parse(shortcut) {
  const parts = shortcut.split("+");
  const key = /** @type {string} */ (parts.pop());
  const primary = parts.includes("ctrl") || parts.includes("cmd");
  return { key, primary, alt: parts.includes("alt"), shift: parts.includes("shift") };
}

/**
 * Whether `event` presses `shortcut`. Letters and digits are matched by the physical key (`code`), so Shift or Alt,
 * which change the character, do not change the key.
 * @param {KeyboardEvent} event
 * @param {string} shortcut
 */
export function pressed(event, shortcut) {
  const want = parse(shortcut);
  if ((event.ctrlKey || event.metaKey) !== want.primary || event.altKey !== want.alt) return false;
  if (event.shiftKey !== want.shift) return false;
  if (/^[a-z]$/.test(want.key)) return event.code === `Key${want.key.toUpperCase()}`;
  if (/^[0-9]$/.test(want.key)) return event.code === `Digit${want.key}` || event.code === `Numpad${want.key}`;
  if (/^f\d+$/.test(want.key)) return event.key.toLowerCase() === want.key;
  return event.key === KEYS[want.key];
}

/**
 * How a hint shows `shortcut`: "Ctrl+Shift+K", or "⌘⇧K" on macOS.
 * @param {string} shortcut
 */
export function shortcutText(shortcut) {
  const parts = shortcut.split("+");
  const key = /** @type {string} */ (parts.pop());
  const mods = [...new Set(parts.map((mod) => MODIFIERS_SHOWN[mod]))];
  const name = SHOWN[key] ?? key.toUpperCase();
  return MAC ? [...mods, name].join("") : [...mods, name].join("+");
}

/** @param {EventTarget | null} target */
function typing(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.repeat || !shortcuts.size) return;
  for (const [control, shortcut] of shortcuts) {
    if (!control.isConnected) {
      shortcuts.delete(control);
      continue;
    }
    if (!pressed(event, shortcut)) continue;
    const want = parse(shortcut);
    if (!want.primary && !want.alt && typing(event.target)) return;
    if (control.matches(":disabled, [aria-disabled='true']")) continue;
    event.preventDefault();
    control.click();
    return;
  }
});

/**
 * Give `control` the keyboard `shortcut` (normalized, or null for none) and show it as a hint in `hint`, a <kbd> the
 * control holds; `aria-keyshortcuts` tells assistive technology.
 * @param {HTMLElement} control
 * @param {HTMLElement} hint
 * @param {string | null | undefined} shortcut
 */
export function setShortcut(control, hint, shortcut) {
  hint.hidden = !shortcut;
  if (!shortcut) {
    shortcuts.delete(control);
    control.removeAttribute("aria-keyshortcuts");
    return;
  }
  shortcuts.set(control, shortcut);
  hint.textContent = shortcutText(shortcut);
  const { key, primary, alt, shift } = parse(shortcut);
  const aria = [primary ? (MAC ? "Meta" : "Control") : "", alt ? "Alt" : "", shift ? "Shift" : ""].filter(Boolean);
  const named = key === "space" ? "Space" : KEYS[key] ?? key.toUpperCase();
  control.setAttribute("aria-keyshortcuts", [...aria, named].join("+"));
}
