// Measures search on a built site in Debian's headless Chromium with the real search.js:
// bytes a browser downloads for a first query (cold cache: manifest + shards), for a later
// query (after another query on the same page), for the record files of the first page of
// results (the ten the page shows first; `first_with_records` adds them to the first query),
// and the time a query takes once its files are there (the same query again, warm).
//
//   node tests/browser/search-measure.mjs BASE_URL QUERIES.json [SITE_DIR]
//
// When QUERIES.json does not exist and SITE_DIR is given, the query set is sampled from the
// site's record texts (SITE_DIR/search/r/**) with a fixed seed and written there first:
// 100 substrings of 2 to 6 characters (no white space), plus 20 numbers and Latin words.

import { chromium } from "playwright-core";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const [base, queriesFile, siteDir] = process.argv.slice(2);

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample() {
  const rand = mulberry32(20221231);
  const dirs = readdirSync(join(siteDir, "search/r")).sort((a, b) => a - b);
  const pick = () => {
    for (;;) {
      const d = dirs[Math.floor(rand() * dirs.length)];
      const files = readdirSync(join(siteDir, "search/r", d)).sort();
      const f = files[Math.floor(rand() * files.length)];
      const r = JSON.parse(readFileSync(join(siteDir, "search/r", d, f), "utf8"));
      if (r.x && r.x.length > 10) return Array.from(r.x);
    }
  };
  const queries = [];
  while (queries.length < 100) {
    const t = pick();
    const len = 2 + Math.floor(rand() * 5);
    const at = Math.floor(rand() * (t.length - len));
    const q = t.slice(at, at + len).join("");
    if (/[\s,.;:，。、；：（）()%“”]/.test(q) || /[0-9A-Za-z]/.test(q)) continue;
    queries.push(q);
  }
  let latin = 0;
  while (latin < 20) {
    const t = pick().join("");
    const words = t.match(/[0-9]+(?:\.[0-9]+)?|[A-Za-z]{2,}/g) || [];
    if (!words.length) continue;
    const w = words[Math.floor(rand() * words.length)];
    if (queries.includes(w)) continue;
    queries.push(w);
    latin++;
  }
  writeFileSync(queriesFile, JSON.stringify({ seed: 20221231, queries }, null, 0) + "\n");
}

if (!existsSync(queriesFile)) {
  if (!siteDir) {
    console.error("usage: node search-measure.mjs BASE_URL QUERIES.json [SITE_DIR]");
    process.exit(2);
  }
  sample();
}
const queries = JSON.parse(readFileSync(queriesFile, "utf8")).queries;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

const profile = mkdtempSync(join(tmpdir(), "jixiao-measure-"));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const page = await context.newPage();
  await page.goto(base + "search/", { waitUntil: "load" });
  const rows = await page.evaluate(async (queries) => {
    const S = window.jixiaoSearch;
    const at = document.getElementById("search").getAttribute("data-index");
    const sum = (idx, from) => idx.fetched.slice(from).reduce((a, f) => a + f[1], 0);
    const out = [];
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i];
      // First query: a fresh index, nothing cached.
      const idx = new S.Index(at);
      const hits = await idx.search(q);
      const first = sum(idx, 0);
      const files = idx.fetched.length;
      // Time once the files are there: the same query again on the warm index.
      const t0 = performance.now();
      await idx.search(q);
      const ms = performance.now() - t0;
      // Record files for the first page of results (search.js shows ten at a time).
      const n0 = idx.fetched.length;
      await Promise.all(hits.slice(0, 10).map((h) => idx.record(h.id)));
      const records = sum(idx, n0);
      // A later query: another query on the same index, then this one.
      const idx2 = new S.Index(at);
      await idx2.search(queries[(i + 1) % queries.length]);
      const n2 = idx2.fetched.length;
      await idx2.search(q);
      const later = sum(idx2, n2);
      out.push({ q, hits: hits.length, first, files, later, records, first_with_records: first + records, ms });
    }
    return out;
  }, queries);
  const col = (k) => rows.map((r) => r[k]);
  const summary = {
    queries: rows.length,
    first_median: pct(col("first"), 0.5),
    first_p90: pct(col("first"), 0.9),
    first_max: pct(col("first"), 1),
    later_median: pct(col("later"), 0.5),
    later_p90: pct(col("later"), 0.9),
    records_median: pct(col("records"), 0.5),
    first_with_records_median: pct(col("first_with_records"), 0.5),
    first_with_records_p90: pct(col("first_with_records"), 0.9),
    ms_median: pct(col("ms"), 0.5),
    ms_p90: pct(col("ms"), 0.9),
    ms_max: pct(col("ms"), 1),
    hits_median: pct(col("hits"), 0.5),
  };
  process.stdout.write(JSON.stringify({ summary, rows }) + "\n");
} catch (e) {
  console.error(`search-measure.mjs: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 2;
} finally {
  if (context) await context.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
