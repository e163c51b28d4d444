// Measures search on a built site in Debian's headless Chromium with the real search.js:
// bytes a browser downloads for a first query (cold cache: manifest + shards), for a later
// query (after another query on the same page), for the texts of the first page of results
// (the fragments of the ten reports or pages the page shows first; an index of the earlier
// layout, one file per record, is measured with its ten record files;
// `first_with_records` adds them to the first query), and the time a query takes once its
// files are there (the same query again, warm).
//
// Every byte figure is given twice: as the files' bytes, and gzipped (`*_gz`: each file
// gzipped at zlib's default level 6 from SITE_DIR, as a static host serving gzip sends it).
//
//   node tests/browser/search-measure.mjs BASE_URL QUERIES.json SITE_DIR
//
// When QUERIES.json does not exist, the query set is sampled from the site's record texts
// with a fixed seed and written there first: 100 substrings of 2 to 6 characters (no white
// space), plus 20 numbers and Latin words.

import { chromium } from "playwright-core";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync, inflateRawSync } from "node:zlib";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const [base, queriesFile, siteDir] = process.argv.slice(2);
if (!base || !queriesFile || !siteDir) {
  console.error("usage: node search-measure.mjs BASE_URL QUERIES.json SITE_DIR");
  process.exit(2);
}
// Gzipped size of a fetched file (path as search.js names it: under the index folder, or
// manifest.json under search/).
const gzCache = new Map();
function gz(path) {
  if (!gzCache.has(path)) {
    const file = path === "manifest.json" ? join(siteDir, "search", path) : join(indexDir, path);
    gzCache.set(path, gzipSync(readFileSync(file), { level: 6 }).length);
  }
  return gzCache.get(path);
}

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The folder of the index files: search/ itself (format 4: files named by their tags), the
// manifest's `dir` (format 3: one folder named by a hash), or search/ for the earliest layout.
const manifest = JSON.parse(readFileSync(join(siteDir, "search/manifest.json"), "utf8"));
const indexDir = join(siteDir, "search", manifest.dir || "");

function sample() {
  const rand = mulberry32(20221231);
  // Fragments (f/<n>/<slot>.json, arrays of records) or, earlier, record files (r/<n>/<id>.json).
  const kind = manifest.v === 4 || manifest.dir ? "f" : "r";
  const dirs = readdirSync(join(indexDir, kind)).sort((a, b) => a - b);
  const pick = manifest.v === 4 ? pickPacked : pickFile;
  // Fragment packs are deflated with the preset dictionary the manifest names (`z`), when there is one.
  const dictionary = manifest.z ? inflateRawSync(readFileSync(join(indexDir, `z.${manifest.z}.bin`)).subarray(4)) : undefined;
  function pickPacked() {
    const files = readdirSync(join(indexDir, "f")).sort((a, b) => parseInt(a) - parseInt(b));
    for (;;) {
      const f = files[Math.floor(rand() * files.length)];
      const slots = JSON.parse(inflateRawSync(readFileSync(join(indexDir, "f", f)).subarray(4), dictionary ? { dictionary } : {}).toString("utf8"));
      const recs = slots[Math.floor(rand() * slots.length)] || [];
      if (!recs.length) continue;
      const r = recs[Math.floor(rand() * recs.length)];
      if (r.x && r.x.length > 10) return Array.from(r.x);
    }
  }
  function pickFile() {
    for (;;) {
      const d = dirs[Math.floor(rand() * dirs.length)];
      const files = readdirSync(join(indexDir, kind, d)).sort();
      const f = files[Math.floor(rand() * files.length)];
      const parsed = JSON.parse(readFileSync(join(indexDir, kind, d, f), "utf8"));
      const recs = Array.isArray(parsed) ? parsed : [parsed];
      const r = recs[Math.floor(rand() * recs.length)];
      if (r.x && r.x.length > 10) return Array.from(r.x);
    }
  }
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

if (!existsSync(queriesFile)) sample();
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
    const paths = (idx, from) => idx.fetched.slice(from).map((f) => f[0]);
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
      // Texts for the first page of results: the fragments of the first ten groups (reports
      // or pages) as the page shows them, or (earlier layout) ten record files.
      const n0 = idx.fetched.length;
      if (S.groups) await Promise.all(S.groups(hits, idx.manifest.slot).slice(0, 10).map((g) => idx.fragment(g.slot)));
      else await Promise.all(hits.slice(0, 10).map((h) => idx.record(h.id)));
      const records = sum(idx, n0);
      const firstPaths = paths(idx, 0);
      // A later query: another query on the same index, then this one.
      const idx2 = new S.Index(at);
      await idx2.search(queries[(i + 1) % queries.length]);
      const n2 = idx2.fetched.length;
      await idx2.search(q);
      const later = sum(idx2, n2);
      out.push({ q, hits: hits.length, first, files, later, records, first_with_records: first + records, ms, firstPaths, nFirst: files });
    }
    return out;
  }, queries);
  for (const r of rows) {
    r.first_gz = r.firstPaths.slice(0, r.nFirst).reduce((a, p) => a + gz(p), 0);
    r.first_with_records_gz = r.firstPaths.reduce((a, p) => a + gz(p), 0);
    r.records_gz = r.first_with_records_gz - r.first_gz;
    r.files_with_records = r.firstPaths.length;
    delete r.firstPaths;
    delete r.nFirst;
  }
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
    first_gz_median: pct(col("first_gz"), 0.5),
    records_gz_median: pct(col("records_gz"), 0.5),
    first_with_records_gz_median: pct(col("first_with_records_gz"), 0.5),
    first_with_records_gz_p90: pct(col("first_with_records_gz"), 0.9),
    files_with_records_median: pct(col("files_with_records"), 0.5),
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
