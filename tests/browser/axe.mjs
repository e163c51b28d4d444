// Runs axe-core (WCAG 2.0/2.1 A and AA rules) on pages of a served site in Debian's headless
// Chromium, in the light and the dark colour scheme.
//
//   node tests/browser/axe.mjs http://127.0.0.1:PORT /path1/ /path2/ ...
//
// Prints one JSON object on stdout: {"pages": [{"path", "scheme", "status", "violations": [...]}]}.
// Exits 0 when every page was checked (violations or not: the caller judges them), 2 when the
// browser or a page could not be used.

import { chromium } from "playwright-core";
import { requireCjkFont } from "./cjk-font.mjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node axe.mjs BASE_URL PATH...");
  process.exit(2);
}

const profile = mkdtempSync(join(tmpdir(), "jixiao-axe-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
  });
  await requireCjkFont(context);
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
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
