// Loads the search scripts of themes/default/js/, in the order pages load them,
// into a Node `vm` context with a minimal fake window/document. Inserting a
// <script> element is simulated by reading the file under the site directory and
// running it in the same context, so the query engine runs exactly as in a
// browser opened from file://.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const SEARCH_SCRIPTS = ["search-analysis.js", "search-index.js", "search-synonyms.js", "search-engine.js", "search.js"].map((name) =>
  path.join(__dirname, "..", "..", "themes", "default", "js", name)
);

/**
 * createSearch(siteDir, {profile, storageThrows, mainRealm, text}) → {PB, loads, query}
 * - text: window.PB_TEXT, the interface words assets/site-data.js gives
 * - loads: every script the engine asked for: {src, bytes, missing}
 * - query(text, filters, options) → Promise of a plain (JSON-copied) result
 * - mainRealm: run the scripts as functions of a fake `window` in Node's own
 *   realm instead of a vm context. A vm context routes every global lookup
 *   (Math, Array...) through interceptors, many times slower than a
 *   browser, so the benchmark uses this to time the engine itself.
 */
function createSearch(siteDir, options = {}) {
  const loads = [];
  const context = { console, setTimeout, clearTimeout, setImmediate };
  context.window = context;
  context.run = options.mainRealm
    ? (code) => new Function("window", code)(context)
    : (code, filename) => vm.runInContext(code, context, { filename });
  const head = {
    appendChild(script) {
      setImmediate(() => runScript(siteDir, script, context, loads));
    }
  };
  context.document = {
    readyState: "complete",
    head,
    body: { dataset: { root: "" } },
    createElement: (tag) => ({ tagName: String(tag).toUpperCase() })
  };
  if (options.storageThrows) {
    Object.defineProperty(context, "localStorage", {
      get() {
        throw new Error("SecurityError: storage disabled on file://");
      }
    });
  } else {
    const profile = options.profile ? JSON.stringify(options.profile) : null;
    context.localStorage = { getItem: (key) => (key === "planblanc.profile" ? profile : null) };
  }
  if (options.text) context.PB_TEXT = options.text;
  if (!options.mainRealm) vm.createContext(context);
  for (const file of SEARCH_SCRIPTS) context.run(fs.readFileSync(file, "utf8"), file);
  const PB = context.PBSearch;
  const query = (text, filters, opts) =>
    new Promise((resolve, reject) => {
      PB.query(
        text,
        filters,
        (error, result) => (error ? reject(error) : resolve(options.raw ? result : plain(result))),
        opts
      );
    });
  return { PB, loads, query };
}

function runScript(siteDir, script, context, loads) {
  const file = siteDir ? path.join(siteDir, script.src) : null;
  let code;
  try {
    code = fs.readFileSync(file, "utf8");
  } catch (e) {
    loads.push({ src: script.src, bytes: 0, missing: true });
    if (script.onerror) script.onerror(new Error("missing " + script.src));
    return;
  }
  loads.push({ src: script.src, bytes: Buffer.byteLength(code) });
  context.run(code, file);
  if (script.onload) script.onload();
}

/** Copy out of the vm realm so assert.deepStrictEqual compares plainly. */
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

/** Token in the vectors' "term" / "term|exact" form. */
function vectorForm(token) {
  return token.exact === null ? token.term : token.term + "|" + token.exact;
}

module.exports = { createSearch, plain, vectorForm };
