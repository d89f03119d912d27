// The client half of the wire contract; core/protocol.py is the other half and
// tests/test_protocol_contract.py keeps the two equal. See docs/protocol.md.

export const PROTOCOL_VERSION = 1;

export const CLIENT_MESSAGE_TYPES = ["hello", "rerun", "stop"];

export const SERVER_MESSAGE_TYPES = ["session", "page", "run", "delta", "trim", "reset", "error", "query"];

export const BLOCK_KINDS = [
  "container", "columns", "column", "tabs", "tab", "expander", "form", "row", "popover", "status", "dialog",
  "chat_message",
];

export const RUN_STATUSES = ["ok", "error", "stopped", "rerun"];

export const ROOT_MAIN = 0;
export const ROOT_SIDEBAR = 1;
/** What is drawn over the page rather than in its flow (a dialog). */
export const ROOT_OVERLAY = 2;

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
 *     locale?: string, timezone?: string, timezone_offset?: number, theme?: "light" | "dark", url?: string}
 *   | {type: "rerun", widgets: Record<string, unknown>, trigger?: string, query?: Record<string, string[]>}
 *   | {type: "stop"}} ClientMessage
 */

/** Block kinds as a Set, for quick look-ups. */
export const BLOCKS = new Set(BLOCK_KINDS);
