// Clicks the download link of the inline chart of each page given, in Debian's headless
// Chromium, and reports what the browser saved: whether its href is then a Blob URL, the suggested file name and
// the downloaded bytes; and, with the theme's site.js blocked (as without JavaScript), whether
// the link is visible.
//
//   node tests/browser/chart-download.mjs http://127.0.0.1:PORT /path1/ /path2/ ...
//
// Prints one JSON object on stdout: {"pages": [{"path", "status", "links": [{"chart", "href",
// "visible", "file", "svg"}], "visibleWithoutJs"}]}. Exits 2 when the browser or a page cannot
// be used.

import { openChromium, pageArguments } from "./chromium.mjs";
import { readFileSync } from "node:fs";

const { base, paths } = pageArguments("chart-download.mjs");

let browser;
try {
  browser = await openChromium("chart-download");
  const results = [];
  for (const path of paths) {
    const first = await browser.context.newPage();
    const response = await first.goto(base + path, { waitUntil: "load", timeout: 30000 });
    const count = await first.locator("a[data-chart-svg]").count();
    await first.close();
    // Each link is clicked on a page of its own: on an indicator page (a chart per measure)
    // headless Chromium 156 started ten downloads from one page and then no eleventh
    // (2026-12-07), which says nothing about the link.
    const links = [];
    for (let i = 0; i < count; i++) {
      const page = await browser.context.newPage();
      await page.goto(base + path, { waitUntil: "load", timeout: 30000 });
      const link = page.locator("a[data-chart-svg]").nth(i);
      const chart = await link.getAttribute("data-chart-svg");
      const visible = await link.isVisible();
      let file = null;
      let svg = null;
      if (visible) {
        const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30000 }), link.click()]);
        file = download.suggestedFilename();
        svg = readFileSync(await download.path(), "utf8");
      }
      // What the link pointed at when clicked (the script makes the file then).
      const href = (await link.getAttribute("href")) || "";
      links.push({ chart, href: href.slice(0, 5), visible, file, svg });
      await page.close();
    }
    // The same page without the theme's script (as without JavaScript): no link offered.
    const plain = await browser.context.newPage();
    await plain.route("**/assets/site.js*", (route) => route.abort());
    await plain.goto(base + path, { waitUntil: "load", timeout: 30000 });
    const visibleWithoutJs = await plain.locator("a[data-chart-svg]").first().isVisible();
    await plain.close();
    results.push({ path, status: response ? response.status() : 0, links, visibleWithoutJs });
  }
  console.log(JSON.stringify({ pages: results }));
} catch (e) {
  console.error(String(e && e.stack ? e.stack : e));
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
}
