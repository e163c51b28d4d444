// Types a word into the search page of a running `jixiao serve` in Debian's headless Chromium,
// as a reader would, and waits until the results show it: the search page's visible
// behaviour only (whatever the index format), so that a test can tell whether the index is
// current after an edit.
//
//   node tests/browser/serve-search.mjs BASE_URL WORD WAIT_MS
//
// Tries once, then (while no result shows and WAIT_MS have not passed) loads the search page
// again and tries again. Prints one JSON line:
//   {"found": true, "attempts": 3, "ms": 2345, "titles": [...], "hrefs": [...]}
// Exits 2 when the browser or the page could not be used.

import { openChromium } from "./chromium.mjs";

const [base, word, waitArg] = process.argv.slice(2);
const wait = Number(waitArg);
if (!base || !word || !(wait >= 0)) {
  console.error("usage: node serve-search.mjs BASE_URL WORD WAIT_MS");
  process.exit(2);
}

let browser;
try {
  browser = await openChromium("serve-search");
  const page = await browser.context.newPage();
  const t0 = Date.now();
  let attempts = 0;
  let shown = { titles: [], hrefs: [] };
  for (;;) {
    attempts += 1;
    await page.goto(base + "search/", { waitUntil: "load" });
    await page.fill("#search-q", "");
    await page.type("#search-q", word, { delay: 20 });
    await page.waitForFunction(() => {
      const s = document.getElementById("search").getAttribute("data-state");
      return s === "done" || s === "error";
    }, null, { timeout: 20000 });
    shown = await page.evaluate(() => {
      const links = Array.from(document.querySelectorAll("#search-results > li h2 a"));
      return {
        state: document.getElementById("search").getAttribute("data-state"),
        titles: links.map((a) => a.textContent),
        hrefs: links.map((a) => a.href),
      };
    });
    if (shown.state === "error") throw new Error("the search page says error");
    if (shown.titles.length > 0 || Date.now() - t0 >= wait) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  console.log(JSON.stringify({ found: shown.titles.length > 0, attempts, ms: Date.now() - t0, titles: shown.titles, hrefs: shown.hrefs }));
  await browser.close();
} catch (e) {
  console.error(String((e && e.stack) || e));
  if (browser) await browser.close();
  process.exit(2);
}
