// Measures every chart's <text> labels in Debian's headless Chromium: for each page, each
// svg.jx-chart, each <text>, its getBBox() in the SVG's user units, and reports labels that
// overlap another label of the same chart or leave the viewBox.
//
//   node tests/browser/charts.mjs http://127.0.0.1:PORT /path1/ /path2/ ...
//   (SHOTS=/some/dir also saves a PNG screenshot of every chart, for a human look.)
//
// Prints one JSON object on stdout: {"pages": [{"path", "status", "charts": [{"id", "texts",
// "overflow": [...], "overlaps": [...]}]}]}. Exits 2 when the browser or a page cannot be used.

import { openChromium, pageArguments } from "./chromium.mjs";
import { join } from "node:path";

const SHOTS = process.env.SHOTS || "";
// Boxes touching within this many user units are not counted as overlapping (anti-aliasing).
const EPS = 0.5;

const { base, paths } = pageArguments("charts.mjs");

let browser;
try {
  browser = await openChromium("charts", { viewport: { width: 1280, height: 900 } });
  const context = browser.context;
  const results = [];
  for (const path of paths) {
    const page = await context.newPage();
    const response = await page.goto(base + path, { waitUntil: "load", timeout: 30000 });
    const charts = await page.evaluate((EPS) => {
      const out = [];
      for (const svg of document.querySelectorAll("svg.jx-chart")) {
        const vb = svg.viewBox.baseVal;
        const boxes = [];
        for (const t of svg.querySelectorAll("text")) {
          const b = t.getBBox();
          boxes.push({ text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height });
        }
        const overflow = boxes.filter((b) => b.w > 0 && (b.x < vb.x - EPS || b.y < vb.y - EPS || b.x + b.w > vb.x + vb.width + EPS || b.y + b.h > vb.y + vb.height + EPS));
        const overlaps = [];
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.w === 0 || b.w === 0) continue;
            const ox = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
            const oy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
            if (ox > EPS && oy > EPS) overlaps.push([a, b]);
          }
        }
        out.push({ id: svg.id, viewBox: [vb.x, vb.y, vb.width, vb.height], texts: boxes.length, overflow, overlaps });
      }
      return out;
    }, EPS);
    if (SHOTS) {
      const svgs = await page.$$("svg.jx-chart");
      for (let i = 0; i < svgs.length; i++) {
        await svgs[i].screenshot({ path: join(SHOTS, path.replace(/[^a-z0-9]+/gi, "_") + i + ".png") });
      }
    }
    results.push({ path, status: response ? response.status() : 0, charts });
    await page.close();
  }
  process.stdout.write(JSON.stringify({ pages: results }) + "\n");
} catch (e) {
  console.error(`charts.mjs: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
}
