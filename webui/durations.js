// Durations in tables, as Streamlit 1.67 shows them (its arrowFormatUtils, shared by st.dataframe, st.data_editor
// and st.table): in words by default, as moment's `humanize` writes them ("a few seconds", "2 minutes", "a day"), a
// negative one with a minus before ("-5 minutes"); a NumberColumn's format "compact" as a clock ("00:01:30", hours
// not wrapped at 24), "localized" as the browser's Intl.DurationFormat ("1 min, 30 sec"), "duration" in words (over
// any number of seconds), and any other number format over the seconds. The server sends a duration as the text its
// library writes (pandas' "0 days 00:01:00", Python's "0:01:00"): `durationSeconds` reads it back.

/** The clock form of pandas' and Python's text: "1 days 02:03:04.5", "1 day, 2:03:04.500000", "-1 days +23:59:59". */
const CLOCK = /^(?:([+-]?\d+) days?,? )?([+-])?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/**
 * A duration's seconds, from a number or from its text as the server sends it (see `CLOCK`; a number as text is its
 * seconds); null for other text.
 * @param {unknown} value
 * @returns {number | null}
 */
export function durationSeconds(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text !== "" && Number.isFinite(Number(text))) return Number(text);
  const found = CLOCK.exec(text);
  if (!found) return null;
  const [, days, sign, hours, minutes, seconds, fraction] = found;
  const clock = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction ?? "0"}`);
  return Number(days ?? 0) * 86400 + (sign === "-" ? -clock : clock);
}

/**
 * How a column shows its durations: "duration" (in words), "compact", "localized", or null (a number format over
 * the seconds); undefined for a column that shows no durations. A duration column shows in words unless it is a
 * NumberColumn with another format; a NumberColumn with format "duration" shows any numbers as seconds in words.
 * @param {{dtype: string, type: string | null, config?: Record<string, any>}} column
 * @returns {string | null | undefined}
 */
export function durationFormat(column) {
  const type = column.type ?? "";
  const fmt = column.config?.format;
  if (type === "number" && fmt === "duration") return "duration";
  if (column.dtype !== "timedelta" || !(type === "" || type === "number" || type === "text")) return undefined;
  if (type !== "number" || fmt === undefined || fmt === null || fmt === "") return "duration";
  return fmt === "compact" || fmt === "localized" ? fmt : null;
}

/**
 * `seconds` as a duration in `fmt` ("duration", "compact" or "localized"; see the module's note).
 * @param {number} seconds
 * @param {string} [fmt]
 */
export function formatDuration(seconds, fmt = "duration") {
  if (!Number.isFinite(seconds)) return String(seconds);
  const size = Math.abs(seconds);
  const text = fmt === "compact" ? clock(size) : fmt === "localized" ? localized(size) ?? clock(size) : inWords(size);
  return seconds < 0 ? `-${text}` : text;
}

/**
 * moment 2's `duration(seconds, "seconds").humanize()` in English: each unit rounded, and its thresholds (44 seconds
 * are "a few seconds", 45 minutes "an hour", 22 hours "a day", 26 days "a month", 11 months "a year"; a month is
 * 146097 / 4800 days).
 * @param {number} seconds  not negative
 */
function inWords(seconds) {
  const days = seconds / 86400;
  const months = (days * 4800) / 146097;
  const round = Math.round;
  /** @type {[number, number, string, string][]} the rounded count, the threshold, one, several */
  const steps = [
    [round(seconds / 60), 45, "a minute", "minutes"],
    [round(seconds / 3600), 22, "an hour", "hours"],
    [round(days), 26, "a day", "days"],
    [round(months), 11, "a month", "months"],
  ];
  if (round(seconds) <= 44) return "a few seconds";
  for (const [count, threshold, one, several] of steps) {
    if (count <= 1) return one;
    if (count < threshold) return `${count} ${several}`;
  }
  const years = round(months / 12);
  return years <= 1 ? "a year" : `${years} years`;
}

/**
 * Whole seconds and the fraction in nanoseconds (Streamlit's digits for pandas' durations), a fraction that rounds
 * to a whole second carried over.
 * @param {number} seconds
 */
function split(seconds) {
  let whole = Math.floor(seconds);
  let nanos = Math.round((seconds - whole) * 1e9);
  if (nanos === 1e9) {
    whole += 1;
    nanos = 0;
  }
  return { whole, nanos };
}

/**
 * "HH:MM:SS" and the fraction without its trailing zeros; hours past 24 go on counting ("336:00:00").
 * @param {number} seconds  not negative
 */
function clock(seconds) {
  const { whole, nanos } = split(seconds);
  const two = (/** @type {number} */ n) => String(n).padStart(2, "0");
  const fraction = nanos ? `.${String(nanos).padStart(9, "0").replace(/0+$/, "")}` : "";
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}${fraction}`;
}

/** @type {Map<string, any>} */
const localizers = new Map();

/**
 * The browser's short duration ("1 min, 30 sec", "2 hr, 30 min", "0 sec"), or undefined where it has no
 * Intl.DurationFormat (the clock is shown then, as Streamlit's).
 * @param {number} seconds  not negative
 */
function localized(seconds) {
  const Format = /** @type {any} */ (Intl).DurationFormat;
  if (!Format) return undefined;
  const { whole, nanos } = split(seconds);
  /** @type {Record<string, number>} */
  const parts = {};
  const units = /** @type {[string, number][]} */ ([
    ["days", Math.floor(whole / 86400)], ["hours", Math.floor((whole % 86400) / 3600)],
    ["minutes", Math.floor((whole % 3600) / 60)], ["seconds", whole % 60], ["milliseconds", Math.floor(nanos / 1e6)],
    ["microseconds", Math.floor((nanos % 1e6) / 1e3)], ["nanoseconds", nanos % 1e3],
  ]);
  for (const [unit, count] of units) if (count) parts[unit] = count;
  const zero = Object.keys(parts).length === 0;
  if (zero) parts.seconds = 0;
  const key = zero ? "zero" : "short";
  if (!localizers.has(key)) {
    const options = zero ? { style: "short", secondsDisplay: "always" } : { style: "short" };
    try {
      localizers.set(key, new Format(navigator.languages, options));
    } catch {
      localizers.set(key, new Format(undefined, options)); // a language the browser cannot format in
    }
  }
  try {
    return String(localizers.get(key).format(parts));
  } catch {
    return undefined;
  }
}
