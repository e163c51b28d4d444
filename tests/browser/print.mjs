// Lays every given page out for print in Debian's headless Chromium at the width of an A4 page
// (210 mm less 2 × 10 mm margins ≈ 718 CSS px) and reports what is wider than the paper: the
// page itself (scrollWidth) and each table, with its caption.
//
//   node tests/browser/print.mjs http://127.0.0.1:PORT /path1/ /path2/ ...
//
// Prints one JSON object on stdout: {"width", "pages": [{"path", "status", "scrollWidth",
// "wide": [{"caption", "width"}]}]}. Exits 2 when the browser or a page cannot be used.

import { openChromium, pageArguments } from "./chromium.mjs";

const WIDTH = 718;

const { base, paths } = pageArguments("print.mjs");

let browser;
try {
  browser = await openChromium("print", { viewport: { width: WIDTH, height: 1000 } });
  const context = browser.context;
  const results = [];
  for (const path of paths) {
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });
    const response = await page.goto(base + path, { waitUntil: "load", timeout: 30000 });
    const measured = await page.evaluate((WIDTH) => {
      const wide = [...document.querySelectorAll("table")]
        .map((t) => ({ caption: (t.caption ? t.caption.textContent : t.id || "").trim(), width: Math.round(t.getBoundingClientRect().width) }))
        .filter((t) => t.width > WIDTH);
      return { scrollWidth: document.documentElement.scrollWidth, wide };
    }, WIDTH);
    results.push({ path, status: response ? response.status() : 0, ...measured });
    await page.close();
  }
  process.stdout.write(JSON.stringify({ width: WIDTH, pages: results }) + "\n");
} catch (e) {
  console.error(`print.mjs: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
}
