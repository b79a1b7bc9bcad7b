// Opens every page of the built book (book/) in headless Chromium and checks what a reader sees.
//
// Always enforced, on every chapter page:
//   - the page loads (HTTP 200) and logs no console errors; every image has loaded;
//   - every formula is typeset (no raw TeX left, every MathML formula has a size), and the bundled
//     math font (a WOFF2 subset made by tests/browser/subset-math-font.py) loads and draws every
//     character of every formula (Chromium reports no fallback font);
//   - code blocks are highlighted; the search box finds "broadcast".
// Enforced by default (FLAG=0 makes one report-only):
//   - BROWSER_REQUIRE_PHONE:    at a 360 px phone width the page does not scroll sideways; text,
//                               images and tables fit the column (code blocks and wide tables may
//                               scroll inside their own box); display math is not clipped;
//   - BROWSER_REQUIRE_A11Y:     axe-core (pinned in package-lock.json, loaded from node_modules, no
//                               network) finds no serious or critical violation, in the light theme
//                               and in the navy (dark) theme;
//   - BROWSER_REQUIRE_PRINT:    print.html, printed: every table keeps all its columns, code wraps,
//                               exercise solutions are shown.
//   - BROWSER_REQUIRE_FIT:      at a 1200 px window no code block and no table is wider than the
//                               content column (neither spilling out nor scrolling inside);
//   - BROWSER_REQUIRE_WEIGHT:   every page weighs under 500 KB with everything it loads (text files
//                               counted gzip-compressed as a static server sends them, images and
//                               fonts as stored), except the search index that loads on demand;
//   - BROWSER_REQUIRE_CAPTIONS: every image of a page is inside a <figure> with a <figcaption>, and
//                               every <figure> has a non-empty caption;
//   - BROWSER_REQUIRE_RUN:      every playable block (mdBook's .playground) shows its Run button,
//                               which mdBook shows once the Playground's crate list names every
//                               crate the block uses.
// BROWSER_REQUIRE_ALL=1 turns every flag on.
// Requests to anything but the local server are blocked: the book must work offline. The one
// exception is answered, not fetched: mdBook asks the Playground for its crate list when a page
// has playable blocks; the test answers from tests/browser/playground-crates.json (the crates of
// the list the book's blocks use), as the Playground would. Screenshots
// go to target/screenshots/ (and navy/, phone/ with BROWSER_SCREENSHOTS=all). A summary table is
// printed at the end.
//
// Usage: node tests/browser/check.mjs [BOOK_DIR]      (run by scripts/browser-test.sh)
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { readFile, mkdir, readdir, stat } from "node:fs/promises";
import { extname, join, resolve, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const root = resolve(process.argv[2] ?? "book");
const shots = resolve("target/screenshots");

const WEIGHT_LIMIT_KB = 500;
const DESKTOP = { width: 1200, height: 900 };
const PHONE = { width: 360, height: 800 };
const DARK_THEME = "navy";
const MATH_FONT = "TeX Gyre DejaVu Math";

const flag = (name, fallback) => {
  const value = process.env[name];
  if (value === "0") return false;
  if (value === "1" || process.env.BROWSER_REQUIRE_ALL === "1") return true;
  return fallback;
};
// Which findings fail the test; the others are reported as notes.
const REQUIRE = {
  load: true,
  math: true,
  highlight: true,
  search: true,
  phone: flag("BROWSER_REQUIRE_PHONE", true),
  a11y: flag("BROWSER_REQUIRE_A11Y", true),
  print: flag("BROWSER_REQUIRE_PRINT", true),
  fit: flag("BROWSER_REQUIRE_FIT", true),
  weight: flag("BROWSER_REQUIRE_WEIGHT", true),
  captions: flag("BROWSER_REQUIRE_CAPTIONS", true),
  run: flag("BROWSER_REQUIRE_RUN", true),
};
const FLAG_NAME = {
  fit: "BROWSER_REQUIRE_FIT", weight: "BROWSER_REQUIRE_WEIGHT", captions: "BROWSER_REQUIRE_CAPTIONS",
  run: "BROWSER_REQUIRE_RUN", phone: "BROWSER_REQUIRE_PHONE", a11y: "BROWSER_REQUIRE_A11Y", print: "BROWSER_REQUIRE_PRINT",
};

const types = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".png": "image/png",
  ".gif": "image/gif", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff",
  ".ttf": "font/ttf", ".otf": "font/otf", ".json": "application/json", ".txt": "text/plain",
  ".ico": "image/x-icon", ".webp": "image/webp", ".jpg": "image/jpeg",
};
// Files a static web server sends gzip-compressed; everything else (images, fonts) goes as stored.
const compressed = new Set([".html", ".js", ".css", ".svg", ".json", ".txt", ".ico"]);

const fileFor = (url) => {
  const path = normalize(decodeURIComponent(new URL(url, "http://x").pathname));
  return join(root, path.endsWith("/") ? path + "index.html" : path);
};

const server = createServer(async (req, res) => {
  const file = fileFor(req.url);
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

// Bytes a reader downloads for one file: gzip size for text, stored size for the rest.
const transferCache = new Map();
async function transferSize(url) {
  if (!transferCache.has(url)) {
    const file = fileFor(url);
    let size = 0;
    try {
      size = compressed.has(extname(file))
        ? gzipSync(await readFile(file), { level: 6 }).length
        : (await stat(file)).size;
    } catch { /* a missing file is reported by the page's own checks */ }
    transferCache.set(url, size);
  }
  return transferCache.get(url);
}
const isSearchIndex = (url) => /\/searchindex[^/]*\.(js|json)$/.test(new URL(url).pathname);

// mdBook's request for the Playground's crate list, and the answer the test gives it.
const PLAYGROUND_CRATES = "https://play.rust-lang.org/meta/crates";
const playgroundCrates = await readFile(new URL("playground-crates.json", import.meta.url), "utf8");

const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const axeVersion = JSON.parse(await readFile(require.resolve("axe-core/package.json"), "utf8")).version;

const executablePath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
// Screenshots of every page at 1200 px; with BROWSER_SCREENSHOTS=all also in navy and at phone width.
const allShots = process.env.BROWSER_SCREENSHOTS === "all";
for (const dir of allShots ? ["", "navy", "phone"] : [""]) await mkdir(join(shots, dir), { recursive: true });

const pages = (await readdir(root))
  .filter((f) => f.endsWith(".html") && !["print.html", "toc.html", "404.html"].includes(f))
  .sort();
const failures = [];
const notes = [];
const blocked = new Set();
const rows = [];
const axeRules = new Map(); // rule id -> { impact, help, nodes, pages: Set }

// Records a finding: a failure if its check is enforced, a note otherwise.
function report(check, where, what) {
  (REQUIRE[check] ? failures : notes).push(`[${check}] ${where}: ${what}`);
}

// Opens one page in a fresh context (theme and viewport), with the network blocked and every
// local request recorded.
async function open(name, { viewport, theme, media }) {
  const context = await browser.newContext({ viewport });
  if (theme) {
    await context.addInitScript((t) => { try { localStorage.setItem("mdbook-theme", t); } catch {} }, theme);
  }
  // Marks when mdBook has handled the Playground's crate list: a wrapper around fetch whose
  // own handler runs after mdBook's (registered in the same tick, then one task later), so the
  // Run-button check waits for exactly that instead of a fixed delay.
  await context.addInitScript((cratesUrl) => {
    const fetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const answer = fetch(input, init);
      if (String(input) === cratesUrl) {
        answer
          .then((r) => r.clone().json())
          .then(() => new Promise((done) => setTimeout(done, 0)))
          .finally(() => { window.__playgroundCratesHandled = true; });
      }
      return answer;
    };
  }, PLAYGROUND_CRATES);
  const page = await context.newPage();
  if (media) await page.emulateMedia({ media });
  const errors = [];
  const requested = new Set();
  page.on("console", (msg) => { if (msg.type() === "error") errors.push(msg.text()); });
  page.on("pageerror", (err) => errors.push(String(err)));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(base)) {
      requested.add(url.split("#")[0]);
      return route.continue();
    }
    if (url === PLAYGROUND_CRATES) {
      return route.fulfill({
        status: 200,
        contentType: "application/json",
        headers: { "access-control-allow-origin": "*", "access-control-allow-headers": "content-type" },
        body: playgroundCrates,
      });
    }
    blocked.add(url);
    return route.abort();
  });
  const response = await page.goto(`${base}/${name}`, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForLoadState("networkidle").catch(() => {});
  return { context, page, response, errors, requested };
}

// The math token elements (mi, mo, mn, mtext) drawn at least partly with a font other than the
// bundled math font, as Chromium reports them (CSS.getPlatformFontsForNode).
async function mathFallbacks(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("DOM.enable");
  await cdp.send("CSS.enable");
  const { root: doc } = await cdp.send("DOM.getDocument", { depth: 0 });
  const selector = "math mi, math mo, math mn, math mtext";
  const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: doc.nodeId, selector });
  const texts = await page.$$eval(selector, (els) => els.map((e) => e.textContent));
  const found = new Map();
  for (const [i, nodeId] of nodeIds.entries()) {
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    const others = fonts.filter((f) => f.familyName !== MATH_FONT);
    if (others.length > 0 && !found.has(texts[i])) {
      found.set(texts[i], others.map((f) => f.familyName).join(", "));
    }
  }
  await cdp.detach();
  return [...found].map(([text, fonts]) => ({ text, fonts }));
}

async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      }));
  });
}

function recordAxe(name, theme, violations) {
  for (const v of violations) {
    const rule = axeRules.get(v.id) ?? { impact: v.impact, help: v.help, nodes: 0, pages: new Set() };
    rule.nodes += v.nodes;
    rule.pages.add(`${name} (${theme})`);
    axeRules.set(v.id, rule);
    report("a11y", `${name} (${theme})`, `${v.impact} ${v.id}: ${v.help}; ${v.nodes} element(s), e.g. ${v.targets.join(" | ")}`);
  }
  return violations.reduce((n, v) => n + v.nodes, 0);
}

// Code blocks (pre) and tables wider than main's content box, or scrolling inside their own box.
// Runs in the page.
function measureFit() {
  const main = document.querySelector("main");
  const style = getComputedStyle(main);
  const box = main.getBoundingClientRect();
  const left = box.left + parseFloat(style.paddingLeft) + parseFloat(style.borderLeftWidth);
  const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  const hidden = (el) => Math.max(0, el.scrollWidth - el.clientWidth);
  const spill = (el) => {
    const r = el.getBoundingClientRect();
    return Math.max(0, r.right - right, left - r.left);
  };
  const out = [];
  [...main.querySelectorAll("pre")].forEach((pre, i) => {
    const code = pre.querySelector(":scope > code") ?? pre;
    const px = Math.ceil(Math.max(hidden(pre), hidden(code), spill(pre)));
    if (px > 1) {
      // The first line a reader sees (mdBook hides the "boring" # lines).
      const first = code.innerText.split("\n").find((l) => l.trim() !== "") ?? "";
      out.push({ kind: "code block", index: i + 1, px, text: first.trim().slice(0, 70) });
    }
  });
  [...main.querySelectorAll("table")].forEach((table, i) => {
    const wrapper = table.parentElement.classList.contains("table-wrapper") ? table.parentElement : table;
    const px = Math.ceil(Math.max(hidden(wrapper), hidden(table), spill(table), spill(wrapper)));
    if (px > 1) {
      const head = [...table.querySelectorAll("tr:first-child > *")].map((c) => c.textContent.trim()).join(" | ");
      out.push({ kind: "table", index: i + 1, px, text: `${Math.ceil(table.getBoundingClientRect().width)} px wide; ${head.slice(0, 60)}` });
    }
  });
  return { column: Math.round(right - left), out };
}

// At phone width: the page does not scroll sideways, every element of main (outside scroll boxes)
// stays inside main's box, display math is reachable (not clipped). Runs in the page.
function measurePhone() {
  const main = document.querySelector("main");
  const box = main.getBoundingClientRect();
  const problems = [];
  const doc = document.scrollingElement ?? document.documentElement;
  const pageScroll = Math.max(doc.scrollWidth, document.body.scrollWidth) - window.innerWidth;
  if (pageScroll > 1) problems.push(`the page is ${pageScroll} px wider than the ${window.innerWidth} px window`);
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const describe = (el) => {
    const text = (el.getAttribute("alt") ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
    return `<${el.tagName.toLowerCase()}> "${text}"`;
  };
  if (box.right > window.innerWidth + 1 || box.left < -1) {
    problems.push(`main spans ${Math.round(box.left)}..${Math.round(box.right)} px in a ${window.innerWidth} px window`);
  }
  let reported = 0;
  // Depth first; an element that sticks out is reported without its subtree, and the content of
  // a scroll box that fits (a code block, a wide table's wrapper, a display formula) may scroll.
  const visit = (parent) => {
    for (const el of parent.children) {
      if (el.classList.contains("img-wrapper")) continue; // mdBook's hidden zoomed copy
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      const over = Math.ceil(Math.max(r.right - box.right, box.left - r.left));
      if (over > 1) {
        if (reported < 20) problems.push(`${describe(el)} sticks out of the column by ${over} px`);
        reported += 1;
      } else if (!scrolls(el) && el.tagName !== "PRE") {
        visit(el);
      }
    }
  };
  visit(main);
  if (reported > 20) problems.push(`… and ${reported - 20} more element(s) outside the column`);
  problems.push(...checkDisplayMath(main));
  return problems;

  function checkDisplayMath(container) {
    const found = [];
    container.querySelectorAll('math[display="block"]').forEach((m, i) => {
      // The formula's drawn content (a centred formula wider than its box overflows both ways).
      const parts = [m, ...m.children].map((e) => e.getBoundingClientRect());
      const r = { left: Math.min(...parts.map((p) => p.left)), right: Math.max(...parts.map((p) => p.right)) };
      let scroller = m.parentElement;
      while (scroller && scroller !== container && !scrolls(scroller)) scroller = scroller.parentElement;
      const inBox = scroller && scroller !== container;
      const c = inBox ? scroller : container;
      const cr = c.getBoundingClientRect();
      const left = Math.ceil(cr.left - r.left + (inBox ? c.scrollLeft : 0));
      const right = Math.ceil(r.right - cr.right);
      if (left > 1) found.push(`display formula ${i + 1} is cut off by ${left} px on the left`);
      if (right > 1 && !inBox) found.push(`display formula ${i + 1} is cut off by ${right} px (no scroll box around it)`);
      if (inBox && c.scrollHeight - c.clientHeight > 1) {
        found.push(`display formula ${i + 1} is cut vertically by ${c.scrollHeight - c.clientHeight} px`);
      }
    });
    return found;
  }
}

// Every image inside a <figure> with a non-empty <figcaption>; every <figure> captioned.
function measureCaptions() {
  const out = [];
  const caption = (fig) => fig?.querySelector(":scope > figcaption")?.textContent.trim();
  const imgs = [...document.querySelectorAll("main img")].filter((img) => !img.closest(".img-wrapper"));
  for (const img of imgs) {
    const fig = img.closest("figure");
    if (!fig) out.push(`image not in a <figure>: ${img.getAttribute("src")}`);
    else if (!caption(fig)) out.push(`figure without a caption: ${img.getAttribute("src")}`);
  }
  for (const fig of document.querySelectorAll("main figure")) {
    if (!fig.querySelector("img") && !caption(fig)) out.push(`<figure id="${fig.id}"> without a caption`);
  }
  return { images: imgs.length, out };
}

for (const name of pages) {
  const row = { page: name, kb: 0, fit: 0, phone: 0, light: 0, dark: 0, images: 0, uncaptioned: 0, playable: 0 };
  const requested = new Set();

  // Desktop, light theme: the reader's checks, fit, accessibility, captions.
  {
    const { context, page, response, errors, requested: r } = await open(name, { viewport: DESKTOP });
    r.forEach((u) => requested.add(u));
    if (!response || response.status() !== 200) report("load", name, `HTTP ${response?.status()}`);
    const images = await page.$$eval("main img", (imgs) => imgs.map((i) => ({ src: i.getAttribute("src"), ok: i.complete && i.naturalWidth > 0 })));
    for (const img of images.filter((i) => !i.ok)) report("load", name, `image did not load: ${img.src}`);
    const rawTex = await page.$eval("main", (m) => {
      const text = m.innerText;
      return ["$$", "\\(", "\\[", "\\begin{", "\\frac", "\\sum"].filter((t) => text.includes(t) && !m.querySelector("pre")?.innerText.includes(t));
    });
    for (const t of rawTex) report("math", name, `raw TeX left in the text: ${t}`);
    const mathInSource = (await readFile(join(root, name), "utf8")).includes("<math");
    if (mathInSource) {
      const rendered = await page.$$eval("math", (ms) => ms.every((m) => m.getBoundingClientRect().height > 0));
      if (!rendered) report("math", name, "a formula has no size: MathML not rendered");
      const font = await page.evaluate(async (family) => {
        await document.fonts.ready;
        const face = [...document.fonts].find((f) => f.family.replace(/"/g, "") === family);
        return { status: face?.status ?? "missing", check: document.fonts.check(`16px "${family}"`) };
      }, MATH_FONT);
      if (font.status !== "loaded" || !font.check) report("math", name, `the bundled math font did not load (${font.status})`);
      const fontUrls = [...r].filter((u) => /texgyre/i.test(u));
      if (!fontUrls.some((u) => u.endsWith(".woff2"))) report("math", name, `the math font was not loaded as WOFF2 (${fontUrls.join(", ") || "not requested"})`);
      // Which fonts really drew each formula's characters (Chromium's own answer, over CDP):
      // a character the subset lacks falls back to another font.
      const fallbacks = await mathFallbacks(context, page);
      for (const f of fallbacks) {
        report("math", name, `"${f.text}" is drawn with ${f.fonts} instead of ${MATH_FONT}: the font subset lacks it; rebuild it with tests/browser/subset-math-font.py`);
      }
    }
    const unhighlighted = await page.$$eval("main pre code", (codes) =>
      codes.filter((c) => !c.classList.contains("hljs") && !c.querySelector("span")).length);
    if (unhighlighted > 0) report("highlight", name, `${unhighlighted} code block(s) not highlighted`);

    const fit = await page.evaluate(measureFit);
    row.fit = fit.out.length;
    for (const o of fit.out) {
      report("fit", name, `${o.kind} ${o.index} is ${o.px} px wider than the ${fit.column} px column: ${o.text}`);
    }
    const desktopMath = (await page.evaluate(measurePhone)).filter((p) => p.startsWith("display formula"));
    for (const p of desktopMath) report("fit", name, `at ${DESKTOP.width} px: ${p}`);

    // Playable blocks: each shows its Run button once mdBook has the crate list.
    const playable = await page.$$eval("main pre.playground", (pres) => pres.length);
    if (playable > 0) {
      await page.waitForFunction(() => [...document.querySelectorAll("main pre.playground")]
        .every((pre) => pre.querySelector(".play-button")), null, { timeout: 10000 }).catch(() => {});
      // mdBook hides a button when the list lacks a crate: wait until it has read the list.
      const handled = await page.waitForFunction(() => window.__playgroundCratesHandled === true,
        null, { timeout: 10000 }).then(() => true, () => false);
      if (!handled) report("run", name, "mdBook never handled the Playground's crate list");
      const hidden = await page.$$eval("main pre.playground", (pres) => pres
        .filter((pre) => { const b = pre.querySelector(".play-button"); return !b || b.classList.contains("hidden") || b.offsetParent === null; })
        .map((pre) => pre.innerText.split("\n").find((l) => l.trim() !== "")?.trim().slice(0, 60) ?? ""));
      for (const h of hidden) report("run", name, `a playable block shows no Run button: ${h}`);
    }
    row.playable = playable;

    const captions = await page.evaluate(measureCaptions);
    row.images = captions.images;
    row.uncaptioned = captions.out.length;
    for (const c of captions.out) report("captions", name, c);

    row.light = recordAxe(name, "light", await runAxe(page));
    for (const e of errors) report("load", name, `console error: ${e}`);
    await page.screenshot({ path: join(shots, name.replace(".html", ".png")), fullPage: true });
    await context.close();
  }

  // Desktop, dark theme: accessibility (contrast) again.
  {
    const { context, page, errors, requested: r } = await open(name, { viewport: DESKTOP, theme: DARK_THEME });
    r.forEach((u) => requested.add(u));
    const theme = await page.evaluate(() => document.documentElement.className);
    if (!theme.split(/\s+/).includes("navy")) report("a11y", name, `the ${DARK_THEME} theme did not apply (html class "${theme}")`);
    row.dark = recordAxe(name, DARK_THEME, await runAxe(page));
    for (const e of errors) report("load", `${name} (${DARK_THEME})`, `console error: ${e}`);
    if (allShots) await page.screenshot({ path: join(shots, "navy", name.replace(".html", ".png")), fullPage: true });
    await context.close();
  }

  // Phone width.
  {
    const { context, page, errors, requested: r } = await open(name, { viewport: PHONE });
    r.forEach((u) => requested.add(u));
    const problems = await page.evaluate(measurePhone);
    row.phone = problems.length;
    for (const p of problems) report("phone", name, `at ${PHONE.width} px: ${p}`);
    for (const e of errors) report("load", `${name} (phone)`, `console error: ${e}`);
    if (allShots) await page.screenshot({ path: join(shots, "phone", name.replace(".html", ".png")), fullPage: true });
    await context.close();
  }

  // Page weight: everything the three loads fetched, except the on-demand search index.
  const files = [];
  for (const url of requested) {
    if (isSearchIndex(url)) continue;
    files.push({ url: url.slice(base.length + 1), bytes: await transferSize(url) });
  }
  const total = files.reduce((n, f) => n + f.bytes, 0);
  row.kb = Math.round(total / 1024);
  row.files = files.length;
  if (total > WEIGHT_LIMIT_KB * 1024) {
    const biggest = files.sort((a, b) => b.bytes - a.bytes).slice(0, 4).map((f) => `${f.url} ${Math.round(f.bytes / 1024)} KB`).join(", ");
    report("weight", name, `weighs ${row.kb} KB (limit ${WEIGHT_LIMIT_KB} KB); largest: ${biggest}`);
  }
  rows.push(row);
}

// The search box finds "broadcast" (and only then loads the search index).
{
  const { context, page } = await open("index.html", { viewport: DESKTOP });
  await page.click("#mdbook-search-toggle");
  // mdBook searches on key events, so type the word key by key.
  await page.locator("#mdbook-searchbar").pressSequentially("broadcast", { delay: 30 });
  await page.waitForSelector("#mdbook-searchresults li", { timeout: 10000 }).catch(() => {});
  const hits = await page.$$eval("#mdbook-searchresults li", (lis) => lis.length);
  if (hits === 0) report("search", "search", "no result for \"broadcast\"");
  await context.close();
}

// Printing (print.html, the whole book on one page): every table keeps all its columns (nothing
// hidden in a scroll box, nothing past the page edge), code wraps, exercise solutions are shown.
{
  const { context, page } = await open("print.html", { viewport: { width: 720, height: 1000 }, media: "print" });
  const problems = await page.evaluate(() => {
    const out = [];
    const main = document.querySelector("main");
    const right = main.getBoundingClientRect().right;
    document.querySelectorAll("main table").forEach((t, i) => {
      const w = t.parentElement.classList.contains("table-wrapper") ? t.parentElement : t;
      const px = Math.ceil(Math.max(w.scrollWidth - w.clientWidth, t.getBoundingClientRect().right - right));
      if (px > 1) out.push(`table ${i + 1} loses ${px} px of its columns`);
    });
    document.querySelectorAll("main pre").forEach((p, i) => {
      const c = p.querySelector("code") ?? p;
      const px = Math.ceil(Math.max(c.scrollWidth - c.clientWidth, p.getBoundingClientRect().right - right));
      if (px > 1) out.push(`code block ${i + 1} is cut by ${px} px: ${c.textContent.trim().split("\n")[0].slice(0, 60)}`);
    });
    document.querySelectorAll("main details").forEach((d, i) => {
      const body = [...d.children].filter((c) => c.tagName !== "SUMMARY");
      if (body.length > 0 && !body.some((c) => c.checkVisibility() && c.getBoundingClientRect().height > 0)) {
        out.push(`solution ${i + 1} (<details>) is not printed`);
      }
    });
    return out;
  });
  for (const p of problems) report("print", "print.html (print)", p);
  await context.close();
}

await browser.close();
server.close();

if (blocked.size > 0) console.log(`blocked ${blocked.size} external request(s):\n  ${[...blocked].join("\n  ")}`);
console.log(allShots
  ? `screenshots in ${shots} (1200 px), ${join(shots, "navy")}, ${join(shots, "phone")}`
  : `screenshots in ${shots} (BROWSER_SCREENSHOTS=all adds navy/ and phone/)`);

// Summary.
const table = [["page", "KB", `too wide @${DESKTOP.width}`, `phone @${PHONE.width}`, "axe light", `axe ${DARK_THEME}`, "images", "uncaptioned", "Run buttons"]];
for (const r of rows) table.push([r.page, String(r.kb), String(r.fit), String(r.phone), String(r.light), String(r.dark), String(r.images), String(r.uncaptioned), String(r.playable)]);
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
console.log("");
for (const [i, r] of table.entries()) {
  console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join("  "));
  if (i === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
}
console.log(`(KB: gzip for text, as stored for images and fonts, search index excluded; limit ${WEIGHT_LIMIT_KB} KB. axe-core ${axeVersion}: serious + critical elements.)`);
if (axeRules.size > 0) {
  console.log("accessibility violations by rule:");
  for (const [id, r] of axeRules) console.log(`  ${id} (${r.impact}): ${r.nodes} element(s) on ${r.pages.size} page view(s) — ${r.help}`);
}
const mode = Object.entries(FLAG_NAME).map(([k, f]) => `${f}=${REQUIRE[k] ? 1 : 0}`).join(" ");
console.log(`enforced: ${mode}`);
if (notes.length > 0) {
  console.log(`\n${notes.length} report-only finding(s) (not failing; set the flag to 1 to enforce):`);
  console.log(notes.map((n) => `note ${n}`).join("\n"));
}
if (failures.length > 0) {
  console.log(`\n${failures.map((f) => `FAIL ${f}`).join("\n")}`);
  console.log(`browser: ${pages.length} pages, ${failures.length} failure(s)`);
  process.exit(1);
}
console.log(`browser: ${pages.length} pages passed, 0 failures`);
