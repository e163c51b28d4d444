// Drives the real search page (themes/default/static/search.js) in Debian's headless Chromium.
//
//   node tests/browser/search.mjs BASE_URL QUERIES.json
//
// BASE_URL is the site root (may be a sub-path, e.g. http://127.0.0.1:PORT/sub/dir/).
// QUERIES.json: {"queries": ["网格", ...], "ui": true}. Prints one JSON object on stdout:
//   {"queries": [{"q", "ids": [...ranked], "bytes", "files", "ms"}],
//    "ui": {...scenario results}}
// Exits 2 when the browser or a page could not be used.

import { openChromium } from "./chromium.mjs";
import { readFileSync } from "node:fs";

const [base, queriesFile] = process.argv.slice(2);
if (!base || !queriesFile) {
  console.error("usage: node search.mjs BASE_URL QUERIES.json");
  process.exit(2);
}
const input = JSON.parse(readFileSync(queriesFile, "utf8"));

let browser;
const errors = [];
try {
  browser = await openChromium("search", { viewport: { width: 1280, height: 900 } });
  const context = browser.context;
  const out = { queries: [], ui: {} };
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) errors.push(r.status() + " " + r.url());
  });

  // 1. Every query through the script's own search function; each with a fresh index (cold
  //    cache) so the bytes are those of a first query, then again warm.
  await page.goto(base + "search/", { waitUntil: "load" });
  for (const q of input.queries || []) {
    const r = await page.evaluate(async (q) => {
      const S = window.jixiaoSearch;
      const idx = new S.Index(document.getElementById("search").getAttribute("data-index"));
      const t0 = performance.now();
      const hits = await idx.search(q);
      const ms = performance.now() - t0;
      return { q, ids: hits.map((h) => h.id), bytes: idx.fetched.reduce((a, f) => a + f[1], 0), files: idx.fetched.length, ms };
    }, q);
    out.queries.push(r);
  }

  if (input.ui) {
    const done = async () => {
      await page.waitForFunction(() => {
        const s = document.getElementById("search").getAttribute("data-state");
        return s === "done" || s === "error";
      }, null, { timeout: 20000 });
      return page.evaluate(() => ({
        state: document.getElementById("search").getAttribute("data-state"),
        status: document.getElementById("search-status").textContent,
        // Results are grouped per report (or page): one item per group, its matching sections
        // listed under it. Flattened here to one entry per section shown, with its group.
        groups: Array.from(document.querySelectorAll("#search-results > li")).map((li) => ({
          slot: Number(li.getAttribute("data-slot")),
          title: li.querySelector("h2 a").textContent,
          href: li.querySelector("h2 a").href,
          sections: li.querySelectorAll(".search-section").length,
        })),
        results: Array.from(document.querySelectorAll("#search-results > li .search-section")).map((item) => ({
          id: Number(item.getAttribute("data-id")),
          slot: Number(item.closest("#search-results > li").getAttribute("data-slot")),
          href: item.querySelector("a").href,
          title: item.closest("#search-results > li").querySelector("h2 a").textContent,
          section: item.querySelector("a").textContent,
          excerpt: item.querySelector(".search-excerpt").textContent,
          marks: Array.from(item.querySelectorAll("mark")).map((m) => m.textContent),
          excerptHtml: item.querySelector(".search-excerpt").innerHTML,
        })),
        url: location.href,
      }));
    };
    // Linked results: ?q=&year=&department=&section= in the URL.
    for (const sc of input.scenarios || []) {
      const u = new URL(base + "search/");
      for (const k of ["q", "year", "department", "section"]) if (sc[k]) u.searchParams.set(k, sc[k]);
      await page.goto(u.toString(), { waitUntil: "load" });
      out.ui[sc.key] = await done();
    }
    // Changing a filter re-runs the search and updates the URL.
    if (input.interactive) {
      const it = input.interactive;
      await page.goto(base + "search/?q=" + encodeURIComponent(it.q), { waitUntil: "load" });
      out.ui.interactive_all = await done();
      await page.selectOption("#search-year", it.year);
      out.ui.interactive_year = await done();
      await page.selectOption("#search-year", "");
      await done();
      // Typing: results as one types (debounced).
      await page.fill("#search-q", "");
      await page.type("#search-q", it.typed, { delay: 40 });
      out.ui.typed = await done();
    }
    // "More results": the next page of results below the first.
    if (input.more) {
      await page.goto(base + "search/?q=" + encodeURIComponent(input.more), { waitUntil: "load" });
      const before = await done();
      const hidden = await page.evaluate(() => document.getElementById("search-more").hidden);
      let after = before;
      if (!hidden) {
        await page.click("#search-more");
        await page.waitForFunction((n) => document.querySelectorAll("#search-results > li").length > n, before.groups.length, { timeout: 20000 });
        after = await done();
      }
      out.ui.more = { before: before.groups.length, after: after.groups.length, hidden_before: hidden, ids: after.results.map((r) => r.id) };
    }
    // The search box of another page: a plain GET form to search/?q=.
    await page.goto(base, { waitUntil: "load" });
    await page.fill("#site-search-q", "来穗人员");
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.press("#site-search-q", "Enter")]);
    out.ui.from_box = await done();
    // Keyboard: the first result link is reachable with Tab from the input.
    await page.focus("#search-q");
    let reached = false;
    for (let k = 0; k < 12 && !reached; k++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => !!document.activeElement && !!document.activeElement.closest("#search-results"));
    }
    out.ui.keyboard_reaches_results = reached;
    // Result links lead to existing pages with the anchor present.
    const first = out.ui.from_box.results[0];
    if (first) {
      const resp = await page.goto(first.href, { waitUntil: "load" });
      const hash = new URL(first.href).hash.slice(1);
      out.ui.first_link = { status: resp ? resp.status() : 0, anchor: hash ? await page.evaluate((h) => !!document.getElementById(h), hash) : true };
    }
  }
  // 3. The fallback: a page without DecompressionStream (older iOS Safari, old Chromium cores)
  //    runs the same queries and shows their first page of fragments with search.js's own
  //    inflate; that inflate gives the same bytes as the browser's on every posting pack member
  //    fetched and on the fragment dictionary; a
  //    file without the magic bytes is refused with a message.
  if (input.fallback) {
    const plain = await context.newPage();
    plain.on("pageerror", (e) => errors.push(String(e)));
    await plain.addInitScript(() => { delete window.DecompressionStream; });
    await plain.goto(base + "search/", { waitUntil: "load" });
    out.fallback = await plain.evaluate(async (queries) => {
      const S = window.jixiaoSearch;
      const at = document.getElementById("search").getAttribute("data-index");
      const res = { without_stream: typeof DecompressionStream === "undefined", queries: [] };
      for (const q of queries) {
        const idx = new S.Index(at);
        const hits = await idx.search(q);
        const groups = S.groups(hits, idx.manifest.slot).slice(0, 10);
        const frags = await Promise.all(groups.map((g) => idx.fragment(g.slot)));
        res.queries.push({ q, ids: hits.map((h) => h.id), fragments: frags.map((f) => f.length), files: idx.fetched.map((f) => f[0]) });
      }
      const idx = new S.Index(at);
      await idx.load();
      res.wrong_magic = await idx.file("index.html").then(() => "accepted", (e) => String(e.message || e));
      return res;
    }, input.fallback);
    const cmp = await context.newPage();
    await cmp.goto(base + "search/", { waitUntil: "load" });
    out.inflate_same = await cmp.evaluate(async (queries) => {
      const S = window.jixiaoSearch;
      const idx = new S.Index(document.getElementById("search").getAttribute("data-index"));
      for (const q of queries) {
        const hits = await idx.search(q);
        await Promise.all(S.groups(hits, idx.manifest.slot).slice(0, 10).map((g) => idx.fragment(g.slot)));
      }
      // Browser and script inflate alike: the fragment dictionary and every posting pack member
      // fetched (the fragment packs themselves need the dictionary, which only the script takes).
      const slices = [["z." + idx.manifest.z + ".bin", 4, undefined]].concat(idx.members);
      let same = 0, differ = [];
      for (const [p, from, len] of slices) {
        const b = await idx.file(p);
        const part = b.subarray(from, len === undefined ? b.length : from + len);
        const a = await S.inflate(part);
        const c = S.inflateJs(part);
        if (a.length === c.length && a.every((x, i) => x === c[i])) same++; else differ.push(p + "@" + from);
      }
      return { same, differ };
    }, input.fallback);
    await cmp.close();
    await plain.close();
  }

  out.errors = errors;
  process.stdout.write(JSON.stringify(out) + "\n");
} catch (e) {
  console.error(`search.mjs: ${e && e.stack ? e.stack : e}`);
  process.exitCode = 2;
} finally {
  if (browser) await browser.close();
}
