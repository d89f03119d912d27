// One-shot effects (toast, balloons, snow: core/elements/_once.py): each element carries a `shot`, and an effect
// plays once per shot. A page rebuilt from the server's tree (a reconnect, or a reload that resumes the session)
// receives the elements again but must not play them again: the shots played are remembered for the tab's life.

const KEY = "porch.shots";
const KEEP = 200;

/** @type {string[]} */
let played = [];
try {
  played = JSON.parse(sessionStorage.getItem(KEY) ?? "[]");
  if (!Array.isArray(played)) played = [];
} catch {
  played = []; // storage disabled or garbled: remembered for this page only
}

/**
 * Whether the effect of `shot` is yet to play; marks it played. True once per shot.
 * @param {string} shot
 */
export function firstTime(shot) {
  if (!shot || played.includes(shot)) return false;
  played.push(shot);
  if (played.length > KEEP) played = played.slice(-KEEP);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(played));
  } catch {
    // private mode without storage: remembered for this page only
  }
  return true;
}

/** Whether the reader asked for less motion. */
export function reducedMotion() {
  return matchMedia("(prefers-reduced-motion: reduce)").matches;
}
