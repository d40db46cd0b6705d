// paste.mjs FRAGMENT OUTDIR: pastes the HTML fragment into each CMS editor
// in headless Chromium as an office would (the fragment on the clipboard as
// text/html, then Ctrl+V into the editor), reads back the HTML each editor
// would save, renders that alone on a blank page and screenshots it.
// Writes OUTDIR/<editor>.html and OUTDIR/<editor>.png; exits non-zero with a
// message when an editor cannot be loaded or the paste fails.
//
// Chromium is the system's (/usr/bin/chromium, or $CHROMIUM); the editors
// come from node_modules beside this file (npm ci), served on 127.0.0.1.
import { createServer } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { extname, join, normalize, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const [fragmentPath, outDir] = process.argv.slice(2);
if (!fragmentPath || !outDir) {
  console.error("usage: node paste.mjs FRAGMENT.html OUTDIR");
  process.exit(2);
}
const fragment = await readFile(fragmentPath, "utf8");
const editors = (process.env.EDITORS || "ckeditor4,tinymce,wangeditor,kindeditor").split(",");

const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".png": "image/png", ".gif": "image/gif", ".svg": "image/svg+xml", ".json": "application/json",
  ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf" };

// A static server for this folder only, on a loopback port of its own.
const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  if (path === "/saved") { // the saved HTML alone, on a blank page
    res.writeHead(200, { "content-type": types[".html"] });
    res.end(saved.get(new URL(req.url, "http://x").searchParams.get("editor")) || "");
    return;
  }
  try {
    const body = await readFile(join(here, path));
    res.writeHead(200, { "content-type": types[extname(path)] || "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
const saved = new Map();
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  for (const name of editors) {
    // SCALE=0.5 makes smaller screenshots (for the repository).
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: Number(process.env.SCALE || 1) });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await page.goto(`${base}/editor.html?editor=${name}`);
      await page.waitForFunction(() => document.title !== "nianbao CMS editor harness", null, { timeout: 30000 });
      const title = await page.title();
      if (title !== "ready") throw new Error(title);
      // The fragment on the clipboard as text/html (with its text as
      // text/plain, as a browser's copy gives), then a real Ctrl+V.
      await page.evaluate(async (html) => {
        const text = new DOMParser().parseFromString(html, "text/html").body.innerText;
        await navigator.clipboard.write([new ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([text], { type: "text/plain" }),
        })]);
        window.ed.focus();
      }, fragment);
      await page.keyboard.press("Control+V");
      // Editors finish a paste asynchronously: wait until the saved HTML
      // holds the last section heading and stops changing.
      let last = "", data = "";
      for (let i = 0; i < 100; i++) {
        await page.waitForTimeout(100);
        data = await page.evaluate(() => window.ed.getData());
        if (data.includes("六、其他需要报告的事项") && data === last) break;
        last = data;
      }
      if (!data.includes("六、其他需要报告的事项")) {
        throw new Error("the paste did not arrive: " + data.slice(0, 200) + (errors.length ? " / " + errors.join("; ") : ""));
      }
      saved.set(name, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + data + "</body></html>");
      await writeFile(join(outDir, name + ".html"), data);
      const view = await context.newPage();
      await view.goto(`${base}/saved?editor=${name}`);
      await view.screenshot({ path: join(outDir, name + ".png"), fullPage: true });
      await view.close();
      console.log(`${name}: ${data.length} bytes saved`);
    } catch (e) {
      failed = true;
      console.error(`${name}: ${e.message}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
