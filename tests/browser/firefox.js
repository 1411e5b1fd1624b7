// Firefox ESR (what many hospitals run) against the same file:// build: pages
// load without error or request, and printed pages carry the TLP marking on every
// page although Firefox prints no @page margin boxes (style.css, print.css).
// Usage: node firefox.js <site dir>   (FIREFOX: the browser, default /usr/bin/firefox-esr)
// Prints one line per test and "N passed, N failed"; exits non-zero on failure.
"use strict";
const path = require("path");
const fs = require("fs");
const os = require("os");
const { pathToFileURL } = require("url");
const { execFileSync } = require("child_process");
const puppeteer = require("puppeteer-core");

const site = path.resolve(process.argv[2]);
const url = (rel) => pathToFileURL(path.join(site, rel)).href;
function assert(cond, message) { if (!cond) { throw new Error(message); } }

/// The text pdftotext reads on page `n` of what Firefox prints from `rel`.
async function printedPage(browser, rel, n) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url(rel));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pb-firefox-print-"));
  const file = path.join(dir, "p.pdf");
  fs.writeFileSync(file, await page.pdf({ format: "A4", preferCSSPageSize: true }));
  await page.close();
  assert(errors.length === 0, rel + ": " + errors.join("; "));
  const pages = Number(execFileSync("pdfinfo", [file]).toString().match(/Pages:\s+(\d+)/)[1]);
  assert(pages >= n, rel + " printed only " + pages + " page(s)");
  const text = execFileSync("pdftotext", ["-f", String(n), "-l", String(n), file, "-"]).toString();
  fs.rmSync(dir, { recursive: true, force: true });
  return text.replace(/\s+/g, " ");
}

const tests = [
  ["every page loads without a script error, a failed load or a request off the disk", async (browser) => {
    for (const rel of ["index.html", "recherche/index.html", "alerte/rancon-poste/index.html",
      "versions/2025.9/index.html", "editions/index.html", "impression/national.html"]) {
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => { if (m.type() === "error") { errors.push(m.text()); } });
      page.on("request", (r) => {
        if (!/^(file|data|about):/.test(r.url())) { errors.push("request: " + r.url()); }
      });
      await page.goto(url(rel));
      const title = await page.title();
      await page.close();
      assert(errors.length === 0, rel + ": " + errors.join("; "));
      assert(title.length > 0, rel + " has no title");
    }
  }],
  ["printed, page 2 of a sheet carries its marking, and a frozen version says so", async (browser) => {
    const current = await printedPage(browser, "alerte/rancon-poste/index.html", 2);
    assert(/TLP:CLEAR · PBN-ALE-001/.test(current), "page 2: " + current.slice(0, 300));
    const frozen = await printedPage(browser, "versions/2025.9/alerte/rancon-poste/index.html", 2);
    assert(/TLP:CLEAR · PBN-ALE-001 · Version archivée 2025\.9/.test(frozen), "frozen page 2: " + frozen.slice(0, 300));
  }],
  ["printed, every page of the HTML bundle carries its marking", async (browser) => {
    for (const n of [2, 3, 10]) {
      const text = await printedPage(browser, "impression/national.html", n);
      assert(text.includes("TLP:CLEAR"), "bundle page " + n + ": " + text.slice(0, 300));
    }
  }],
];

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "planblanc-firefox-"));
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
    headless: true,
    userDataDir: profile,
  });
  let passed = 0, failed = 0;
  for (const [name, fn] of tests) {
    try {
      await fn(browser);
      passed++;
      console.log("ok   firefox: " + name);
    } catch (e) {
      failed++;
      console.log("FAIL firefox: " + name + "\n     " + String(e && e.stack || e).split("\n").slice(0, 4).join("\n     "));
    }
  }
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(passed + " passed, " + failed + " failed");
  process.exit(failed ? 1 : 0);
})();
