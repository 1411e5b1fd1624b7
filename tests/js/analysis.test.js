// Query-side analysis must equal build-side analysis (src/search/analyze.rs):
// same vectors as tests/search_analysis.rs. Run: node tests/js/analysis.test.js
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { createSearch, plain, vectorForm } = require("./harness");
const vectors = require("../search_vectors/analysis.json");
const stems = require("../search_vectors/stems.json");

const { PB } = createSearch(null);

test("analysis matches the shared vectors", () => {
  const failures = [];
  for (const c of vectors.cases) {
    const actual = plain(PB.analyze(c.input).map(vectorForm));
    if (JSON.stringify(actual) !== JSON.stringify(c.tokens)) {
      failures.push(`${JSON.stringify(c.input)}\n  expected ${JSON.stringify(c.tokens)}\n  actual   ${JSON.stringify(actual)}`);
    }
  }
  assert.equal(failures.length, 0, failures.join("\n"));
  assert.ok(vectors.cases.length > 50);
});

test("stop words and elisions are the Rust lists", () => {
  assert.deepEqual(plain(PB.stopWords), vectors.stop_words);
  assert.deepEqual(plain(PB.elisions), vectors.elisions);
});

test("Snowball French port matches rust-stemmers", () => {
  const failures = stems.stems.filter(([word, stem]) => PB.stem(word) !== stem);
  assert.deepEqual(failures.map(([w, s]) => `${w}: expected ${s}, got ${PB.stem(w)}`), []);
  assert.ok(stems.stems.length >= 300);
});

test("token offsets point into the original text", () => {
  const text = "L’ARS a chiffré « sécurité »";
  const tokens = plain(PB.analyze(text));
  assert.deepEqual(
    tokens.map((t) => text.slice(t.start, t.end)),
    ["ARS", "chiffré", "sécurité"]
  );
});
