// Opens a page of a running `jixiao serve` in Debian's headless Chromium and watches its
// live-reload script ask for the event stream: when the server refuses it (503, too many
// streams open), the script must ask again later, and connect once a place is free.
//
//   node tests/browser/live-retry.mjs URL WATCH_MS
//
// Prints one line per attempt as it is answered ({"status": 503, "ms": t}, ms from the page
// load; status 0: the request failed), so that the caller can free a place meanwhile, then a
// last line once the stream is answered 200 or WATCH_MS have passed:
//   {"statuses": [503, 503, 200], "connected": true, "ms": [t1, t2, ...]}
// Exits 2 when the browser cannot be used.

import { openChromium } from "./chromium.mjs";

const [url, watchArg] = process.argv.slice(2);
const watch = Number(watchArg);
if (!url || !(watch > 0)) {
  console.error("usage: node live-retry.mjs URL WATCH_MS");
  process.exit(2);
}

let browser;
try {
  browser = await openChromium("live-retry");
  const page = await browser.context.newPage();
  const out = { statuses: [], connected: false, ms: [] };
  const t0 = Date.now();
  let done;
  const finished = new Promise((r) => (done = r));
  const attempt = (status) => {
    out.statuses.push(status);
    out.ms.push(Date.now() - t0);
    console.log(JSON.stringify({ status, ms: Date.now() - t0 }));
    if (status === 200) {
      out.connected = true;
      done();
    }
  };
  page.on("response", (r) => {
    if (r.url().includes("/__jixiao/events")) attempt(r.status());
  });
  page.on("requestfailed", (r) => {
    if (r.url().includes("/__jixiao/events") && !r.response()) attempt(0);
  });
  await page.goto(url, { waitUntil: "load" });
  await Promise.race([finished, new Promise((r) => setTimeout(r, watch))]);
  console.log(JSON.stringify(out));
  await browser.close();
} catch (e) {
  console.error(String((e && e.stack) || e));
  if (browser) await browser.close();
  process.exit(2);
}
