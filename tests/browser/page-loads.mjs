// Loads pages of a running `jixiao serve` many times in Debian's headless Chromium and counts,
// for every load, the requests the page made against the responses it got: a sub-resource
// that is never answered (a stalled response) shows up as a request without a response.
//
//   node tests/browser/page-loads.mjs BASE_URL LOADS PATH...
//
// The paths are loaded in turn (LOADS loads in all), each in the same tab as the last, as a
// reader clicking through the site; a load that does not reach `load` within TIMEOUT_MS
// (default 10000) counts as stalled. Prints one JSON object on stdout:
//   {"loads": N, "requests": N, "responses": N, "failed": N, "faviconAborted": N (when any),
//    "stalled": [{"load", "path", "pending": [url...], "failed": [url...]}]}
// Exits 2 when the browser cannot be used.

import { openChromium } from "./chromium.mjs";

const [base, loadsArg, ...paths] = process.argv.slice(2);
const loads = Number(loadsArg);
if (!base || !(loads > 0) || paths.length === 0) {
  console.error("usage: node page-loads.mjs BASE_URL LOADS PATH...");
  process.exit(2);
}
const TIMEOUT_MS = Number(process.env.TIMEOUT_MS || 10000);

let browser;
try {
  browser = await openChromium("page-loads", { viewport: { width: 1280, height: 900 } });
  const page = await browser.context.newPage();
  const totals = { loads: 0, requests: 0, responses: 0, failed: 0, stalled: [] };
  // Requests of the current load by Playwright's request object; the live-reload event
  // stream never completes by design, so it is not counted.
  let pending = new Map();
  let failed = [];
  const counted = (r) => !r.url().includes("/__jixiao/events");
  page.on("request", (r) => {
    if (!counted(r)) return;
    totals.requests++;
    pending.set(r, r.url());
  });
  page.on("requestfinished", (r) => {
    if (!counted(r) || !pending.delete(r)) return;
    totals.responses++;
  });
  page.on("requestfailed", (r) => {
    if (!counted(r) || !pending.delete(r)) return;
    // Chromium fetches the favicon on its own, after the page, and cancels that fetch itself
    // when the next navigation starts (net::ERR_ABORTED): the browser's doing, not an answer
    // the server failed to give. Counted apart; any other failure is a failure.
    if (r.failure()?.errorText === "net::ERR_ABORTED" && /\/favicon\.[a-z]+(\?|$)/.test(r.url())) {
      totals.requests--;
      totals.faviconAborted = (totals.faviconAborted || 0) + 1;
      return;
    }
    totals.failed++;
    failed.push(`${r.url()} (${r.failure()?.errorText})`);
  });
  for (let i = 0; i < loads; i++) {
    const path = paths[i % paths.length];
    pending = new Map();
    failed = [];
    let timedOut = false;
    try {
      await page.goto(base + path, { waitUntil: "load", timeout: TIMEOUT_MS });
      // Requests started by scripts after `load` (none expected): give them a moment.
      const until = Date.now() + 2000;
      while (pending.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    } catch (e) {
      timedOut = true;
    }
    totals.loads++;
    if (timedOut || pending.size > 0 || failed.length > 0) {
      totals.stalled.push({ load: i, path, timedOut, pending: [...pending.values()], failed });
    }
  }
  console.log(JSON.stringify(totals));
  await browser.close();
} catch (e) {
  console.error(String(e && e.stack || e));
  if (browser) await browser.close();
  process.exit(2);
}
