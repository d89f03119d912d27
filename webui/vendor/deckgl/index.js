// deck.gl and its JSON converter (README.md beside this file), for the map module (elements/deck_gl_chart.js), which
// imports this module only when a page first shows a map. Both builds are UMD files that put their library on
// globalThis under the one name `deck`: deck.gl's first, then @deck.gl/json's, which reads deck.gl from that name
// and then replaces it with its own exports. So they are imported one after the other (the builds' names are
// variables: the type checker does not follow them), each taken from the global in turn, and `deck` is left as
// deck.gl.

/** The builds, as the page's map of modules names them. */
const CORE = "porch/vendor/deckgl/deck.min.js";
const JSON_BUILD = "porch/vendor/deckgl/deck-json.min.js";

const global = /** @type {any} */ (globalThis);
await import(CORE);
const deck = global.deck;
if (!deck?.Deck) throw new Error("deck.gl did not define deck");
await import(JSON_BUILD);
const json = global.deck;
global.deck = deck;
if (!json?.JSONConverter) throw new Error("@deck.gl/json did not define its JSONConverter");

/** deck.gl (`Deck`, the layers, views...) and @deck.gl/json (`JSONConverter`). */
export default { deck, json };
