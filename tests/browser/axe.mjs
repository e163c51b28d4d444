// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on pages of a served site in Debian's headless
// Chromium, in the light and the dark colour scheme.
//
//   node tests/browser/axe.mjs http://127.0.0.1:PORT /path1/ /path2/ ...
//
// Prints one JSON object on stdout: {"pages": [{"path", "scheme", "status", "violations": [...]}]}.
// Exits 0 when every page was checked (violations or not: the caller judges them), 2 when the
// browser or a page could not be used.

import { openChromium, pageArguments } from "./chromium.mjs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const { base, paths } = pageArguments("axe.mjs");

let browser;
try {
  browser = await openChromium("axe", { viewport: { width: 1280, height: 900 } });
  const context = browser.context;
  const results = [];
  for (const path of paths) {
    for (const scheme of ["light", "dark"]) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      const response = await page.goto(base + path, { waitUntil: "load", timeout: 30000 });
      await page.addScriptTag({ path: axePath });
      const raw = await page.evaluate(async (tags) => {
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
        return r.violations;
      }, TAGS);
      results.push({
        path,
        scheme,
        status: response ? response.status() : 0,
        violations: raw.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({
            target: n.target,
            html: n.html.slice(0, 300),
            summary: n.failureSummary,
          })),
        })),
      });
      await page.close();
    }
  }
  process.stdout.write(JSON.stringify({ pages: results }) + "\n");
} catch (e) {
  console.error(`axe.mjs: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
}
