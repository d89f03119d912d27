// Files to the server: each goes on its own to the widget's upload address (PUT _porch/upload/<session>/<widget>,
// see docs/protocol.md) before the widget's value names it by the id the server answers with. Shared by the widgets
// that upload: file_uploader, camera_input and audio_input.

/** @typedef {import("porch/tree.js").Ctx} Ctx */

/**
 * How an upload ended: the server's id for the file, why it was refused (said for the user), or aborted.
 * @typedef {{id: string} | {error: string} | {aborted: true}} Sent
 */

/**
 * Send `file` to the upload address of the widget `widget` of this page's session.
 * @param {Ctx} ctx
 * @param {string | undefined} widget  the widget's id
 * @param {File} file
 * @param {(fraction: number) => void} [progress]  called as the body goes out
 * @returns {{result: Promise<Sent>, abort: () => void}}
 */
export function upload(ctx, widget, file, progress) {
  const session = ctx.session();
  if (!session || !widget) {
    return { result: Promise.resolve({ error: "Not connected to the app: try again in a moment." }), abort() {} };
  }
  const xhr = new XMLHttpRequest();
  /** @type {Promise<Sent>} */
  const result = new Promise((resolve) => {
    xhr.open("PUT", uploadUrl(session.id, widget));
    xhr.setRequestHeader("X-XSRFToken", cookie("_xsrf"));
    xhr.setRequestHeader("X-Porch-Session-Token", session.token);
    xhr.setRequestHeader("X-Porch-File-Name", encodeURIComponent(file.name));
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) progress?.(event.loaded / Math.max(1, event.total));
    });
    xhr.addEventListener("load", () => {
      if (xhr.status === 201) resolve({ id: JSON.parse(xhr.responseText).file_id });
      else resolve({ error: xhr.responseText.replace(/^\d{3} /, "").trim() || `${xhr.status} ${xhr.statusText}` });
    });
    xhr.addEventListener("error", () => resolve({ error: `${file.name} could not be sent: the connection was lost.` }));
    xhr.addEventListener("abort", () => resolve({ aborted: true }));
    xhr.send(file);
  });
  return { result, abort: () => xhr.abort() };
}

/**
 * Tell the server to free a file that no widget value has taken (one that a value holds is freed by the value that
 * drops it).
 * @param {Ctx} ctx
 * @param {string | undefined} widget
 * @param {string} file  the file's id
 */
export function discard(ctx, widget, file) {
  const session = ctx.session();
  if (!session || !widget) return;
  const xhr = new XMLHttpRequest();
  xhr.open("DELETE", `${uploadUrl(session.id, widget)}/${encodeURIComponent(file)}`);
  xhr.setRequestHeader("X-XSRFToken", cookie("_xsrf"));
  xhr.setRequestHeader("X-Porch-Session-Token", session.token);
  xhr.send();
}

/**
 * A size for people: "12 B", "3.4 KB", "1.2 MB".
 * @param {number} bytes
 */
export function size(bytes) {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/**
 * The upload address of a widget, relative to the page (so that a base path is kept).
 * @param {string} session
 * @param {string} widget
 */
function uploadUrl(session, widget) {
  return new URL(`_porch/upload/${encodeURIComponent(session)}/${encodeURIComponent(widget)}`, document.baseURI).href;
}

/** @param {string} name */
function cookie(name) {
  for (const part of document.cookie.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return "";
}
