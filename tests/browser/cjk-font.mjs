// Fails a browser test run when Chromium would draw Chinese text without a Chinese font (every
// character a fallback box): widths, overlaps and print layouts measured so would be false.
// Asks Chromium (DevTools protocol, CSS.getPlatformFontsForNode) which font actually drew a
// Chinese sentence, and requires a CJK font to have drawn all of it.
//
//   import { requireCjkFont } from "./cjk-font.mjs";
//   await requireCjkFont(context);   // throws with a message naming the fonts used

const SAMPLE = "部门整体支出绩效自评报告预算执行率";
// Font families of the CJK fonts readers have (Noto/Source Han, WenQuanYi, Windows, macOS).
const CJK_FAMILY = /CJK|Source Han|WenQuanYi|Droid Sans Fallback|SimSun|SimHei|Microsoft YaHei|DengXian|PingFang|Hiragino|Heiti|Songti|STSong|STHeiti|AR PL|Noto Sans SC|Noto Serif SC/i;

export async function requireCjkFont(context) {
  const page = await context.newPage();
  try {
    await page.setContent(`<!doctype html><html lang="zh-CN"><body><p id="t" style="font-family: sans-serif">${SAMPLE}</p></body></html>`);
    const cdp = await context.newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument");
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "#t" });
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    const cjk = fonts.filter((f) => CJK_FAMILY.test(f.familyName) || CJK_FAMILY.test(f.postScriptName || ""));
    const drawn = cjk.reduce((n, f) => n + f.glyphCount, 0);
    if (drawn < [...SAMPLE].length) {
      const used = fonts.map((f) => `${f.familyName} (${f.glyphCount} glyphs)`).join(", ") || "none";
      throw new Error(`no Chinese font: Chromium drew “${SAMPLE}” with ${used}; install fonts-noto-cjk (tests/install-deps.sh does)`);
    }
    return cjk.map((f) => f.familyName);
  } finally {
    await page.close();
  }
}
