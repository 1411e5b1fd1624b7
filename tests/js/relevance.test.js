// Relevance on the bundled handbook: each query must have its expected procedure in
// the top 3 (null: the query must simply return results). A third item "before ID"
// also asks that it rank above ID (an obsolete sheet below the one in force).
// Usage: node relevance.test.js <site>
"use strict";
const path = require("path");
const fs = require("fs");
const { createSearch } = require("./harness.js");

const site = path.resolve(process.argv[2]);
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "search_vectors", "relevance.json"), "utf8"));

(async () => {
  let passed = 0, failed = 0;
  for (const [q, expected, place] of cases) {
    const { query } = createSearch(site);
    const result = await query(q, {}, { limit: 3 });
    const top = result.hits.slice(0, 3).map((h) => h.id);
    let problem = null;
    if (expected === null ? result.total === 0 : !top.includes(expected)) {
      problem = `expected ${expected} in top 3, got ${top.join(", ") || "nothing"}`;
    } else if (place) {
      const below = place.replace(/^before /, "");
      const rank = (id) => { const i = result.hits.findIndex((h) => h.id === id); return i < 0 ? Infinity : i; };
      if (rank(expected) > rank(below)) problem = `${expected} not above ${below}`;
    }
    // Whatever the query, no sheet in force comes after an obsolete one.
    const firstObsolete = result.hits.findIndex((h) => h.obsolete);
    if (!problem && firstObsolete >= 0 && result.hits.slice(firstObsolete).some((h) => !h.obsolete)) {
      problem = `a sheet in force ranks below an obsolete one`;
    }
    if (problem) { failed++; console.log(`FAIL "${q}": ${problem}`); } else { passed++; }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
