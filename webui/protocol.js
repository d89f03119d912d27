// The client half of the wire contract; core/protocol.py is the other half and
// tests/test_protocol_contract.py keeps the two equal. See docs/protocol.md. Below the messages, the page's half of
// their delivery: numbering the events that ask for a rerun and sending again those not acknowledged.

export const PROTOCOL_VERSION = 1;

export const CLIENT_MESSAGE_TYPES = ["hello", "rerun", "stop", "rows", "clear_cache", "run_on_save"];

export const SERVER_MESSAGE_TYPES = ["session", "page", "run", "delta", "trim", "reset", "error", "query", "rows",
  "location", "navigate", "ack", "menu"];

export const BLOCK_KINDS = [
  "container", "columns", "column", "tabs", "tab", "expander", "form", "popover", "status", "dialog", "chat_message",
  "grid", "grid_cell",
];

/**
 * The props every widget has (a leaf element with an id) that the server leaves off while they hold these values:
 * the page puts them back before the element's module sees them (tree.js), as it does a module's own `defaults`.
 */
export const WIDGET_DEFAULTS = {"label_visibility": "visible", "help": null, "disabled": false, "form": null,
  "ignore_rerun": false};

export const RUN_STATUSES = ["ok", "error", "stopped", "rerun"];

export const ROOT_MAIN = 0;
export const ROOT_SIDEBAR = 1;
/** What is drawn over the page rather than in its flow (a dialog). */
export const ROOT_OVERLAY = 2;
/** What is pinned to the bottom of the main area (porch.bottom, a chat_input called in the main area itself). */
export const ROOT_BOTTOM = 3;

/**
 * One element as the server describes it.
 * @typedef {{kind: string, id?: string, props: Record<string, any>}} Elem
 */

/**
 * A message from the server (a frame is an array of these).
 * @typedef {{type: string, [field: string]: any}} ServerMessage
 */

/**
 * What the page says of itself (porch.context): in hello, all it knows; in a rerun (`client`), what changed since.
 * @typedef {{locale?: string, timezone?: string, timezone_offset?: number, theme?: "light" | "dark", url?: string}}
 *   PageInfo
 */

/**
 * A message to the server.
 * @typedef {{type: "hello", protocol: number, session?: string, token?: string, query?: Record<string, string[]>,
 *     page?: string, page_load?: string} & PageInfo
 *   | {type: "rerun", widgets: Record<string, unknown>, trigger?: string, query?: Record<string, string[]>,
 *     page?: string, seq?: number, client?: PageInfo}
 *   | {type: "stop"}
 *   | {type: "rows", id: string, start: number, count: number, sort?: [number, "asc" | "desc"][]}
 *   | {type: "clear_cache"}
 *   | {type: "run_on_save", enabled: boolean}} ClientMessage
 */

/** Block kinds as a Set, for quick look-ups. */
export const BLOCKS = new Set(BLOCK_KINDS);

// -- what the page says of itself ------------------------------------------------------------------------------------

/**
 * What the page last told its session of itself: hello says all of it, and each rerun the page asks for carries what
 * changed since (a colour scheme, a time zone), so the run it causes sees it, as Streamlit's st.context refreshes
 * them with every rerun. Nothing travels when nothing changed.
 */
export class PageReport {
  constructor() {
    /** @type {PageInfo} */
    this.told = {};
  }

  /**
   * Hello tells all of `info`.
   * @param {PageInfo} info
   */
  all(info) {
    this.told = { ...info };
    return info;
  }

  /**
   * The fields of `info` that differ from what was told, which are told from now on; null when none does.
   * @param {PageInfo} info
   * @returns {PageInfo | null}
   */
  changes(info) {
    /** @type {Record<string, unknown>} */
    const changed = {};
    const told = /** @type {Record<string, unknown>} */ (this.told);
    for (const [name, value] of Object.entries(info)) {
      if (value !== undefined && told[name] !== value) changed[name] = told[name] = value;
    }
    return Object.keys(changed).length ? /** @type {PageInfo} */ (changed) : null;
  }
}

// -- delivery --------------------------------------------------------------------------------------------------------

// The page's events that ask for a rerun (a widget's new value, a click), numbered and kept until the server
// acknowledges them, so that none is lost when its server goes away: after reconnecting, to the same server or to
// another that took the session over through the store, the page sends again those the session does not hold, and
// the session takes each number once (docs/protocol.md, "Events are never lost").

/**
 * Events kept at most: a server that does not acknowledge (its store does not answer) must not make the page grow
 * without end. The oldest go first; the server's own bound on waiting clicks is of the same size (max_queued_clicks).
 */
export const MAX_KEPT_EVENTS = 1000;

export class Resend {
  constructor() {
    /** The number of the last event; numbers go on from the session's own after a reload. */
    this.seq = 0;
    /** Whether a session has answered yet: events before it are numbered once the session says where it is. */
    this.started = false;
    /** @type {(ClientMessage & {seq: number})[]} */
    this.kept = [];
  }

  /**
   * Number an event and keep it; the message to send.
   * @param {ClientMessage} msg
   */
  add(msg) {
    const numbered = { ...msg, seq: this.started ? ++this.seq : 0 };
    this.kept.push(numbered);
    if (this.kept.length > MAX_KEPT_EVENTS) this.kept.shift();
    return numbered;
  }

  /**
   * The session holds every event up to `seq` for good.
   * @param {number} seq
   */
  acknowledge(seq) {
    let done = 0;
    while (done < this.kept.length && this.kept[done].seq > 0 && this.kept[done].seq <= seq) done++;
    this.kept.splice(0, done);
  }

  /** The kept events as text, for the page that replaces this one (it reloads itself for a new build). */
  carried() {
    return JSON.stringify(this.kept);
  }

  /**
   * Take the events the page this one replaced kept (`carried`), with their numbers: the session knows them.
   * @param {string | null} text
   */
  carry(text) {
    let events;
    try {
      events = JSON.parse(text ?? "[]");
    } catch {
      return;
    }
    if (!Array.isArray(events)) return;
    this.kept = events.filter((e) => e && e.type === "rerun" && Number.isSafeInteger(e.seq) && e.seq > 0)
      .slice(-MAX_KEPT_EVENTS);
    if (!this.kept.length) return;
    this.seq = Math.max(...this.kept.map((e) => e.seq));
    this.started = true;
  }

  /**
   * A `session` message came: the events to send (again), oldest first. A new session holds none of the earlier
   * events (they were for widgets of another session): they are dropped. A resumed one (here, or moved here from
   * another server) says the last event it holds (`seq`) and the last it has saved (`ack`).
   * @param {ServerMessage} msg
   */
  resume(msg) {
    const held = Number.isSafeInteger(msg.seq) ? msg.seq : 0;
    const saved = Number.isSafeInteger(msg.ack) ? msg.ack : 0;
    this.seq = Math.max(this.seq, held);
    if (!this.started) {
      this.started = true;
      for (const event of this.kept) event.seq = ++this.seq; // made before any session answered: new events
    }
    if (!msg.resumed) {
      this.kept = [];
      return [];
    }
    this.acknowledge(saved);
    // What the page said of itself then is not sent again: this connection's hello said what it is now.
    return this.kept.filter((event) => event.seq > held).map((event) => {
      if (event.type !== "rerun" || !event.client) return event;
      const { client, ...sent } = event;
      return sent;
    });
  }
}
