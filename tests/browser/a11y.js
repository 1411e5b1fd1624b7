// Accessibility cases: axe-core's WCAG 2.1 A/AA rules and best practices (landmarks
// among them) on each kind of page, at rest, with the search and the profile picker
// open, and in print; and the keyboard path into the content.
"use strict";

const AXE = require.resolve("axe-core/axe.min.js");

module.exports = ({ test, assert, openPage, site, url }) => {
  // One page of each kind in the bundled handbook (built with a frozen 2025.9).
  const KINDS = [
    "index.html",
    "alerte/index.html",
    "alerte/signaler-ars-cert-sante/index.html", // national sheet listing its variants
    "alerte/signaler-ars-cert-sante-ara/index.html", // variant: table of differences, checklist
    "continuite/admissions-identitovigilance/index.html", // Markdown table
    "endiguement/comptes-privilegies/index.html", // highlighted code
    "fiches-roles/dsi/index.html",
    "annuaires/annuaire-national/index.html",
    "roles/index.html",
    "roles/dsi/index.html",
    "regions/11/index.html",
    "etablissements/index.html",
    "phases/alerte/index.html",
    "editions/index.html",
    "editions/11/ch/index.html",
    "nouveautes/index.html",
    "recherche/index.html?q=ran%C3%A7on",
    "versions/index.html",
    "versions/2025.9/index.html",
    "versions/2025.9/alerte/qualifier-incident/index.html",
    "impression/national.html",
  ];

  async function audit(page, where) {
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations", "incomplete"],
      // axe re-reads stylesheets with XHR, which file:// refuses; the page's own
      // CSSOM is enough for its rules.
      preload: false,
    }));
    // Text the colour of its background: axe leaves it for review (it may be meant
    // to be hidden), but text shown that way is text nobody can read.
    const invisible = result.incomplete.filter((v) => v.id === "color-contrast").flatMap((v) => v.nodes)
      .filter((n) => n.any.some((c) => c.data && c.data.messageKey === "equalRatio"))
      .map((n) => `${where}: text the colour of its background: ${n.target.join(" ")}: ${n.html.slice(0, 120)}`);
    return result.violations.map((v) => `${where}: ${v.id} (${v.impact}), ${v.nodes.length}× e.g. ` +
      `${v.nodes[0].target.join(" ")}: ${v.help}`).concat(invisible);
  }

  test("accessibility: axe-core finds no WCAG 2.1 AA problem on any kind of page", async (ctx) => {
    const problems = [];
    for (const rel of KINDS) {
      const [file, query] = rel.split("?");
      const page = await openPage(ctx, url(site, file) + (query ? "?" + query : ""));
      if (query) { await page.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 }); }
      problems.push(...await audit(page, rel));
      assert(page.errors.length === 0, rel + ": " + page.errors.join("\n"));
      await page.close();
    }
    assert(problems.length === 0, "\n" + problems.join("\n"));
  });

  test("accessibility: no problem with the search results and the profile picker open, nor in print", async (ctx) => {
    const page = await openPage(ctx, url(site, "alerte/signaler-ars-cert-sante/index.html"));
    await page.fill("#pb-q", "rançon");
    await page.waitForSelector('#pb-results[data-query="rançon"] a');
    const problems = await audit(page, "search dropdown");
    await page.keyboard.press("Escape");
    await page.click("#pb-profile summary");
    await page.selectOption("#pb-region", "84");
    problems.push(...await audit(page, "profile picker"));
    await page.evaluate(() => window.localStorage.clear());
    await page.emulateMedia({ media: "print" });
    problems.push(...await audit(page, "print"));
    // An archived sheet (its banner loses its dark ground on paper) and the bundle.
    for (const rel of ["versions/2025.9/alerte/qualifier-incident/index.html", "impression/national.html"]) {
      const printed = await openPage(ctx, url(site, rel));
      await printed.emulateMedia({ media: "print" });
      problems.push(...await audit(printed, "print " + rel));
    }
    assert(problems.length === 0, "\n" + problems.join("\n"));
  });

  test("accessibility: the bundle on a phone's screen, where its wide tables scroll in their boxes", async (ctx) => {
    const page = await openPage(ctx, url(site, "impression/national.html"));
    await page.setViewportSize({ width: 360, height: 740 });
    const scrolling = await page.$$eval(".table-scroll", (boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).length);
    assert(scrolling > 0, "no table of the bundle scrolls at 360 px: this case would test nothing");
    const problems = await audit(page, "impression/national.html at 360 px");
    assert(problems.length === 0, "\n" + problems.join("\n"));
    // The keyboard scrolls a box it has reached.
    const box = await page.evaluateHandle(() =>
      [...document.querySelectorAll(".table-scroll")].find((b) => b.scrollWidth > b.clientWidth));
    await box.focus();
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((b) => b.scrollLeft > 0, box, { timeout: 2000 });
  });

  test("keyboard: the first Tab reaches the skip link, which moves focus to the content", async (ctx) => {
    const page = await openPage(ctx, url(site, "alerte/qualifier-incident/index.html"));
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement.className + " " + document.activeElement.getAttribute("href"));
    assert(first === "skip-link #main", "first Tab went to: " + first);
    assert(await page.isVisible(".skip-link"), "the focused skip link is not visible");
    await page.keyboard.press("Enter");
    const focused = await page.evaluate(() => document.activeElement.id);
    assert(focused === "main", "after the skip link, focus is on: " + focused);
    // The next Tab goes on inside the content, not back to the header.
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => document.activeElement.closest("main") !== null);
    assert(inMain, "Tab after the skip link left the content");
  });
};
