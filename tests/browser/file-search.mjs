// Opens the search page of a site from disk (file://) in Debian's headless Chromium, runs a
// query and reports what the page says: search cannot fetch its index from file:// and must say
// so plainly, not "try again later".
//
//   node tests/browser/file-search.mjs file:///…/public/search/index.html?q=网格
//
// Prints {"state", "status"} (the search box's data-state and the status line). Exits 2 when
// the browser cannot be used.

import { openChromium } from "./chromium.mjs";

const [url] = process.argv.slice(2);
if (!url) {
  console.error("usage: node file-search.mjs FILE_URL");
  process.exit(2);
}
let browser;
try {
  browser = await openChromium("file-search");
  const context = browser.context;
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load", timeout: 30000 });
  await page.waitForFunction(() => {
    const box = document.getElementById("search");
    return box && ["no-server", "done", "error"].includes(box.getAttribute("data-state"));
  }, null, { timeout: 15000 });
  const out = await page.evaluate(() => ({
    state: document.getElementById("search").getAttribute("data-state"),
    status: document.getElementById("search-status").textContent.trim(),
    formVisible: !document.getElementById("search").hidden,
  }));
  process.stdout.write(JSON.stringify(out) + "\n");
} catch (e) {
  console.error(`file-search.mjs: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
}
