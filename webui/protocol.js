// The client half of the wire contract; core/protocol.py is the other half and
// tests/test_protocol_contract.py keeps the two equal. See docs/protocol.md.

export const PROTOCOL_VERSION = 1;

export const CLIENT_MESSAGE_TYPES = ["hello", "rerun", "stop", "rows"];

export const SERVER_MESSAGE_TYPES = ["session", "page", "run", "delta", "trim", "reset", "error", "query", "rows",
  "location", "navigate"];

export const BLOCK_KINDS = [
  "container", "columns", "column", "tabs", "tab", "expander", "form", "row", "popover", "status", "dialog",
  "chat_message", "grid", "grid_cell",
];

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
 * A message to the server.
 * @typedef {{type: "hello", protocol: number, session?: string, token?: string, query?: Record<string, string[]>,
 *     locale?: string, timezone?: string, timezone_offset?: number, theme?: "light" | "dark", url?: string,
 *     page?: string, page_load?: string}
 *   | {type: "rerun", widgets: Record<string, unknown>, trigger?: string, query?: Record<string, string[]>,
 *     page?: string}
 *   | {type: "stop"}
 *   | {type: "rows", id: string, start: number, count: number, sort?: [number, "asc" | "desc"][]}} ClientMessage
 */

/** Block kinds as a Set, for quick look-ups. */
export const BLOCKS = new Set(BLOCK_KINDS);
