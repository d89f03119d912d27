// Time zones of date-time columns (column_config `timezone`, or a column's own): an instant shown as the wall-clock
// time of an IANA zone ("Europe/Berlin") or a fixed offset ("+05:30"), and a wall-clock time entered in that zone read
// back as an instant in UTC ("...Z", what Streamlit's data editor sends). Text without an offset is read as UTC, as
// Streamlit reads it. The zones' rules are the browser's (Intl); a zone it does not know leaves values as they are.

const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** @type {Map<string, Intl.DateTimeFormat | null>} one formatter a zone (null: a zone the browser does not know) */
const formats = new Map();

/** @param {string} zone */
function formatOf(zone) {
  if (!formats.has(zone)) {
    /** @type {Intl.DateTimeFormat | null} */
    let format = null;
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit",
        minute: "2-digit", second: "2-digit",
      });
    } catch {
      format = null;
    }
    formats.set(zone, format);
  }
  return formats.get(zone) ?? null;
}

/**
 * Minutes from a fixed offset ("+05:30", "-0800"), or null.
 * @param {string} text
 */
function offsetMinutes(text) {
  const fixed = OFFSET.exec(text);
  if (!fixed) return null;
  return (fixed[1] === "-" ? -1 : 1) * (Number(fixed[2]) * 60 + Number(fixed[3]));
}

/**
 * The offset of `zone` from UTC at the instant `ms`, in minutes; null for a zone the browser does not know.
 * @param {string} zone
 * @param {number} ms
 */
export function offsetAt(zone, ms) {
  const fixed = offsetMinutes(zone);
  if (fixed !== null) return fixed;
  const format = formatOf(zone);
  if (!format) return null;
  /** @type {Record<string, number>} */
  const parts = {};
  for (const part of format.formatToParts(new Date(ms))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60000);
}

/**
 * The instant of ISO text, in milliseconds: with its offset, or read as UTC without one; NaN for other text.
 * @param {string} text
 */
export function instant(text) {
  const m = ISO.exec(text);
  if (!m) return NaN;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0),
    +((m[7] ?? "0") + "00").slice(0, 3));
  const zone = m[8];
  return !zone || zone === "Z" ? ms : ms - (offsetMinutes(zone) ?? 0) * 60000;
}

/** @param {number} minutes */
function offsetText(minutes) {
  const size = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(size / 60)).padStart(2, "0")}:${String(size % 60).padStart(2, "0")}`;
}

/**
 * `text` (an instant) as ISO text of its wall-clock time in `zone`, with the zone's offset then
 * ("2024-01-01T09:00:00+01:00"); the text as it is when it is no date and time or the zone is unknown.
 * @param {string} text
 * @param {string} zone
 */
export function inZone(text, zone) {
  const ms = instant(text);
  if (!Number.isFinite(ms)) return text;
  const offset = offsetAt(zone, ms);
  if (offset === null) return text;
  const wall = new Date(ms + offset * 60000);
  const iso = wall.toISOString();
  const fraction = wall.getUTCMilliseconds() ? iso.slice(19, 23) : "";
  return `${iso.slice(0, 19)}${fraction}${offsetText(offset)}`;
}

/**
 * The instant, as UTC ISO text ("2024-01-01T08:00:00.000Z"), of the wall-clock time `wall` ("2024-01-01T09:00",
 * no offset) in `zone`; null when the text is no date and time or the zone is unknown. A time a clock change skips
 * is read with the offset before the change, one it repeats with the offset after it.
 * @param {string} wall
 * @param {string} zone
 */
export function fromZone(wall, zone) {
  const local = instant(wall);
  if (!Number.isFinite(local)) return null;
  const first = offsetAt(zone, local);
  if (first === null) return null;
  let ms = local - first * 60000;
  const second = offsetAt(zone, ms);
  if (second !== null && second !== first) ms = local - second * 60000;
  return new Date(ms).toISOString();
}
