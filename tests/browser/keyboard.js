// Keyboard and screen-reader journeys that axe-core cannot see: where the focus
// goes after an action, what a status line says and when, which boxes are stops.
"use strict";

module.exports = ({ test, assert, openPage, site, url }) => {
  const focused = (page) => page.evaluate(() => {
    const a = document.activeElement;
    if (!a || a === document.body) return "BODY";
    return a.tagName + (a.name ? "[" + a.name + "=" + a.value + "]" : "") + (a.id ? "#" + a.id : "");
  });

  test("keyboard: no one-key shortcut takes the focus (WCAG 2.1.4)", async (ctx) => {
    const page = await openPage(ctx, url(site, "preparation/index.html"));
    await page.keyboard.press("/");
    assert(await focused(page) === "BODY", "'/' moved the focus to " + await focused(page));
  });

  test("search page: a ticked filter keeps the focus when the filters are redrawn", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html") + "?q=crise");
    await page.waitForSelector("#pb-search-page .pb-facets input");
    // The first value of the first filter (its first box is "Tous").
    const want = await page.evaluate(() => {
      const box = document.querySelectorAll(".pb-facets fieldset")[0].querySelectorAll("input")[1];
      box.focus();
      window.pbOld = box;
      return "INPUT[" + box.name + "=" + box.value + "]";
    });
    await page.keyboard.press("Space");
    await page.waitForFunction(() => !document.contains(window.pbOld), null, { timeout: 5000 });
    assert(await focused(page) === want, "focus after ticking: " + await focused(page) + ", not " + want);
    assert(await page.evaluate(() => document.activeElement.checked), "the box is not ticked");
    // "Tous" again: its own box keeps the focus.
    await page.evaluate(() => {
      window.pbOld = document.activeElement;
      document.activeElement.closest("fieldset").querySelector("input").focus();
    });
    await page.keyboard.press("Space");
    await page.waitForFunction(() => !document.contains(window.pbOld), null, { timeout: 5000 });
    assert(/^INPUT\[\w+=\]$/.test(await focused(page)), "focus after 'Tous': " + await focused(page));
  });

  test("search page: 'more results' gives the focus to the first new result, to the last", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html") + "?q=crise");
    await page.waitForSelector("#pb-search-page .pb-hit");
    const count = () => page.$$eval("#pb-search-page .pb-hit", (l) => l.length);
    let rounds = 0;
    while (await page.isVisible("#pb-search-page .pb-more") && rounds < 20) {
      const before = await count();
      await page.focus("#pb-search-page .pb-more");
      await page.keyboard.press("Enter");
      await page.waitForFunction((n) => document.querySelectorAll("#pb-search-page .pb-hit").length > n, before, { timeout: 5000 });
      const at = await page.evaluate(() => {
        const li = document.activeElement.closest(".pb-hit");
        return li ? Array.prototype.indexOf.call(li.parentNode.children, li) : -1;
      });
      assert(at === before, "after 'more results' the focus is on result " + at + ", not " + before + " (" + await focused(page) + ")");
      rounds++;
    }
    assert(rounds >= 2, "the query gave too few results to press 'more results' twice: " + rounds);
  });

  test("search page: the result count is announced once typing pauses, not at each key", async (ctx) => {
    const page = await openPage(ctx, url(site, "recherche/index.html"));
    // The empty page's prompt is said once the page has settled: wait for it, so
    // that a slow start is not counted as the typing's announcement.
    await page.waitForFunction(() => document.querySelector("#pb-search-page [role=status]").textContent !== "", null, { timeout: 5000 });
    await page.evaluate(() => {
      window.pbSaid = [];
      const status = document.querySelector("#pb-search-page [role=status]");
      new MutationObserver(() => window.pbSaid.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await page.focus("#pb-q");
    await page.keyboard.type("sauvegarde", { delay: 150 });
    await page.waitForFunction(() => window.pbSaid.some((s) => s.includes("sauvegarde")), null, { timeout: 5000 });
    const said = await page.evaluate(() => window.pbSaid);
    assert(said.length === 1, "announced " + said.length + " times: " + JSON.stringify(said));
    assert(!(await page.getAttribute("#pb-search-page h2.pb-sp-summary", "aria-live")), "the heading is live too");
  });

  test("profile: a change is announced, and a sheet that does not apply says so", async (ctx) => {
    const page = await openPage(ctx, url(site, "alerte/index.html"));
    await page.click("#pb-profile summary");
    await page.check("#pb-show-all");
    await page.selectOption("#pb-region", "84");
    await page.selectOption("#pb-type", "ehpad");
    const [applying, total] = await page.$$eval(".proc[data-regions]", (items) =>
      [items.filter((li) => !li.classList.contains("not-applicable")).length, items.length]);
    assert(applying > 0 && applying < total, "the profile should leave some sheets out: " + applying + "/" + total);
    const status = await page.textContent("#pb-profile-status");
    assert(status.includes(applying + " sur " + total), "status: " + status);
    const names = await page.$$eval(".proc[data-regions] a", (links) => links.map((a) => [a.closest(".proc").classList.contains("not-applicable"), a.textContent]));
    names.forEach(([not, name]) => assert(not === name.includes("ne concerne pas votre établissement"), "link name: " + name));
    // Back to everything: the notes go.
    await page.selectOption("#pb-region", "");
    await page.selectOption("#pb-type", "");
    assert(await page.$$eval(".pb-na", (l) => l.length) === 0, "notes left on applying sheets");
    await page.evaluate(() => window.localStorage.clear());
  });

  test("keyboard: Esc closes the version switcher and gives the focus back to it", async (ctx) => {
    const page = await openPage(ctx, url(site, "alerte/rancon-poste/index.html"));
    await page.focus(".version-switcher summary");
    await page.keyboard.press("Enter");
    assert(await page.evaluate(() => document.querySelector(".version-switcher").open), "Enter did not open it");
    await page.keyboard.press("Tab");
    assert(await page.evaluate(() => !!document.activeElement.closest(".version-switcher ul")), "Tab did not enter the list");
    await page.keyboard.press("Escape");
    const [open, onSummary] = await page.evaluate(() => [document.querySelector(".version-switcher").open,
      document.activeElement === document.querySelector(".version-switcher summary")]);
    assert(!open && onSummary, "after Esc: open " + open + ", focus on its summary " + onSummary);
  });

  test("checklist: a box ticked on screen can be ticked by keyboard and prints ticked", async (ctx) => {
    const page = await openPage(ctx, url(site, "preparation/sauvegardes-hors-ligne/index.html"));
    const box = page.locator(".content label.task input").first();
    await box.focus();
    await page.keyboard.press("Space");
    assert(await box.isChecked(), "Space did not tick the box");
    await page.emulateMedia({ media: "print" });
    const grounds = await page.$$eval(".content label.task input", (boxes) =>
      boxes.slice(0, 2).map((b) => [b.checked, getComputedStyle(b).backgroundColor]));
    await page.emulateMedia({ media: "screen" });
    assert(grounds[0][0] && grounds[0][1] === "rgb(0, 0, 0)", "ticked box on paper: " + JSON.stringify(grounds));
    assert(!grounds[1][0] && grounds[1][1] !== "rgb(0, 0, 0)", "empty box on paper: " + JSON.stringify(grounds));
  });

  test("keyboard: a table or code block is a tab stop only when it scrolls, and is a named region", async (ctx) => {
    const boxes = (page) => page.$$eval(".content .table-scroll, .content pre.code", (list) => list.map((b) => ({
      scrolls: b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1,
      stop: b.tabIndex === 0, role: b.getAttribute("role"), name: b.getAttribute("aria-label"),
    })));
    const seen = { stop: 0, still: 0 };
    for (const [rel, width] of [["alerte/rancon-poste/index.html", 1280], ["preparation/sauvegardes-hors-ligne/index.html", 1280],
      ["continuite/admissions-identitovigilance/index.html", 320]]) {
      const page = await openPage(ctx, url(site, rel));
      await page.setViewportSize({ width, height: 800 });
      await page.waitForTimeout(400); // the resize settles
      for (const b of await boxes(page)) {
        assert(b.scrolls === b.stop, rel + " at " + width + " px: " + JSON.stringify(b));
        // "Tableau 2, Qui décide": kind, number, and the heading it sits under.
        assert(b.role === "region" && /^\S+ \d+, \S/.test(b.name || ""), rel + ": unnamed box " + JSON.stringify(b));
        seen[b.stop ? "stop" : "still"]++;
      }
    }
    assert(seen.stop > 0 && seen.still > 0, "both kinds should be seen: " + JSON.stringify(seen));
  });

  // WCAG 1.4.12: a reader's own spacing (the bookmarklet's styles, added after
  // load) can make a box scroll; it becomes a tab stop then, with no resize.
  test("keyboard: a box that starts to scroll under text spacing becomes a tab stop", async (ctx) => {
    const page = await openPage(ctx, url(site, "preparation/sauvegardes-hors-ligne/index.html"));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.waitForTimeout(400);
    const state = () => page.$$eval(".content .table-scroll, .content pre.code", (list) => list.map((b) =>
      [b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1, b.tabIndex === 0]));
    const before = await state();
    await page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "* { line-height: 1.5 !important; letter-spacing: .12em !important; " +
        "word-spacing: .16em !important; } p { margin-bottom: 2em !important; } " +
        "pre.code, .table-scroll table { letter-spacing: .3em !important; }";
      document.head.appendChild(style);
    });
    await page.waitForTimeout(400);
    const after = await state();
    assert(after.every(([scrolls, stop]) => scrolls === stop), "after spacing: " + JSON.stringify(after));
    const newly = after.filter(([scrolls], i) => scrolls && !before[i][0]).length;
    assert(newly > 0, "no box started to scroll, the case tests nothing: " + JSON.stringify([before, after]));
  });
};
