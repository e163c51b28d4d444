// Starts Debian's headless Chromium for the browser tests, the one way they all need it: a
// fresh profile, the flags this machine's closed network needs, and a check that a CJK font
// draws Chinese (cjk-font.mjs) — a layout measured with fallback boxes would be false.
//
//   const browser = await openChromium("print", { viewport: { width: 718, height: 1000 } });
//   … browser.context.newPage() …
//   await browser.close();   // closes Chromium and removes the profile

import { chromium } from "playwright-core";
import { requireCjkFont } from "./cjk-font.mjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// Without the background-networking flags Chromium's own connections are refused by the
// machine's closed network, many at a time.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

// The arguments every page-checking script takes, `BASE_URL PATH...`; a usage line and exit
// code 2 (a page or the browser cannot be used) when they are missing.
export function pageArguments(script) {
  const [base, ...paths] = process.argv.slice(2);
  if (!base || paths.length === 0) {
    console.error(`usage: node ${script} BASE_URL PATH...`);
    process.exit(2);
  }
  return { base, paths };
}

export async function openChromium(name, { viewport, locale = "zh-CN" } = {}) {
  const profile = mkdtempSync(join(tmpdir(), `jixiao-${name}-`));
  const remove = () => rmSync(profile, { recursive: true, force: true });
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, locale, ...(viewport ? { viewport } : {}) });
    await requireCjkFont(context);
  } catch (e) {
    if (context) await context.close().catch(() => {});
    remove();
    throw e;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      remove();
    },
  };
}
