// Reports how Debian's headless Chromium aligns every body cell of every table on the given
// pages, on screen and in print: the theme's style.css right-aligns figure columns by their
// table's kind (and counts some from the row's end) instead of a class on every cell, so the
// test (tests/compare.rs) checks the result, not the markup. A cell's column is the last
// header row's cell it lies under (rowspans make cell positions useless).
//
//   node tests/browser/figure-cells.mjs http://127.0.0.1:PORT /path1/ /path2/ ...
//
// Prints one JSON object on stdout: {"cells": [{"media", "path", "table", "column", "span",
// "align", "wrap", "n"}]}, one entry per distinct combination, `table` being the table's
// id when it has one naming its kind, else its class (an indicator page's histories have ids
// made per measure, `_i1`, so their class: `compare hist-i`), `span` whether the cell spans several columns. Exits 2
// when the browser or a page cannot be used.

import { openChromium, pageArguments } from "./chromium.mjs";

const { base, paths } = pageArguments("figure-cells.mjs");

let browser;
try {
  browser = await openChromium("figure-cells", { viewport: { width: 1400, height: 1000 } });
  const page = await browser.context.newPage();
  const seen = new Map();
  for (const media of ["screen", "print"]) {
    await page.emulateMedia({ media });
    for (const path of paths) {
      const response = await page.goto(base + path, { waitUntil: "load", timeout: 30000 });
      if (!response || response.status() !== 200) throw new Error(`${path}: status ${response ? response.status() : 0}`);
      const cells = await page.evaluate(() => {
        const out = [];
        for (const t of document.querySelectorAll("main table")) {
          const rows = t.tHead ? t.tHead.rows : [];
          if (!rows.length) continue;
          const heads = [...rows[rows.length - 1].cells].map((h) => ({ text: h.textContent.trim(), r: h.getBoundingClientRect() }));
          for (const body of t.tBodies) {
            for (const c of body.querySelectorAll("td")) {
              const r = c.getBoundingClientRect();
              const x = r.left + r.width / 2;
              const head = heads.find((h) => h.r.left <= x && x <= h.r.right);
              const s = getComputedStyle(c);
              out.push({ table: t.id && !t.id.startsWith("_") ? t.id : t.className, column: head ? head.text : "", span: c.colSpan > 1, align: s.textAlign, wrap: s.whiteSpace });
            }
          }
        }
        return out;
      });
      for (const c of cells) {
        const key = JSON.stringify({ media, path, ...c });
        seen.set(key, (seen.get(key) || 0) + 1);
      }
    }
  }
  const cells = [...seen].map(([k, n]) => ({ ...JSON.parse(k), n }));
  process.stdout.write(JSON.stringify({ cells }) + "\n");
} catch (e) {
  console.error(`figure-cells.mjs: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
}
