// The browser test cases. Each gets the persistent Chromium context.
"use strict";

module.exports = ({ test, assert, openPage, printToFile, site, copy, english, url }) => {
  const visibleIds = (page, selector) => page.$$eval(selector, (items) =>
    items.filter((li) => li.offsetParent !== null).map((li) => li.querySelector(".proc-id").textContent));

  async function setProfile(page, region, type) {
    await page.click("#pb-profile summary");
    await page.selectOption("#pb-region", region);
    await page.selectOption("#pb-type", type);
  }

  test("home page loads from file:// with no network request and no script error", async (ctx) => {
    const page = await openPage(ctx, url(site, "index.html"));
    assert(await page.isVisible("#pb-profile"), "profile picker hidden");
    const unset = await page.textContent("#pb-profile summary");
    assert(unset.replace(/\s+/g, " ").trim() === "Mon établissement : à choisir", "profile summary without a profile: " + unset);
    assert(page.errors.length === 0, page.errors.join("\n"));
  });

  test("profile hides a sheet that does not apply and shows the regional variant", async (ctx) => {
    const page = await openPage(ctx, url(site, "index.html"));
    let ids = await visibleIds(page, ".phase .proc");
    assert(ids.includes("PBN-CON-009"), "EHPAD sheet missing before a profile is set");
    assert(ids.includes("PBN-ALE-003") && ids.includes("PBN-ALE-003-IDF"), "without a profile every sheet shows");
    await setProfile(page, "11", "ch");
    const chosen = await page.textContent("#pb-profile-label");
    assert(chosen === "Île-de-France · Centre hospitalier", "profile summary: " + chosen);
    ids = await visibleIds(page, ".phase .proc");
    assert(!ids.includes("PBN-CON-009"), "EHPAD sheet still shown for a CH");
    assert(ids.includes("PBN-ALE-003-IDF"), "Île-de-France variant not shown");
    assert(!ids.includes("PBN-ALE-003"), "national sheet not replaced by its variant");
    assert(!ids.includes("PBN-ALE-003-ARA"), "another region's variant shown");
    // A phase shown whole counts what the profile leaves.
    const counted = await page.$$eval(".phase", (sections) => sections.map((s) => {
      const shown = Array.from(s.querySelectorAll(".proc-list > .proc")).filter((li) => li.offsetParent !== null).length;
      const all = s.querySelectorAll(".proc-list > .proc").length;
      const c = s.querySelector(".count");
      return [Number(c.getAttribute("data-total")) === all, shown, c.textContent];
    }));
    const whole = counted.filter(([complete]) => complete);
    assert(whole.length > 0, "no phase listed whole: " + JSON.stringify(counted));
    whole.forEach(([, shown, text]) => assert(text === shown + (shown < 2 ? "\u00a0fiche" : "\u00a0fiches"), "count " + text + " for " + shown + " shown"));
    // Remembered across pages (localStorage works from file://).
    const other = await openPage(ctx, url(site, "alerte/index.html"));
    const stored = await other.evaluate(() => window.localStorage.getItem("planblanc.profile"));
    assert(stored && stored.includes("\"11\""), "profile not remembered: " + stored);
    // "Show all" greys instead of hiding.
    await other.click("#pb-profile summary");
    await other.check("#pb-show-all");
    const greyed = await other.$$eval(".proc.not-applicable", (l) => l.filter((li) => li.offsetParent !== null).length);
    assert(greyed > 0, "show-all did not reveal greyed sheets");
    await other.evaluate(() => window.localStorage.clear());
  });

  test("national sheet points to the variant for the reader's region", async (ctx) => {
    const page = await openPage(ctx, url(site, "alerte/signaler-ars-cert-sante/index.html"));
    assert(await page.isHidden("#pb-variant-notice"), "variant notice shown with no profile");
    await setProfile(page, "84", "ch");
    assert(await page.isVisible("#pb-variant-notice"), "variant notice hidden");
    const text = await page.textContent("#pb-variant-notice");
    assert(text.includes("Auvergne-Rhône-Alpes"), text);
    await page.evaluate(() => window.localStorage.clear());
  });

  test("edition picker opens the chosen edition", async (ctx) => {
    const page = await openPage(ctx, url(site, "editions/index.html"));
    await page.selectOption("#pb-ed-region", "04");
    await page.selectOption("#pb-ed-type", "ehpad");
    await Promise.all([page.waitForNavigation(), page.click("#pb-edition-form button")]);
    assert(page.url().endsWith("editions/04/ehpad/index.html"), page.url());
    const h1 = await page.textContent("h1");
    assert(h1.includes("La Réunion") && h1.includes("EHPAD"), h1);
  });

  test("a saved profile with codes this site lacks is ignored, not a script error", async (ctx) => {
    // Another handbook or version on the same disk may have saved it: file://
    // pages share their storage.
    for (const saved of ['{"region":"zz","type":"inconnu"}', '5', '["11"]', '{"region":11}']) {
      const first = await openPage(ctx, url(site, "index.html"));
      await first.evaluate((v) => window.localStorage.setItem("planblanc.profile", v), saved);
      await first.close();
      const page = await openPage(ctx, url(site, "editions/index.html"));
      assert(page.errors.length === 0, saved + ": " + page.errors.join("\n"));
      assert(await page.isVisible("#pb-edition-form"), saved + ": edition picker hidden");
      const home = await openPage(ctx, url(site, "index.html"));
      const ids = await visibleIds(home, ".phase .proc");
      assert(ids.includes("PBN-CON-009") && ids.includes("PBN-ALE-003"), saved + ": sheets hidden by an unknown profile");
      assert(home.errors.length === 0, saved + ": " + home.errors.join("\n"));
      await home.evaluate(() => window.localStorage.clear());
    }
  });

  test("version switcher lands on the same procedure in a frozen version", async (ctx) => {
    const page = await openPage(ctx, url(site, "alerte/rancon-poste/index.html"));
    await page.click(".version-switcher summary");
    const link = page.locator(".version-switcher a", { hasText: "2025.9" });
    await Promise.all([page.waitForNavigation(), link.click()]);
    assert(page.url().includes("/versions/2025.9/alerte/rancon-poste/index.html"), page.url());
    assert((await page.textContent(".proc-id")).includes("PBN-ALE-001"), "not the same procedure");
    assert(await page.isVisible(".archived-banner"), "no archive banner");
    await Promise.all([page.waitForNavigation(), page.click(".archived-banner a")]);
    assert(page.url().endsWith("/alerte/rancon-poste/index.html") && !page.url().includes("versions"), page.url());
  });

  test("a procedure missing from a version lands on its home with a notice", async (ctx) => {
    // The switcher's link names the sheet by id and title; the title is shown as text.
    const page = await openPage(ctx, url(site, "versions/2025.9/index.html") + "?absent=PBN-XYZ-999%20%C2%B7%20Titre%20%3Cb%3Egras%3C%2Fb%3E");
    assert(await page.isVisible("#pb-absent"), "absent notice hidden");
    const notice = await page.textContent("#pb-absent");
    assert(notice.includes("PBN-XYZ-999 · Titre <b>gras</b>"), "id and title not in the notice: " + notice);
    assert(await page.$("#pb-absent b") === null, "the title was read as HTML");
  });

  test("every link of a procedure page resolves from disk", async (ctx) => {
    const page = await openPage(ctx, url(site, "mobilisation/index.html"));
    const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => a.href).filter((h) => h.startsWith("file:")));
    for (const href of hrefs.slice(0, 40)) {
      const p = await openPage(ctx, href.split("#")[0]);
      assert(p.errors.length === 0, href + ": " + p.errors.join(", "));
      assert((await p.title()).length > 0, "empty page " + href);
      await p.close();
    }
  });

  test("search: typing shows results, arrows and Enter open one", async (ctx) => {
    const page = await openPage(ctx, url(site, "preparation/index.html"));
    await page.focus("#pb-q");
    await page.keyboard.type("chiffr");
    // Results of "chif" may show first: wait for those of the whole word.
    await page.waitForSelector('#pb-results[data-query="chiffr"] .pb-hit', { timeout: 5000 });
    const titles = await page.$$eval("#pb-results .pb-hit", (hits) => hits.map((h) => h.textContent));
    assert(titles.length > 0, "no results");
    assert(await page.$("#pb-results mark"), "matched terms not highlighted");
    await page.keyboard.press("ArrowDown");
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    assert(page.url().endsWith(".html") || page.url().includes(".html#"), page.url());
    assert(!page.url().includes("preparation/index.html"), "Enter did not open a result");
    assert(page.errors.length === 0, page.errors.join("\n"));
  });

  test("search: the result picked with the arrows stays picked while results refine", async (ctx) => {
    const page = await openPage(ctx, url(site, "index.html"));
    await page.click("#pb-q");
    await page.keyboard.type("chiffr");
    await page.waitForSelector('#pb-results[data-query="chiffr"] .pb-hit', { timeout: 5000 });
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    const picked = await page.$eval("#pb-results .pb-active", (a) => a.href);
    await page.keyboard.type("e");
    await page.waitForSelector('#pb-results[data-query="chiffre"] .pb-hit', { timeout: 5000 });
    const hrefs = await page.$$eval("#pb-results a.pb-hit", (as) => as.map((a) => a.href));
    assert(hrefs.includes(picked), "the picked sheet left the results: " + picked);
    const active = await page.$eval("#pb-results .pb-active", (a) => a.href);
    assert(active === picked, "selection lost: " + active + " instead of " + picked);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    assert(page.url().split("#")[0] === picked.split("#")[0], page.url());
  });

  // WCAG 1.4.13: the list covers the navigation; Esc closes it from any control
  // of the search, not only from the field, and the focus is not lost.
  test("search: Esc closes the results from the button and from a link of the list", async (ctx) => {
    const page = await openPage(ctx, url(site, "alerte/rancon-poste/index.html"));
    for (const [query, target, focused] of [["sauvegarde", ".pb-search button", ".pb-search button"],
      ["sauvegardes", "#pb-results a.pb-all", "#pb-q"]]) {
      await page.fill("#pb-q", query);
      await page.waitForSelector('#pb-results[data-query="' + query + '"] a.pb-all', { timeout: 5000 });
      await page.focus(target);
      await page.keyboard.press("Escape");
      const seen = await page.evaluate((sel) => ({
        expanded: document.getElementById("pb-q").getAttribute("aria-expanded"),
        links: document.querySelectorAll("#pb-results a").length,
        focus: document.activeElement === document.querySelector(sel),
      }), focused);
      assert(seen.expanded === "false" && seen.links === 0 && seen.focus, target + ": " + JSON.stringify(seen));
    }
  });

  test("search: Esc closes the results", async (ctx) => {
    const page = await openPage(ctx, url(site, "index.html"));
    await page.click("#pb-q");
    await page.keyboard.type("plai");
    await page.waitForSelector('#pb-results[data-query="plai"] .pb-hit', { timeout: 5000 });
    // Esc right after the last key, before the search of the whole word runs.
    await page.keyboard.type("nte");
    await page.keyboard.press("Escape");
    await page.waitForTimeout(600);
    const open = await page.$$eval("#pb-results .pb-hit", (h) => h.filter((x) => x.offsetParent !== null).length);
    assert(open === 0, "results shown again after Esc");
    // ↓ opens them again, as a combobox does.
    await page.keyboard.press("ArrowDown");
    await page.waitForSelector('#pb-results[data-query="plainte"] .pb-hit', { timeout: 5000 });
    // Typing again searches again.
    await page.keyboard.type("s");
    await page.waitForSelector('#pb-results[data-query="plaintes"] .pb-hit', { timeout: 5000 });
    // Only the count is announced: the list is not a live region.
    assert(await page.$eval("#pb-results", (b) => !b.hasAttribute("aria-live")), "the whole list is live");
    const status = await page.textContent("#pb-status");
    assert(/^\d+ résultats?$/.test(status), "status: " + status);
    // Leaving the search with the keyboard closes the list, which could cover
    // the control that has focus.
    await page.keyboard.press("Shift+Tab");
    await page.waitForTimeout(100);
    const still = await page.$$eval("#pb-results .pb-hit", (h) => h.filter((x) => x.offsetParent !== null).length);
    assert(still === 0, "results still open after Tab");
  });

  test("search page reads ?q= and finds the ransom reflex card", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html") + "?q=" + encodeURIComponent("rançon"));
    await page.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    const text = await page.textContent("#pb-search-page");
    assert(text.includes("Mon poste affiche une demande de rançon"), "reflex card not found");
    const href = await page.$eval("#pb-search-page .pb-hit a, #pb-search-page a.pb-hit", (a) => a.getAttribute("href"));
    assert(href && !href.startsWith("/") && href.includes("index.html"), "result link: " + href);
    // Its title matches: it opens at the top (marking, the four gestures), not
    // at the section where the word is most frequent.
    const card = await page.$$eval("#pb-search-page .pb-hit", (hits) => hits
      .filter((h) => h.querySelector(".pb-hit-title").textContent.includes("Mon poste affiche une demande de rançon"))
      .map((h) => (h.matches("a") ? h : h.querySelector("a")).getAttribute("href")));
    assert(card.length === 1 && card[0].endsWith("alerte/rancon-poste/index.html"), "reflex card link: " + card);
    const hits = await page.$$eval("#pb-search-page .pb-hit", (l) => l.length);
    assert(hits < 20 && await page.isHidden("#pb-search-page .pb-more"), "'more results' offered for " + hits + " results");
    assert(page.errors.length === 0, page.errors.join("\n"));
  });

  test("search: an obsolete sheet is marked so in results", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html") + "?q=" + encodeURIComponent("sauvegarde 2023"));
    await page.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    const badges = await page.$$eval("#pb-search-page .pb-hit", (hits) => hits.map((h) => [
      h.querySelector(".pb-hit-title").textContent, !!h.querySelector(".pb-obsolete")]));
    const old = badges.find(([title]) => title.includes("version 2023"));
    assert(old && old[1], "obsolete sheet without its badge: " + JSON.stringify(badges));
    assert(badges.filter(([, obsolete]) => obsolete).length === 1, "badge on sheets in force: " + JSON.stringify(badges));
  });

  test("search synonyms (handbook.yaml): 'ransomware' finds the ransom reflex card, highlighted", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html") + "?q=ransomware");
    await page.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    const text = await page.textContent("#pb-search-page");
    assert(text.includes("Mon poste affiche une demande de rançon"), "reflex card not found for 'ransomware'");
    const marked = await page.$$eval("#pb-search-page mark", (l) => l.map((m) => m.textContent.toLowerCase()));
    assert(marked.some((m) => m.startsWith("rançon")), "synonym not highlighted: " + marked.join(", "));
    assert(page.errors.length === 0, page.errors.join("\n"));
  });

  test("search page shows 20 results, then the next ones on 'more results'", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html") + "?q=crise");
    await page.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    const count = () => page.$$eval("#pb-search-page .pb-hit", (l) => l.length);
    assert(await count() === 20, "first page: " + await count() + " results");
    assert(await page.isVisible("#pb-search-page .pb-more"), "'more results' hidden with more to show");
    await page.click("#pb-search-page .pb-more");
    await page.waitForFunction(() => document.querySelectorAll("#pb-search-page .pb-hit").length > 20, null, { timeout: 5000 });
    assert(page.errors.length === 0, page.errors.join("\n"));
  });

  // Keyboard and screen-reader users reach the results first: a heading names
  // them, and the filters come after them in the tab order.
  test("search page: results have a heading and come before the filters", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html") + "?q=bracelet");
    await page.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    const heading = await page.textContent("#pb-search-page h2.pb-sp-summary");
    assert(/résultat/.test(heading), "no results heading: " + heading);
    await page.focus("#pb-q");
    let presses = 0;
    let filtersFirst = false;
    while (presses < 40 && !(await page.evaluate(() => !!document.activeElement.closest(".pb-hit")))) {
      await page.keyboard.press("Tab");
      filtersFirst = filtersFirst || await page.evaluate(() => !!document.activeElement.closest(".pb-facets"));
      presses++;
    }
    assert(presses < 40, "Tab never reached a result");
    assert(!filtersFirst, "the filters come before the results in the tab order");
    assert(page.errors.length === 0, page.errors.join("\n"));
  });

  test("search facets default to the reader's profile", async (ctx) => {
    const page = await openPage(ctx, url(site, "index.html"));
    await setProfile(page, "11", "ehpad");
    const sp = await openPage(ctx, url(site, "recherche/index.html") + "?q=signaler");
    await sp.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    const text = await sp.textContent("#pb-search-page");
    assert(text.includes("Île-de-France"), "regional variant not in results");
    assert(!text.includes("Signaler sans délai à l'ARS Auvergne-Rhône-Alpes"), "another region's variant shown with a profile");
    // As in listings, the national sheet its variant replaces for this reader is not offered.
    const ids = await sp.$$eval("#pb-search-page .pb-hit", (hits) => hits.map((h) => h.textContent));
    assert(ids.some((t) => t.includes("Île-de-France")), "variant missing");
    const national = await sp.evaluate(() => new Promise((resolve) => window.PBSearch.query("signaler", { region: ["11"], type: ["ehpad"] }, (e, r) => {
      window.PBSearch.details(r, 0, r.hits.length, () => resolve(r.hits.map((h) => h.id)));
    }, { limit: 0 })));
    assert(national.includes("PBN-ALE-003-IDF") && !national.includes("PBN-ALE-003"), "national beside its variant: " + national);
    const everyone = await sp.evaluate(() => new Promise((resolve) => window.PBSearch.query("signaler", {}, (e, r) => {
      window.PBSearch.details(r, 0, r.hits.length, () => resolve(r.hits.map((h) => h.id)));
    }, { limit: 0 })));
    assert(everyone.includes("PBN-ALE-003"), "national sheet missing without a profile: " + everyone);
    // A region alone (no type chosen) hides it too, as listings do.
    const regionOnly = await sp.evaluate(() => new Promise((resolve) => window.PBSearch.query("signaler", { region: ["11"] }, (e, r) => {
      window.PBSearch.details(r, 0, r.hits.length, () => resolve(r.hits.map((h) => h.id)));
    }, { limit: 0 })));
    assert(!regionOnly.includes("PBN-ALE-003"), "national beside its variant, region only: " + regionOnly);
    await sp.evaluate(() => window.localStorage.clear());
  });

  // Printed, every page carries the marking, not only the first (TLP 2.0); a
  // frozen version's pages say so on every page too.
  test("print: every page of a sheet carries its TLP marking and version", async (ctx) => {
    const { execFileSync } = require("child_process");
    const pageText = async (address, n) => {
      const page = await openPage(ctx, address);
      const file = await printToFile(page, { format: "A4" });
      const pages = execFileSync("pdfinfo", [file]).toString().match(/Pages:\s+(\d+)/)[1];
      assert(Number(pages) >= n, "only " + pages + " printed page(s)");
      return execFileSync("pdftotext", ["-f", String(n), "-l", String(n), file, "-"]).toString();
    };
    const current = await pageText(url(site, "alerte/rancon-poste/index.html"), 2);
    assert(current.includes("TLP:CLEAR · PBN-ALE-001"), "page 2 without its marking:\n" + current.slice(0, 300));
    // Paper cannot be unfolded: a folded part of the sheet prints open.
    const page = await openPage(ctx, url(site, "alerte/rancon-poste/index.html"));
    assert(!(await page.isVisible("text=La mémoire vive du poste")), "the folded part shows on screen");
    const file = await printToFile(page, { format: "A4" });
    const printed = execFileSync("pdftotext", [file, "-"]).toString().replace(/\s+/g, " ");
    assert(printed.includes("La mémoire vive du poste"), "the folded part did not print");
    const frozen = await pageText(url(site, "versions/2025.9/alerte/rancon-poste/index.html"), 2);
    assert(frozen.includes("TLP:CLEAR · PBN-ALE-001 · Version archivée 2025.9"), "frozen page 2:\n" + frozen.slice(0, 300));
    // The editions table prints whole (its last column, EHPAD, on the page), without its form.
    const editions = await pageText(url(site, "editions/index.html"), 1);
    assert(editions.includes("(EHPAD)"), "editions table cut on paper:\n" + editions.slice(0, 600));
    assert(!editions.includes("Ouvrir l'édition"), "the edition form printed");
  });

  // A form printed to be filled in by hand loses no column on paper.
  test("print: a wide table prints every column, its words whole", async (ctx) => {
    const { execFileSync } = require("child_process");
    const page = await openPage(ctx, url(site, "continuite/admissions-identitovigilance/index.html"));
    const file = await printToFile(page, { format: "A4" });
    const printed = execFileSync("pdftotext", [file, "-"]).toString().replace(/\s+/g, " ");
    for (const column of ["provisoire", "Sexe", "vérifiée", "Unité", "heure", "Agent"]) {
      assert(printed.includes(column), "column word `" + column + "` missing on paper");
    }
  });

  // WCAG 1.4.10: at 320 CSS px nothing needs sideways scrolling (tables and code
  // scroll in their own box); long French words in titles wrap.
  test("reflow: no page scrolls sideways at 320 px", async (ctx) => {
    for (const rel of ["index.html", "editions/84/clinique/index.html", "roles/identitovigilance/index.html",
      "endiguement/couper-interconnexions/index.html", "continuite/admissions-identitovigilance/index.html", "impression/national.html"]) {
      const page = await openPage(ctx, url(site, rel));
      await page.setViewportSize({ width: 320, height: 700 });
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert(scroll <= width, rel + " is " + scroll + " px wide at " + width + " px");
    }
    // WCAG 1.4.12 on top: a reader's text spacing at 320 px does not either.
    for (const rel of ["alerte/signaler-ars-cert-sante-ara/index.html", "impression/national.html", "impression/roles/dsi.html"]) {
      const page = await openPage(ctx, url(site, rel));
      await page.setViewportSize({ width: 320, height: 700 });
      await page.addStyleTag({ content: "* { line-height: 1.5 !important; letter-spacing: .12em !important; " +
        "word-spacing: .16em !important; } p { margin-bottom: 2em !important; }" });
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert(scroll <= width, rel + " with text spacing is " + scroll + " px wide at " + width + " px");
    }
    // The editions table scrolls in its box; its caption stays readable in view.
    const editions = await openPage(ctx, url(site, "editions/index.html"));
    await editions.setViewportSize({ width: 320, height: 700 });
    const [right, width] = await editions.evaluate(() =>
      [document.querySelector("table.editions caption").getBoundingClientRect().right, window.innerWidth]);
    assert(right <= width, "the editions caption runs to " + right + " px at " + width + " px");
  });

  // French procedures under an English interface: what is theirs is marked French,
  // search results drawn by the script included, the interface stays English.
  test("english: French procedures in an English interface are read as French", async (ctx) => {
    const page = await openPage(ctx, url(english, "recherche/index.html") + "?q=ran%C3%A7on");
    await page.waitForSelector("#pb-search-page .pb-hit");
    const seen = await page.evaluate(() => ({
      html: document.documentElement.lang,
      titles: [...document.querySelectorAll("#pb-search-page .pb-hit-title")].map((t) => t.lang),
      snippets: [...document.querySelectorAll("#pb-search-page .pb-snippet")].map((t) => t.lang),
      summary: document.querySelector("#pb-search-page").textContent.includes("result"),
    }));
    assert(seen.html === "en" && seen.summary, JSON.stringify(seen));
    assert(seen.titles.length > 0 && seen.titles.every((l) => l === "fr"), "titles: " + JSON.stringify(seen));
    assert(seen.snippets.length > 0 && seen.snippets.every((l) => l === "fr"), "snippets: " + JSON.stringify(seen));
    const sheet = await openPage(ctx, url(english, "alerte/signaler-ars-cert-sante/index.html"));
    await sheet.fill("#pb-q", "rançon");
    await sheet.waitForSelector('#pb-results[data-query="rançon"] a');
    const option = await sheet.evaluate(() => document.querySelector("#pb-results a .pb-hit-title").lang);
    assert(option === "fr", "dropdown title lang: " + option);
    const marks = await sheet.evaluate(() => [document.documentElement.lang, document.querySelector("h1").lang,
      document.querySelector(".content").lang, document.querySelector(".site-nav").closest("[lang]").lang]);
    assert(JSON.stringify(marks) === JSON.stringify(["en", "fr", "fr", "en"]), JSON.stringify(marks));
    // The profile's summary shows the chosen region's name, the author's word.
    const home = await openPage(ctx, url(english, "index.html"));
    await home.evaluate(() => { document.querySelector("#pb-profile details").open = true; });
    const chosen = async (value) => {
      await home.selectOption("#pb-region", value);
      return home.evaluate(() => {
        const label = document.getElementById("pb-profile-label");
        return [label.textContent, label.lang];
      });
    };
    const set = await chosen("11");
    assert(set[0] === "Île-de-France" && set[1] === "fr", "profile label: " + JSON.stringify(set));
    const unset = await chosen("");
    assert(unset[1] === "", "unset profile label: " + JSON.stringify(unset));
  });

  // Lists as the renderers write them: in a bulleted list a task's box takes its
  // bullet's place and other items keep theirs; a numbered task keeps its number.
  test("lists: a task's box replaces its bullet only, on the site and in the bundle", async (ctx) => {
    const shapes = {
      site: ["preparation/sauvegardes-hors-ligne/index.html", ".content",
        '<label class="task"><input type="checkbox"> ', "</label>"],
      bundle: ["impression/national.html", "main",
        '<span class="tick" role="img" aria-label="case à cocher">☐</span> ', ""],
    };
    for (const [name, [rel, where, open, close]] of Object.entries(shapes)) {
      const page = await openPage(ctx, url(site, rel));
      const styles = await page.evaluate(([where, open, close]) => {
        const host = document.querySelector(where);
        host.insertAdjacentHTML("beforeend", "<ul id='t-ul'><li>Point</li><li>" + open + "Tâche" + close + "</li></ul>" +
          "<ol id='t-ol'><li>" + open + "Étape" + close + "</li></ol>");
        const style = (sel) => getComputedStyle(document.querySelector(sel)).listStyleType;
        const box = document.querySelector("#t-ul li:nth-child(2) :is(input, .tick)").getBoundingClientRect();
        const text = document.querySelector("#t-ul li:first-child").getBoundingClientRect();
        return { point: style("#t-ul li:first-child"), task: style("#t-ul li:nth-child(2)"), step: style("#t-ol li"),
          boxInGutter: box.left < text.left };
      }, [where, open, close]);
      assert(styles.point === "disc" && styles.task === "none" && styles.step === "decimal" && styles.boxInGutter,
        name + ": " + JSON.stringify(styles));
    }
  });

  // The HTML bundle printed with the browser's defaults (no backgrounds): its
  // TLP marking in the page margin keeps its black ground.
  test("print: the bundle's margin TLP marking prints on black", async (ctx) => {
    const { execFileSync } = require("child_process");
    const fs = require("fs");
    const page = await openPage(ctx, url(site, "impression/national.html"));
    const file = await printToFile(page, { preferCSSPageSize: true });
    // Page 3's top right corner at 72 dpi, in grey levels (PGM: a header, then bytes).
    execFileSync("pdftoppm", ["-r", "72", "-f", "3", "-l", "3", "-x", "420", "-y", "0", "-W", "175", "-H", "70",
      "-gray", "-singlefile", file, file + "-corner"]);
    const pgm = fs.readFileSync(file + "-corner.pgm");
    const pixels = pgm.subarray(pgm.length - 175 * 70);
    const dark = pixels.filter((v) => v < 64).length / pixels.length;
    assert(dark > 0.03, "the marking's corner is " + (100 * dark).toFixed(1) + "% dark: no black ground");
  });

  test("copy: the unzipped archive opens, links and switcher work", async (ctx) => {
    const page = await openPage(ctx, url(copy, "index.html"));
    assert(page.errors.length === 0, page.errors.join("\n"));
    await Promise.all([page.waitForNavigation(), page.click(".site-nav a[href$='editions/index.html']")]);
    assert(page.url().endsWith("editions/index.html"), page.url());
    const about = await openPage(ctx, url(copy, "a-propos-de-cette-copie.html"));
    assert((await about.textContent("body")).includes("SHA256SUMS"), "about page");
    const proc = await openPage(ctx, url(copy, "alerte/rancon-poste/index.html"));
    await proc.click(".version-switcher summary");
    await Promise.all([proc.waitForNavigation(), proc.locator(".version-switcher a", { hasText: "2025.9" }).click()]);
    assert(proc.url().includes("/versions/2025.9/alerte/rancon-poste/index.html"), proc.url());
    const search = await openPage(ctx, url(copy, "recherche/index.html") + "?q=dialyse");
    await search.waitForSelector("#pb-search-page .pb-hit", { timeout: 5000 });
    assert((await search.textContent("#pb-search-page")).includes("Dialyse"), "search in the copy");
  });
};
