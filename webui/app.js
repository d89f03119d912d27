// The page: the connection to the server, message dispatch, and the chrome around the element tree (sidebar,
// running indicator, connection banner, error toasts, the app menu's button and keys). Test hooks live on <body>:
// data-connection, data-run, data-run-status and data-run-count.

import { PROTOCOL_VERSION, PageReport, ROOT_BOTTOM, ROOT_SIDEBAR, Resend } from "porch/protocol.js";
import { Tree, load } from "porch/tree.js";
import { colorScheme, iconNode, withHeld } from "porch/widget.js";

/** @typedef {import("porch/protocol.js").ServerMessage} ServerMessage */
/** @typedef {import("porch/protocol.js").ClientMessage} ClientMessage */
/** @typedef {import("porch/tree.js").Ctx} Ctx */

/** Per base path, so two apps on one origin keep their own sessions. */
const STORAGE_KEY = `porch.session:${new URL(".", document.baseURI).pathname}`;
/** The build this page reloaded itself for (at most once per build: no reload loop between two replicas). */
const RELOADED_KEY = `porch.reloaded-for:${new URL(".", document.baseURI).pathname}`;
/** A notice to show once the page has reloaded itself (it moved to a replica of another build). */
const NOTICE_KEY = `porch.notice:${new URL(".", document.baseURI).pathname}`;
/** The events not yet acknowledged when the page reloaded itself: the new page sends them (protocol.js, "delivery"). */
const EVENTS_KEY = `porch.events:${new URL(".", document.baseURI).pathname}`;
/**
 * A random id of this page load, sent in hello: this page reconnecting takes its live session over, while a
 * duplicated tab (which starts with a copy of this one's sessionStorage) gets a session of its own.
 */
const PAGE_LOAD = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0"))
  .join("");
/** The build of the client this page runs, as the server that served it wrote it into the page. */
const PAGE_BUILD = document.querySelector('meta[name="porch-build"]')?.getAttribute("content") ?? "";
const RUNNING_DELAY_MS = 300;
const BACKOFF_START_MS = 250;
const BACKOFF_MAX_MS = 5000;

const body = document.body;
/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

// ---------------------------------------------------------------------------------------------------------------
// The socket: hello on open, back-off on close, and an outbox for what the user did while it was down.
// ---------------------------------------------------------------------------------------------------------------

class Connection {
  /**
   * @param {string} url
   * @param {(frame: ServerMessage[]) => void} onFrame
   */
  constructor(url, onFrame) {
    this.url = url;
    this.onFrame = onFrame;
    /** @type {WebSocket | null} */
    this.socket = null;
    this.ready = false;
    this.attempts = 0;
    /** The server closed the last socket with "moved" (it is stopping): the next session says how the move went. */
    this.moved = false;
    /** @type {ClientMessage[]} */
    this.outbox = [];
    /** The rerun events, numbered and kept until acknowledged: sent again after a reconnect (protocol.js). */
    this.events = new Resend();
    /** What the page last told the session of itself: a rerun carries what changed since (protocol.js). */
    this.report = new PageReport();
  }

  open() {
    // The URL names the session the page has, so a server that is stopping still lets this page back in (it refuses
    // a socket that would start a new session, which the proxy then sends to another server).
    const url = new URL(this.url);
    const saved = savedSession().session;
    if (saved) url.searchParams.set("session", saved);
    const socket = new WebSocket(url.href);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify(hello(this.report)));
    socket.onmessage = (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        console.error("porch: a frame that is not JSON", event.data);
        return;
      }
      this.onFrame(Array.isArray(frame) ? frame : [frame]);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.ready = false;
      this.socket = null;
      setConnection(body.dataset.connection === "connecting" ? "connecting" : "reconnecting");
      clearTimeout(runningTimer);
      body.classList.remove("porch-busy");
      if (event.code === CLOSE_MOVED && event.reason === "moved") {
        // The server is stopping and let its proxy know: come back at once, the proxy sends us to another one.
        this.moved = true;
        this.attempts = 0;
        setTimeout(() => this.open(), 0);
        return;
      }
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** this.attempts++);
      setTimeout(() => this.open(), delay * (0.8 + Math.random() * 0.4));
    };
  }

  /** Close for good (the page is about to reload itself). */
  stop() {
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    socket?.close();
  }

  /**
   * The server accepted our hello (`msg`, its `session`): send the events the session does not hold, then what
   * waited.
   * @param {ServerMessage} msg
   */
  established(msg) {
    this.ready = true;
    this.attempts = 0;
    for (const event of this.events.resume(msg)) this.socket?.send(JSON.stringify(event));
    for (const waited of this.outbox.splice(0)) this.send(waited);
  }

  /** @param {ClientMessage} msg */
  send(msg) {
    const open = this.ready && this.socket?.readyState === WebSocket.OPEN;
    if (msg.type === "rerun") {
      // What changed of the page (a colour scheme, a time zone) goes with it: the run it causes sees it.
      const client = this.report.changes(pageInfo());
      // Kept until acknowledged; sent on establishing when not now.
      const event = this.events.add(client ? { ...msg, client } : msg);
      if (open) this.socket?.send(JSON.stringify(event));
    } else if (open) this.socket?.send(JSON.stringify(msg));
    else if (msg.type !== "stop") this.outbox.push(msg);
  }
}

/** The close code of a server that is stopping and sends its pages elsewhere (docs/protocol.md, "Replicas"). */
const CLOSE_MOVED = 1012;

/** @returns {{session?: string, token?: string}} */
function savedSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "{}");
    return typeof saved === "object" && saved ? saved : {};
  } catch {
    return {}; // storage disabled or garbled: start a new session
  }
}

/** The session the last hello asked to resume (its id says which replica held it), if any. */
let offeredSession = "";

/**
 * @param {PageReport} report  told what the page says of itself
 * @returns {ClientMessage}
 */
function hello(report) {
  const saved = savedSession();
  offeredSession = saved.session ?? "";
  knownQuery = new URLSearchParams(location.search).toString();
  knownPage = pagePath();
  return {
    type: "hello", protocol: PROTOCOL_VERSION, ...saved, page_load: PAGE_LOAD, query: pageQuery(), page: knownPage,
    ...report.all(pageInfo()),
  };
}

/**
 * The page's query parameters, name to values in the URL's order (porch.query_params).
 * @returns {Record<string, string[]>}
 */
function pageQuery() {
  /** @type {Record<string, string[]>} */
  const query = Object.create(null); // a parameter may be called "__proto__"
  for (const [name, value] of new URLSearchParams(location.search)) (query[name] ??= []).push(value);
  return query;
}

/**
 * What the page says of itself in hello (porch.context): each field only when the browser gives a usable value.
 * @returns {import("porch/protocol.js").PageInfo}
 */
function pageInfo() {
  /** @type {ReturnType<typeof pageInfo>} */
  const info = {
    timezone_offset: Math.round(new Date().getTimezoneOffset()),
    theme: colorScheme(),
  };
  if (/^[A-Za-z0-9_-]{1,64}$/.test(navigator.language ?? "")) info.locale = navigator.language;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (/^[A-Za-z0-9_+/-]{1,64}$/.test(zone ?? "")) info.timezone = zone;
  const url = location.origin + location.pathname;
  if (url.length <= 4096 && /^https?:$/.test(location.protocol)) info.url = url;
  return info;
}

function socketUrl() {
  const url = new URL("_porch/ws", document.baseURI);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.href;
}

// ---------------------------------------------------------------------------------------------------------------
// Messages. Tree messages change the model at once; the others take effect after the frame is painted, so a test
// that sees data-run="finished" also sees the elements of that run.
// ---------------------------------------------------------------------------------------------------------------

// One DOM node per root, in the order of protocol.ROOTS: main, sidebar, overlay (Streamlit's event root: the dialog,
// toasts and styles, out of the page's flow),
// bottom (pinned to the bottom of the main area: porch.bottom, a chat_input of the main area).
const tree = new Tree([
  byId("porch-main-root"), byId("porch-sidebar-root"), byId("porch-overlay-root"), byId("porch-bottom-root"),
]);
const connection = new Connection(socketUrl(), onFrame);
/** @type {{id: string, token: string} | null} */
let session = null;
/**
 * Who waits for the rows of each frame (a dataframe's data id): its grid. At most a few hundred are kept; a grid that
 * is gone stops being called once its id is dropped.
 * @type {Map<string, (msg: ServerMessage) => void>}
 */
const rowHandlers = new Map();
/** @type {Ctx} */
const ctx = {
  send(widgets, trigger) {
    // Every rerun the page asks for carries the changes `on_change="ignore"` widgets held back (widget.js).
    const all = withHeld(widgets);
    connection.send(trigger ? { type: "rerun", widgets: all, trigger } : { type: "rerun", widgets: all });
  },
  session: () => session,
  navigate: goTo,
  pageUrl,
  rows(request, onRows) {
    rowHandlers.delete(request.id);
    rowHandlers.set(request.id, onRows);
    while (rowHandlers.size > 500) rowHandlers.delete(/** @type {string} */ (rowHandlers.keys().next().value));
    connection.send({ type: "rows", ...request });
  },
};

/** Set once the page reloads itself: what is still on its way is not applied. */
let reloading = false;

// The events not yet acknowledged go over the reload, up to the last click made before the page went away.
addEventListener("pagehide", () => {
  try {
    if (reloading) sessionStorage.setItem(EVENTS_KEY, connection.events.carried());
  } catch {
    // no storage: what was not acknowledged is lost with the page
  }
});

/** @type {Record<string, (msg: ServerMessage) => void>} */
const now = {
  session(msg) {
    session = { id: msg.session, token: msg.token };
    // Where the page runs ("desktop", "browser", "headless": porch.runtime): a toast becomes a system notification
    // only in the desktop window (elements/toast.js).
    document.body.dataset.runtime = String(msg.runtime?.mode ?? "");
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ session: msg.session, token: msg.token }));
    } catch {
      // private mode without storage: a reload starts a new session
    }
    if (msg.build && PAGE_BUILD && msg.build !== PAGE_BUILD && reloadOnceFor(msg.build)) {
      // A server of another version answered (a rolling upgrade): this page's client may not know its elements.
      // Reload from it, once; the session just saved is resumed there.
      reloading = true;
      const text = movedNotice(msg);
      try {
        if (text) sessionStorage.setItem(NOTICE_KEY, text);
      } catch {
        // no storage: no notice after the reload
      }
      connection.stop();
      location.reload();
      return;
    }
    if (!msg.resumed) tree.reset();
    connection.established(msg);
  },
  ack: (msg) => connection.events.acknowledge(Number(msg.seq)),
  delta: (msg) => tree.delta(msg.path, msg.element),
  trim: (msg) => tree.trim(msg.path, msg.length),
  reset: () => tree.reset(),
  rows: (msg) => rowHandlers.get(msg.id)?.(msg),
};

/** @type {Record<string, (msg: ServerMessage) => void>} */
const later = {
  session(msg) {
    setConnection("connected");
    const text = movedNotice(msg);
    if (text) toast(text, "moved", "notice");
  },
  page,
  run,
  menu: (msg) => showMenu(msg, menuState.items),
  query: (msg) => showQuery(msg.params, msg.history),
  location: (msg) => showLocation(msg.page, msg.params, msg.history),
  navigate: (msg) => navigate(msg.path),
  error: (msg) => toast(msg.message ?? String(msg.code), msg.code),
};

/** @type {Promise<void>} */
let queue = Promise.resolve();

/** Frames are handled strictly in order; one that needs new element modules waits for them, later ones queue. */
/** @param {ServerMessage[]} frame */
function onFrame(frame) {
  queue = queue.then(() => handleFrame(frame)).catch((err) => console.error("porch:", err));
}

/** @param {ServerMessage[]} frame */
async function handleFrame(frame) {
  if (reloading) return;
  for (const msg of frame) {
    now[msg.type]?.(msg);
    if (reloading) return;
  }
  if (tree.kinds.size) await load(tree.kinds);
  tree.paint(ctx);
  showSidebar(tree.roots[ROOT_SIDEBAR].kids.length > 0);
  showBottom(tree.roots[ROOT_BOTTOM].kids.length > 0);
  for (const msg of frame) {
    if (msg.type in later) later[msg.type](msg);
    else if (!(msg.type in now)) console.warn("porch: unknown message", msg);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Replicas (docs/deploy.md): a server that stops sends its pages to another one; a page says how that went, and
// reloads itself when the other one runs another build.
// ---------------------------------------------------------------------------------------------------------------

/**
 * The replica a session id names ("<replica>.<random>"), "" for none.
 * @param {string} id
 */
function replicaOf(id) {
  const dot = id.lastIndexOf(".");
  return dot < 0 ? "" : id.slice(0, dot);
}

/**
 * The one-line notice a new `session` calls for, if any: the page's server stopped ("moved"), or the session it had
 * lives on another replica; "" when nothing moved (a first visit, a reconnect to the same session or server).
 * @param {ServerMessage} msg
 */
function movedNotice(msg) {
  const moved = connection.moved;
  connection.moved = false;
  // The session came back from another server through the shared store (a drain or a crash): say so, and name
  // what stayed behind (docs/protocol.md, "Replicas").
  if (msg.restored) return restoredNotice(msg.restored.lost);
  if (!offeredSession) return "";
  if (msg.resumed) return moved ? "The app moved to another server; your page was restored" : "";
  if (replicaOf(offeredSession) !== replicaOf(String(msg.session))) {
    return "The app restarted on another server: this page starts anew";
  }
  return moved ? "The app restarted: this page starts anew" : "";
}

/**
 * The notice of a session that moved here with its state, naming what could not move, if anything.
 * @param {unknown} lost
 */
function restoredNotice(lost) {
  const text = "The app moved to another server; your page was restored";
  const names = Array.isArray(lost) ? lost.filter((name) => typeof name === "string") : [];
  return names.length ? `${text} (not carried over: ${names.join(", ")})` : text;
}

/**
 * Whether to reload for `build`: the first time only (a proxy that keeps alternating between two builds must not
 * make the page reload without end). Without storage there is no guard, so no reload.
 * @param {string} build
 */
function reloadOnceFor(build) {
  try {
    if (sessionStorage.getItem(RELOADED_KEY) === build) return false;
    sessionStorage.setItem(RELOADED_KEY, build);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The page's query parameters (porch.query_params): the script's changes go into the address bar; back and forward
// bring earlier ones back, and the script reruns with them.
// ---------------------------------------------------------------------------------------------------------------

/** The query string the server holds: what hello, the last query message or the last back/forward carried. */
let knownQuery = "";

/**
 * Show the script's query parameters in the address bar, keeping the path and fragment. A change adds a history entry
 * ("push", as Streamlit does), except in a run that back or forward caused ("replace").
 * @param {Record<string, string[]>} params
 * @param {string} mode
 */
function showQuery(params, mode) {
  const search = new URLSearchParams();
  for (const [name, values] of Object.entries(params ?? {})) {
    for (const value of values) search.append(name, String(value));
  }
  knownQuery = search.toString();
  if (knownQuery === new URLSearchParams(location.search).toString()) return;
  const url = new URL(location.href);
  url.search = knownQuery;
  if (mode === "replace") history.replaceState(history.state, "", url);
  else history.pushState(null, "", url);
}

addEventListener("popstate", () => {
  const query = new URLSearchParams(location.search).toString();
  const page = pagePath();
  if (query === knownQuery && page === knownPage) return; // an entry that differs only in its fragment (an anchor)
  const moved = page !== knownPage;
  knownQuery = query;
  knownPage = page;
  // A move to another page says so (the run shows it); the same page with another query reruns with that query.
  if (moved) connection.send({ type: "rerun", widgets: withHeld({}), query: pageQuery(), page });
  else connection.send({ type: "rerun", widgets: withHeld({}), query: pageQuery() });
});

// ---------------------------------------------------------------------------------------------------------------
// The page of a multipage app (porch.navigation): its path under the base path. A link in the menu or a page_link
// pushes the page's address and reruns on it; the script's own moves (switch_page, a page the app does not have)
// come as `location` messages; back and forward rerun on the page they bring back; a reload keeps it.
// ---------------------------------------------------------------------------------------------------------------

/** The app's own address (the page's <base href>), ending in "/": every page's path is under it. */
const BASE_PATH = new URL(".", document.baseURI).pathname;
/** Query parameters that belong to the page's embedding: a move to another page keeps them (as Streamlit does). */
const EMBED_PARAMS = new Set(["embed", "embed_options"]);

/** The page the server holds: what hello, the last location message, the last move or back/forward carried. */
let knownPage = "";

/** The page the address names: its path under the base path, decoded ("" for the app's own address). */
function pagePath() {
  const path = location.pathname;
  const rest = (path.startsWith(BASE_PATH) ? path.slice(BASE_PATH.length) : "").replace(/\/+$/, "");
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/**
 * The address of a page (its path under the base path; "" for the app's own address).
 * @param {string} page
 */
function pageUrl(page) {
  return new URL(page ? encodeURIComponent(page) : ".", document.baseURI).href;
}

/**
 * Show the app's page and its query in the address bar: a history entry ("push"), or in place of the current one
 * ("replace": in a run the user's own move caused, or a page the app does not have).
 * @param {string} page
 * @param {Record<string, string[]>} params
 * @param {string} mode
 */
function showLocation(page, params, mode) {
  const search = new URLSearchParams();
  for (const [name, values] of Object.entries(params ?? {})) {
    for (const value of values) search.append(name, String(value));
  }
  knownPage = String(page ?? "");
  knownQuery = search.toString();
  const url = new URL(pageUrl(knownPage));
  url.search = knownQuery;
  if (url.pathname === location.pathname && url.search === location.search) return;
  if (mode === "replace") history.replaceState(history.state, "", url);
  else history.pushState(null, "", url);
}

/**
 * Leave the page for one of the app's own endpoints (sign-in: `porch.login`, `porch.logout`). Only a path under the
 * page's own base is followed: a message can never send the user to another site.
 * @param {string} path
 */
function navigate(path) {
  const url = new URL(path, document.baseURI);
  if (url.origin === location.origin && url.pathname.startsWith(BASE_PATH)) location.assign(url);
}

/**
 * Go to a page of the app (a menu item or a page_link was followed): its address becomes a history entry, and the
 * script reruns on it with `query` and the embedding parameters of the address.
 * @param {string} page
 * @param {Record<string, string[]>} query
 */
function goTo(page, query) {
  /** @type {Record<string, string[]>} */
  const params = Object.create(null);
  for (const [name, value] of new URLSearchParams(location.search)) {
    if (EMBED_PARAMS.has(name.toLowerCase())) (params[name] ??= []).push(value);
  }
  for (const [name, values] of Object.entries(query ?? {})) params[name] = values.map(String);
  showLocation(page, params, "push");
  connection.send({ type: "rerun", widgets: withHeld({}), query: params, page });
}

// ---------------------------------------------------------------------------------------------------------------
// Chrome: run state, page settings, sidebar, banner, toasts.
// ---------------------------------------------------------------------------------------------------------------

/** @type {ReturnType<typeof setTimeout> | undefined} */
let runningTimer;

/** @param {ServerMessage} msg */
function run(msg) {
  body.dataset.run = msg.state;
  body.dataset.runCount = String(msg.run);
  if (msg.status) body.dataset.runStatus = msg.status;
  else delete body.dataset.runStatus;
  clearTimeout(runningTimer);
  if (msg.state === "running") runningTimer = setTimeout(() => body.classList.add("porch-busy"), RUNNING_DELAY_MS);
  else body.classList.remove("porch-busy");
}

let sidebarChosen = false;

/** @param {ServerMessage} msg */
function page(msg) {
  showMenu(menuState.menu, msg.menu_items);
  if (msg.title) document.title = msg.title;
  if (msg.icon_url || msg.icon) setIcon(msg.icon_url, msg.icon);
  if (msg.layout) body.dataset.layout = msg.layout;
  setLogo(msg.logo ?? null);
  if (msg.sidebar && msg.sidebar !== "auto" && !sidebarChosen) {
    sidebarOpen = msg.sidebar === "expanded";
    sidebarChosen = true;
    showSidebar(body.dataset.sidebar !== "none");
  }
}

/**
 * Point the favicon at an image (a media URL, relative to the page's base), or draw an emoji into an SVG one, or a
 * Material icon (`:material/name:`) into a PNG one. A desktop window takes it as its icon.
 * @param {string | undefined} url
 * @param {string | undefined} emoji  an emoji (or a short text), or a Material icon
 */
function setIcon(url, emoji) {
  const link = /** @type {HTMLLinkElement} */ (document.querySelector("link[rel~='icon']") ?? h("link"));
  link.rel = "icon";
  link.dataset.icon = url || emoji;
  const material = /^:material\/([a-z0-9_]+):$/.exec(url ? "" : String(emoji));
  if (url) {
    link.href = new URL(url, document.baseURI).href;
  } else if (material) {
    drawMaterialIcon(link, material[0], material[1]);
  } else {
    const text = String(emoji).replace(/&/g, "&amp;").replace(/</g, "&lt;");
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">` +
      `<text y=".9em" font-size="90">${text}</text></svg>`;
    link.href = `data:image/svg+xml,${encodeURIComponent(svg)}`;
  }
  document.head.append(link);
}

/**
 * Draw the Material icon `name` into `link`'s PNG favicon (an SVG favicon cannot use the page's fonts), once the
 * bundled font (widget.css) has loaded, unless another icon was set meanwhile.
 * @param {HTMLLinkElement} link
 * @param {string} icon  `:material/name:`
 * @param {string} name
 */
async function drawMaterialIcon(link, icon, name) {
  const font = '64px "Material Symbols Rounded"';
  try {
    await document.fonts.load(font, name);
  } catch {
    return; // the font did not load: the favicon stays as it was
  }
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (link.dataset.icon !== icon || !context) return;
  canvas.width = canvas.height = 64;
  context.font = font;
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillStyle = getComputedStyle(body).color;
  context.fillText(name, 32, 32);
  link.href = canvas.toDataURL("image/png");
}

/** @typedef {{image: string, icon_image: string | null, link: string | null, size: string}} Logo */

const logo = h("span");
logo.id = "porch-logo";
logo.hidden = true;

/**
 * The app's logo (porch.logo): at the top of the sidebar when it is open, in the top-left corner otherwise, where
 * `icon_image` (if given) replaces `image` while the sidebar is closed (style.css). Page messages carry the whole
 * set, so a message without `logo` removes it.
 * @param {Logo | null} value
 */
function setLogo(value) {
  const key = JSON.stringify(value);
  if (logo.dataset.key === key) return;
  logo.dataset.key = key;
  logo.hidden = !value || typeof value.image !== "string";
  if (!value || logo.hidden) {
    logo.replaceChildren();
    return;
  }
  logo.dataset.size = value.size === "small" || value.size === "large" ? value.size : "medium";
  logo.classList.toggle("porch-logo-has-icon", !!value.icon_image);
  const link = webLink(value.link);
  const holder = h(link ? "a" : "span");
  if (holder instanceof HTMLAnchorElement && link) {
    holder.href = link;
    holder.target = "_blank";
    holder.rel = "noopener noreferrer";
  }
  holder.append(logoImage(value.image, "porch-logo-full"));
  if (value.icon_image) holder.append(logoImage(value.icon_image, "porch-logo-icon"));
  logo.replaceChildren(holder);
}

/**
 * @param {string} url  a media URL (relative to the page's base) or the script's own
 * @param {string} className
 */
function logoImage(url, className) {
  // An icon (an emoji, or `:material/name:`) rather than an image URL: no URL is without "/" or ".".
  if (/^:material\/[a-z0-9_]+:$/.test(url) || !/[/.]/.test(url)) {
    const icon = iconNode(url, false);
    icon.classList.add(className, "porch-logo-glyph");
    icon.setAttribute("aria-label", "Logo");
    return icon;
  }
  const img = /** @type {HTMLImageElement} */ (h("img"));
  img.className = className;
  img.alt = "Logo";
  img.src = new URL(url, document.baseURI).href;
  return img;
}

/**
 * `text` as a link the logo may open: http or https only.
 * @param {string | null} text
 */
function webLink(text) {
  if (!text) return null;
  try {
    const url = new URL(text, document.baseURI);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** @param {string} tag */
function h(tag) {
  return document.createElement(tag);
}

const narrow = matchMedia("(max-width: 767.98px)");
let sidebarOpen = !narrow.matches;
const toggle = byId("porch-sidebar-toggle");
toggle.after(logo);
const backdrop = byId("porch-backdrop");
const bottom = byId("porch-bottom");

/** @param {boolean} present  whether the sidebar has any element */
function showSidebar(present) {
  body.dataset.sidebar = present ? (sidebarOpen ? "open" : "closed") : "none";
  toggle.hidden = !present;
  toggle.setAttribute("aria-expanded", String(present && sidebarOpen));
  toggle.setAttribute("aria-label", sidebarOpen ? "Hide sidebar" : "Show sidebar");
  backdrop.hidden = !(present && sidebarOpen && narrow.matches);
}

/**
 * The bottom bar is shown while its root holds any element; the main area then ends above it (style.css).
 * @param {boolean} present
 */
function showBottom(present) {
  bottom.hidden = !present;
  body.dataset.bottom = present ? "shown" : "none";
}

/** @param {boolean} open */
function setSidebar(open) {
  sidebarOpen = open;
  showSidebar(body.dataset.sidebar !== "none");
}

toggle.addEventListener("click", () => setSidebar(!sidebarOpen));
backdrop.addEventListener("click", () => setSidebar(false));
narrow.addEventListener("change", () => setSidebar(!narrow.matches));
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && narrow.matches && sidebarOpen) setSidebar(false);
});

byId("porch-stop").addEventListener("click", () => connection.send({ type: "stop" }));

// ---------------------------------------------------------------------------------------------------------------
// The app menu: its button and Streamlit's R and C keys are the page's; what it shows and does is menu.js, loaded
// when first used (the button, C, or a theme the user chose before), so a first paint pays nothing for it.
// ---------------------------------------------------------------------------------------------------------------

/** Where the user's theme choice is kept (menu.js), per base path as the session. */
const THEME_KEY = `porch.theme:${new URL(".", document.baseURI).pathname}`;
const menuHost = byId("porch-menu");
/** @type {import("porch/menu.js").MenuState} */
const menuState = { menu: null, items: {} };
/** @type {Promise<import("porch/menu.js").AppMenu> | null} */
let appMenu = null;

function useMenu() {
  appMenu ??= import("porch/menu.js").then((module) => new module.AppMenu(menuHost, {
    rerun: rerunPage,
    send: (msg) => connection.send(msg),
    connected: () => connection.ready,
  }, menuState, THEME_KEY));
  return appMenu;
}

/** Rerun with the page as it is: the menu's Rerun, and R. */
function rerunPage() {
  connection.send({ type: "rerun", widgets: withHeld({}) });
}

/**
 * The server's `menu` message and the page's `menu_items`: the button shows once the server said which menu the
 * page has, unless it is "minimal" and the app gave no entries.
 * @param {ServerMessage | null} menu
 * @param {unknown} items
 */
function showMenu(menu, items) {
  menuState.menu = menu;
  /** @type {Record<string, string>} */
  const entries = {};
  for (const [name, value] of Object.entries(items && typeof items === "object" ? items : {})) {
    if (typeof value === "string") entries[name] = value;
  }
  menuState.items = entries;
  menuHost.hidden = !menu || (menu.mode === "minimal" && !Object.keys(entries).length);
  appMenu?.then((opened) => opened.show());
}

const menuButton = byId("porch-menu-button");
menuButton.addEventListener("click", () => useMenu().then((opened) => opened.toggle(0)));
menuButton.addEventListener("keydown", (event) => {
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  event.preventDefault();
  useMenu().then((opened) => opened.open(event.key === "ArrowUp" ? -1 : 0));
});
addEventListener("keydown", (event) => {
  // Plain R and C, as Streamlit's: not while typing in a field, not over a dialog, not a button's own shortcut.
  if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  if ((key !== "r" && key !== "c") || !menuState.menu || !connection.ready) return;
  const target = event.target instanceof HTMLElement ? event.target : null;
  const typing = target?.isContentEditable || target?.closest("input, textarea, select");
  if (typing || document.querySelector("dialog[open]")) return;
  if (key === "r") {
    event.preventDefault();
    appMenu?.then((opened) => opened.close(false));
    rerunPage();
  } else if (menuState.menu.mode === "developer") {
    event.preventDefault();
    useMenu().then((opened) => {
      opened.close(false);
      opened.confirmClearCache();
    });
  }
});
try {
  if (localStorage.getItem(THEME_KEY)) useMenu(); // the theme the user chose before
} catch {
  // no storage: no choice was kept
}

/** @param {"connecting" | "connected" | "reconnecting"} state */
function setConnection(state) {
  body.dataset.connection = state;
  byId("porch-banner-text").textContent = state === "reconnecting" ? "Reconnecting…" : "Connecting…";
}

/**
 * A dismissible toast: an error, or a notice (what happened to the connection).
 * @param {string} text
 * @param {string} [code]
 * @param {"error" | "notice"} [kind]
 */
function toast(text, code, kind = "error") {
  const box = byId("porch-toasts");
  const item = h("div");
  item.className = "porch-toast";
  item.setAttribute("role", kind === "notice" ? "status" : "alert");
  item.dataset.kind = kind;
  if (code) item.dataset.code = code;
  const message = h("span");
  message.textContent = text;
  const close = h("button");
  close.className = "porch-icon-button";
  close.setAttribute("aria-label", "Dismiss");
  close.textContent = "×";
  close.addEventListener("click", () => item.remove());
  item.append(message, close);
  box.append(item);
  while (box.children.length > 4) box.firstElementChild?.remove();
}

try {
  const carried = sessionStorage.getItem(NOTICE_KEY); // said before the page reloaded itself for a new build
  if (carried) {
    sessionStorage.removeItem(NOTICE_KEY);
    toast(carried, "moved", "notice");
  }
  connection.events.carry(sessionStorage.getItem(EVENTS_KEY));
  sessionStorage.removeItem(EVENTS_KEY);
} catch {
  // no storage: nothing was carried
}
connection.open();
