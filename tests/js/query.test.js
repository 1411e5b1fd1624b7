// Query engine on the fixture index written by tests/search_analysis.rs
// (js_query_engine_on_fixture_index). Run: node tests/js/query.test.js DIR
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { createSearch } = require("./harness");

const site = process.argv[2];
if (!site) {
  console.error("usage: node tests/js/query.test.js SITE_DIR (written by the Rust test)");
  process.exit(2);
}

const ids = (result) => result.hits.filter((h) => h.id).map((h) => h.id);
const fresh = (options) => createSearch(site, options);
const { query } = fresh();

test("accent folding: securite finds sécurité and Etablissement établissement", async () => {
  const r = await query("securite", {});
  assert.deepEqual(ids(r).sort(), ["PBN-DON-004", "PBN-DON-005"]);
  const e = await query("établissement ", {});
  assert.ok(ids(e).includes("PBN-ALE-001") && ids(e).includes("PBN-CRI-003"), JSON.stringify(ids(e)));
});

test("elision: l'ARS and l’ARS find the ARS", async () => {
  for (const q of ["l'ARS", "l’ARS", "ARS"]) {
    assert.deepEqual(ids(await query(q, {})), ["PBN-ALE-001"], q);
  }
});

test("stemming: chiffrer meets chiffre, chiffrement", async () => {
  const r = await query("chiffrer ", {});
  assert.deepEqual(ids(r).sort(), ["PBN-ALE-001", "PBN-CRI-002", "PBN-SAV-008"]);
});

test("prefix while typing: chiff", async () => {
  const r = await query("chiff", {});
  assert.deepEqual(ids(r).sort(), ["PBN-ALE-001", "PBN-CRI-002", "PBN-SAV-008"]);
  assert.ok(r.words[0].prefix && r.words[0].expansions >= 1);
  const none = await query("chif ", {});
  assert.equal(none.total, 0, "a finished word is not a prefix (and 4 letters get no typo)");
});

test("one typo on a 5+ letter word", async () => {
  const r = await query("chifrement ", {});
  assert.ok(r.total >= 3, JSON.stringify(ids(r)));
  const short = await query("rpli ", {});
  assert.equal(short.total, 0, "no typo tolerance under 5 letters");
});

test("AND, then OR ranked by matched words", async () => {
  const and = await query("cellule crise ", {});
  assert.equal(and.mode, "and");
  assert.deepEqual(ids(and), ["PBN-CRI-002"]);
  const or = await query("cellule sauvegardes serveurs ", {});
  assert.equal(or.mode, "or");
  assert.ok(or.total >= 3);
  assert.ok(or.hits[0].matched >= or.hits[or.hits.length - 1].matched);
  assert.equal(or.hits[0].id, "PBN-SAV-008", "the doc matching two words comes first");
});

test("field weights: a title match ranks above body matches", async () => {
  const r = await query("cellule ", {});
  assert.equal(ids(r)[0], "PBN-CRI-002");
  assert.ok(ids(r).includes("PBN-CRI-003"));
});

test("P1 reflex cards break ties", async () => {
  const r = await query("repli ", {});
  assert.deepEqual(ids(r), ["PBN-TEL-007", "PBN-TEL-006"]);
  assert.equal(r.hits[0].score, r.hits[1].score);
});

test("exact accents rank above folded matches", async () => {
  const accented = await query("sécurité ", {});
  assert.deepEqual(ids(accented), ["PBN-DON-004", "PBN-DON-005"]);
  const plainQuery = await query("securite ", {});
  assert.equal(plainQuery.hits[0].score, plainQuery.hits[1].score, "no boost without accents");
});

test("facet labels come from window.PB_TEXT when the build gives them", async () => {
  const english = fresh({ text: { facets: { region: "Region", role: 7 } } });
  const r = await english.query("cellule ", {});
  const label = (key) => r.facets.find((f) => f.key === key).label;
  assert.equal(label("region"), "Region");
  assert.equal(label("role"), "Rôle", "a word that is not a string keeps the default");
  assert.equal(label("type"), "Type d'établissement");
});

test("facets: filtering, '*' matches every region, disjunctive counts", async () => {
  const all = await query("serveurs ", {});
  assert.deepEqual(ids(all).sort(), ["PBN-ALE-001", "PBN-SAV-008"]);
  const r = await query("cellule ", { region: ["84"] });
  assert.deepEqual(ids(r), ["PBN-CRI-002"]);
  const region = r.facets.find((f) => f.key === "region");
  const count = (facet, code) => facet.values.find((v) => v.code === code).count;
  assert.equal(region.label, "Région");
  assert.equal(count(region, "84"), 1);
  assert.equal(count(region, "11"), 1, "counts ignore the facet's own selection");
  assert.equal(region.values.find((v) => v.code === "84").selected, true);
  const star = await query("réseau ", { region: ["93"], type: ["ehpad"] });
  assert.deepEqual(ids(star), ["PBN-ALE-001"], "regions ['*'] and types ['*'] match any filter");
  const phase = await query("procédure ", { priority: ["P1"] });
  assert.deepEqual(ids(phase), ["PBN-TEL-007"]);
  const types = phase.facets.find((f) => f.key === "type");
  assert.equal(count(types, "ehpad"), 1);
});

test("profile from localStorage gives default filters; storage errors are harmless", async () => {
  const withProfile = fresh({ profile: { region: "84", type: "ch" } });
  assert.deepEqual(JSON.parse(JSON.stringify(withProfile.PB.defaultFilters())), { region: ["84"], type: ["ch"] });
  const throwing = fresh({ storageThrows: true });
  assert.deepEqual(JSON.parse(JSON.stringify(throwing.PB.defaultFilters())), {});
});

test("results carry title, breadcrumb, phase, anchor link and highlighted snippet", async () => {
  const r = await query("débrancher ", {});
  const hit = r.hits[0];
  assert.equal(hit.id, "PBN-ALE-001");
  assert.equal(hit.href, "fiches/pbn-ale-001/index.html#isoler");
  assert.equal(hit.phaseLabel, "Alerte");
  assert.deepEqual(hit.breadcrumb, ["Fiches", "alerte"]);
  assert.equal(hit.snippet.heading, "Isoler le réseau");
  const [start, end] = hit.snippet.ranges[0];
  assert.equal(hit.snippet.text.slice(start, end), "Débrancher");
  const title = await query("rançongiciel", {});
  const t = title.hits[0];
  assert.equal(t.title.slice(t.titleRanges[0][0], t.titleRanges[0][1]), "Rançongiciel");
  // A match in the title opens the sheet at its top, with its summary.
  assert.equal(t.href, "fiches/pbn-ale-001/index.html");
  assert.equal(t.snippet.heading, "");
});

test("quoted phrase uses AND without expansion; ids search", async () => {
  const r = await query('"plan blanc"', {});
  assert.equal(r.total, 0);
  const phrase = await query('"cellule sauvegardes"', {});
  assert.equal(phrase.total, 0, "a phrase never falls back to OR");
  const both = await query('"premiers réflexes"', {});
  assert.deepEqual(ids(both), ["PBN-ALE-001"]);
  const unclosed = await query('"cellule crise', {});
  assert.deepEqual(ids(unclosed), ["PBN-CRI-002"], "an unclosed quote is plain text");
  const id = await query("PBN-CRI-002", {});
  assert.equal(ids(id)[0], "PBN-CRI-002");
});

test("empty and stop-word-only queries return nothing", async () => {
  assert.equal((await query("", {})).total, 0);
  assert.equal((await query("le la les", {})).total, 0);
});

test("synonyms: a word finds the other words of its group (handbook.yaml search_synonyms)", async () => {
  const r = await query("ransomware ", {});
  assert.deepEqual(ids(r), ["PBN-ALE-001"]);
  assert.ok(Object.keys(r.terms).some((t) => t.startsWith("rancongiciel")), JSON.stringify(r.terms));
  assert.deepEqual(ids(await query("ransomware isoler ", {})), ["PBN-ALE-001"], "synonym ANDed with another word");
  assert.equal((await query('"ransomware"', {})).total, 0, "a quoted word is taken as written");
});

test("synonyms: an acronym finds its phrase, and the phrase is one word of the query", async () => {
  assert.deepEqual(ids(await query("PRT ", {})).sort(), ["PBN-TEL-006", "PBN-TEL-007"]);
  const phrase = await query("repli téléphonique ", {});
  assert.deepEqual(ids(phrase).sort(), ["PBN-TEL-006", "PBN-TEL-007"]);
  assert.equal(phrase.words.length, 1, JSON.stringify(phrase.words));
});
