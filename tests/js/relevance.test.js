// Relevance on the bundled handbook: each query must have its expected procedure in
// the top 3 (null: the query must simply return results). Usage: node relevance.test.js <site>
"use strict";
const path = require("path");
const fs = require("fs");
const { createSearch } = require("./harness.js");

const site = path.resolve(process.argv[2]);
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "search_vectors", "relevance.json"), "utf8"));

(async () => {
  let passed = 0, failed = 0;
  for (const [q, expected] of cases) {
    const { query } = createSearch(site);
    const result = await query(q, {}, { limit: 3 });
    const top = result.hits.slice(0, 3).map((h) => h.id);
    const ok = expected === null ? result.total > 0 : top.includes(expected);
    if (ok) { passed++; } else { failed++; console.log(`FAIL "${q}": expected ${expected} in top 3, got ${top.join(", ") || "nothing"}`); }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
