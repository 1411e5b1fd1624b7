// Cases on a small site whose procedure leaves raw HTML open (PB_RAW_SITE):
// what the text leaves open must stay inside the text. Its title holds an
// ordinal, which the bundled handbook's titles do not.
"use strict";

module.exports = ({ test, assert, openPage, raw, url }) => {
  test("raw: formatting left open in the text stops before the footer and the scripts", async (ctx) => {
    const page = await openPage(ctx, url(raw, "alerte/rancon/index.html"));
    const r = await page.evaluate(() => {
      const outside = [...document.querySelectorAll("footer, nav, script, [role=contentinfo]")]
        .filter((e) => !e.closest(".content"));
      return {
        taken: outside.filter((e) => e.closest("a:not(nav a), b, em")).map((e) => e.outerHTML.slice(0, 60)),
        weights: outside.filter((e) => e.tagName === "FOOTER").map((e) => getComputedStyle(e).fontWeight),
        kept: !!(document.querySelector(".content em") || {}).textContent,
        outsideFooters: outside.filter((e) => e.tagName === "FOOTER").length,
      };
    });
    assert(r.outsideFooters > 0, "no footer outside the text: the case would pass vacuously");
    assert(r.taken.length === 0, "taken into the author's formatting: " + r.taken.join(" | "));
    assert(r.weights.every((w) => w === "400"), "footer weights: " + r.weights);
    assert(r.kept, "the author's <em> is gone from the text");
    assert(page.errors.length === 0, page.errors.join("\n"));
  });

  // The same site's sheet has an ordinal in its title: a result shows its
  // letters raised, as the sheet's heading does, the search word still marked.
  test("raw: a result raises the ordinal letters of its title", async (ctx) => {
    const page = await openPage(ctx, url(raw, "recherche/index.html") + "?q=rançon");
    await page.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    const title = await page.$eval("#pb-search-page .pb-hit-title", (t) => t.innerHTML);
    assert(title === "<mark>Rançon</mark> au 2<sup>e</sup> étage", "result title: " + title);
    assert(page.errors.length === 0, page.errors.join("\n"));
  });
};
