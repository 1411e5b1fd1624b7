// Quantities and hyphenated words on the small index written by
// tests/search_analysis.rs (js_quantities_and_compounds).
// Run: node tests/js/quantities.test.js DIR
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { createSearch } = require("./harness");

const site = process.argv[2];
if (!site) {
  console.error("usage: node tests/js/quantities.test.js SITE_DIR (written by the Rust test)");
  process.exit(2);
}
const ids = (result) => result.hits.filter((h) => h.id).map((h) => h.id);
const { query } = createSearch(site);

test("72h, 72 h and 72 heures find one another", async () => {
  for (const q of ["72h ", "72 h ", "72 heures ", "72h"]) {
    assert.deepEqual(ids(await query(q, {})), ["PBN-QTE-001"], q);
  }
  for (const q of ["15 minutes ", "15 min ", "15min "]) {
    assert.deepEqual(ids(await query(q, {})), ["PBN-QTE-002"], q);
  }
});

test("a hyphenated word meets its joined form both ways", async () => {
  for (const q of ["cyber-attaque ", "cyberattaque ", "cyber attaque "]) {
    assert.deepEqual(ids(await query(q, {})), ["PBN-QTE-003"], q);
  }
  assert.deepEqual(ids(await query("e-mail ", {})), ["PBN-QTE-004"]);
});
