// Opens every page of the built book (book/) in headless Chromium and checks what a reader sees:
// the page loads (HTTP 200), logs no console errors, every image has loaded, every formula has been
// typeset (no raw TeX left), code blocks are highlighted, and the search finds "broadcast".
// Requests to anything but the local server are blocked: the book must work offline.
// A screenshot of each page goes to target/screenshots/.
//
// Usage: node tests/browser/check.mjs [BOOK_DIR]      (run by scripts/browser-test.sh)
import { createServer } from "node:http";
import { readFile, mkdir, readdir } from "node:fs/promises";
import { extname, join, resolve, normalize } from "node:path";
import { chromium } from "playwright-core";

const root = resolve(process.argv[2] ?? "book");
const shots = resolve("target/screenshots");
const types = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png",
  ".gif": "image/gif", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff",
  ".ttf": "font/ttf", ".json": "application/json", ".txt": "text/plain", ".ico": "image/x-icon",
};

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
  const file = join(root, path.endsWith("/") ? path + "index.html" : path);
  try {
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end("not found");
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const base = `http://127.0.0.1:${server.address().port}`;

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
await mkdir(shots, { recursive: true });

const pages = (await readdir(root)).filter((f) => f.endsWith(".html") && !["print.html", "toc.html", "404.html"].includes(f)).sort();
const failures = [];
const blocked = new Set();
let checked = 0;

for (const name of pages) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors = [];
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) return route.continue();
    blocked.add(url);
    return route.abort();
  });
  const fail = (what) => failures.push(`${name}: ${what}`);
  const response = await page.goto(`${base}/${name}`, { waitUntil: "load" });
  if (!response || response.status() !== 200) fail(`HTTP ${response?.status()}`);
  const images = await page.$$eval("main img", (imgs) => imgs.map((i) => ({ src: i.getAttribute("src"), ok: i.complete && i.naturalWidth > 0 })));
  for (const img of images.filter((i) => !i.ok)) fail(`image did not load: ${img.src}`);
  const rawTex = await page.$eval("main", (m) => {
    const text = m.innerText;
    return ["$$", "\\(", "\\[", "\\begin{", "\\frac", "\\sum"].filter((t) => text.includes(t) && !m.querySelector("pre")?.innerText.includes(t));
  });
  for (const t of rawTex) fail(`raw TeX left in the text: ${t}`);
  const mathInSource = (await readFile(join(root, name), "utf8")).includes("<math");
  if (mathInSource) {
    const rendered = await page.$$eval("math", (ms) => ms.every((m) => m.getBoundingClientRect().height > 0));
    if (!rendered) fail("a formula has no size: MathML not rendered");
    const mathFont = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "TeX Gyre DejaVu Math"');
    });
    if (!mathFont) fail("the bundled math font did not load");
  }
  const unhighlighted = await page.$$eval("main pre code", (codes) =>
    codes.filter((c) => !c.classList.contains("hljs") && !c.querySelector("span")).length);
  if (unhighlighted > 0) fail(`${unhighlighted} code block(s) not highlighted`);
  for (const e of errors) fail(`console error: ${e}`);
  await page.screenshot({ path: join(shots, name.replace(".html", ".png")), fullPage: true });
  await page.close();
  checked += 1;
}

// The search box finds "broadcast".
{
  const page = await browser.newPage();
  await page.route("**/*", (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
  await page.goto(`${base}/index.html`, { waitUntil: "load" });
  await page.click("#mdbook-search-toggle");
  // mdBook searches on key events, so type the word key by key.
  await page.locator("#mdbook-searchbar").pressSequentially("broadcast", { delay: 30 });
  await page.waitForSelector("#mdbook-searchresults li", { timeout: 10000 }).catch(() => {});
  const hits = await page.$$eval("#mdbook-searchresults li", (lis) => lis.length);
  if (hits === 0) failures.push("search: no result for \"broadcast\"");
  await page.close();
}

await browser.close();
server.close();

if (blocked.size > 0) console.log(`blocked ${blocked.size} external request(s):\n  ${[...blocked].join("\n  ")}`);
console.log(`screenshots in ${shots}`);
if (failures.length > 0) {
  console.log(failures.map((f) => `FAIL ${f}`).join("\n"));
  console.log(`browser: ${checked} passed, ${failures.length} failed`);
  process.exit(1);
}
console.log(`browser: ${checked} passed, 0 failed`);
