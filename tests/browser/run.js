// Browser tests against a built site opened over file:// in Debian's Chromium.
// Usage: node run.js <site dir> [<unzipped archive copy dir>]
// Prints one line per test and a closing "N passed, N failed"; exits non-zero on failure.
"use strict";
const path = require("path");
const { pathToFileURL } = require("url");
const fs = require("fs");
const os = require("os");
const { chromium } = require("playwright-core");

const site = path.resolve(process.argv[2]);
const copy = process.argv[3] ? path.resolve(process.argv[3]) : null;
// The same handbook with an English interface over French procedures.
const english = process.env.PB_ENGLISH_SITE ? path.resolve(process.env.PB_ENGLISH_SITE) : null;
// A small site whose procedure leaves raw HTML open.
const raw = process.env.PB_RAW_SITE ? path.resolve(process.env.PB_RAW_SITE) : null;
const url = (dir, rel) => pathToFileURL(path.join(dir, rel)).href;

const tests = [];
const test = (name, fn) => tests.push({ name, fn });
function assert(cond, message) { if (!cond) { throw new Error(message); } }

async function openPage(context, target) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push("request failed: " + r.url() + " (" + (r.failure() && r.failure().errorText) + ")"));
  page.on("request", (r) => {
    if (!r.url().startsWith("file://") && !r.url().startsWith("data:")) { errors.push("network request: " + r.url()); }
  });
  await page.goto(target);
  page.errors = errors;
  return page;
}

// One folder for the PDFs tests print, removed with the browser profile at the end.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "planblanc-browser-"));
let printed = 0;
async function printToFile(page, options) {
  const file = path.join(scratch, `print-${++printed}.pdf`);
  fs.writeFileSync(file, await page.pdf(options));
  return file;
}

require("./tests.js")({ test, assert, openPage, printToFile, site, copy, english, url });
require("./a11y.js")({ test, assert, openPage, site, url });
require("./keyboard.js")({ test, assert, openPage, site, url });
require("./raw_html.js")({ test, assert, openPage, raw, url });

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "planblanc-chromium-"));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--no-first-run"],
  });
  let passed = 0, failed = 0;
  for (const t of tests) {
    if (t.name.startsWith("copy:") && !copy) { continue; }
    if (t.name.startsWith("english:") && !english) { continue; }
    if (t.name.startsWith("raw:") && !raw) { continue; }
    // PB_ONLY=<part of a name> runs only the matching tests (while writing one).
    if (process.env.PB_ONLY && !t.name.includes(process.env.PB_ONLY)) { continue; }
    try {
      await t.fn(browser);
      passed++;
      console.log("ok   " + t.name);
    } catch (e) {
      failed++;
      console.log("FAIL " + t.name + "\n     " + String(e && e.stack || e).split("\n").slice(0, 4).join("\n     "));
    }
    for (const p of browser.pages()) { await p.close(); }
  }
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
