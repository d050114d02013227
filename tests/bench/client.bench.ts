// What the browser downloads and how the page settles, on a phone-sized screen.
//   npx tsx tests/bench/client.bench.ts                          (2,000 demo engagements, 3 Lighthouse runs a page)
//   npx tsx tests/bench/client.bench.ts --engagements 5000 --lighthouse-runs 1
// Needs a build (`npm run build`, or BUILD_DIR); builds nothing itself. Fills a temporary database with
// `npm run seed:demo`, starts the real server on it, signs in as the demo manager, and for each page loads it
// in a fresh Chromium context (empty cache, mobile viewport) and prints:
// - JavaScript: the scripts' bytes as gzip makes them (gzipped here, at the level the server's compression
//   uses, so the figure does not depend on what the server sends) and as they came over the wire;
// - requests: every request the page made until the network was quiet;
// - CLS: cumulative layout shift, the largest session window of layout-shift entries (as web-vitals counts it);
// - Lighthouse's mobile performance score (its default: Moto G Power, simulated slow 4G and 4x slower CPU) for
//   the dashboard and the engagement form, the median of a few runs, with the metrics behind it.
// Prints figures; asserts nothing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { chromium, type Browser } from "playwright-core";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../seeds/demo";
import { chooseChromium } from "../support/browser";
import { ROOT, TMP } from "../support/paths";
import { startServer } from "../support/server";

/** A mid-range phone, as Lighthouse's mobile emulation (Moto G Power): 412 × 823 CSS pixels. */
const MOBILE = {
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  hasTouch: true,
  userAgent:
    "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36",
  locale: "en-GB",
};

type PageToMeasure = { label: string; path: string; signedIn: boolean; lighthouse: boolean };

type Figures = { jsGzip: number; jsWire: number; jsFiles: number; requests: number; cls: number; status: number };

/** Sums the layout shifts of the page into session windows (gaps under 1 s, at most 5 s long) and keeps the largest, as CLS is defined. */
const OBSERVE_LAYOUT_SHIFTS = `
  window.__cls = 0;
  (() => {
    let windowValue = 0, windowStart = 0, last = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (entry.hadRecentInput) continue;
        if (windowValue && entry.startTime - last < 1000 && entry.startTime - windowStart < 5000) windowValue += entry.value;
        else { windowValue = entry.value; windowStart = entry.startTime; }
        last = entry.startTime;
        window.__cls = Math.max(window.__cls, windowValue);
      }
    }).observe({ type: "layout-shift", buffered: true });
  })();
`;

async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email, password }),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("tracker_session="));
  if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(";")[0];
}

async function measurePage(browser: Browser, url: string, cookie: string | null): Promise<Figures> {
  const context = await browser.newContext(MOBILE);
  try {
    if (cookie) {
      const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
      await context.addCookies([{ name, value, url }]);
    }
    await context.addInitScript(OBSERVE_LAYOUT_SHIFTS);
    const page = await context.newPage();
    const scripts: Promise<{ gzip: number; wire: number }>[] = [];
    let requests = 0;
    page.on("request", () => requests++);
    page.on("response", (response) => {
      const type = response.headers()["content-type"] ?? "";
      if (!/javascript/.test(type)) return;
      scripts.push(
        (async () => {
          const [body, sizes] = await Promise.all([response.body(), response.request().sizes()]);
          return { gzip: gzipSync(body).length, wire: sizes.responseBodySize };
        })(),
      );
    });
    const response = await page.goto(url, { waitUntil: "networkidle" });
    const cls = (await page.evaluate("window.__cls")) as number;
    const sizes = await Promise.all(scripts);
    return {
      jsGzip: sizes.reduce((s, x) => s + x.gzip, 0),
      jsWire: sizes.reduce((s, x) => s + x.wire, 0),
      jsFiles: sizes.length,
      requests,
      cls,
      status: response?.status() ?? 0,
    };
  } finally {
    await context.close();
  }
}

type LighthouseFigures = { score: number; fcp: number; lcp: number; tbt: number; cls: number; si: number };

async function lighthouseRun(url: string, cookie: string, chromePath: string): Promise<LighthouseFigures> {
  const { default: lighthouse } = await import("lighthouse");
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance"],
      extraHeaders: { Cookie: cookie },
    });
    if (!result) throw new Error("Lighthouse gave no result");
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const metric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
    return {
      score: Math.round((lhr.categories.performance.score ?? 0) * 100),
      fcp: metric("first-contentful-paint"),
      lcp: metric("largest-contentful-paint"),
      tbt: metric("total-blocking-time"),
      cls: metric("cumulative-layout-shift"),
      si: metric("speed-index"),
    };
  } finally {
    await chrome.kill();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function printTable(header: string[], rows: string[][], leftColumns = 1) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= leftColumns ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

export async function main(argv: string[] = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: { engagements: { type: "string", default: "2000" }, "lighthouse-runs": { type: "string", default: "3" } },
  });
  const engagements = Number(values.engagements);
  const lighthouseRuns = Number(values["lighthouse-runs"]);
  const buildDir = path.resolve(ROOT, process.env.BUILD_DIR || "build");
  if (!existsSync(path.join(buildDir, "server/index.js"))) throw new Error(`No build in ${buildDir}: run \`npm run build\` first.`);
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, "bench-client-"));
  const databasePath = path.join(dir, "tracker.db");
  try {
    console.log(`Filling a database with ${engagements.toLocaleString("en-GB")} demo engagements (npm run seed:demo)…`);
    const seeded = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "scripts/seed-demo.ts", "--engagements", String(engagements)],
      { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath }, encoding: "utf8" },
    );
    if (seeded.status !== 0) throw new Error(`seed:demo failed:\n${seeded.stderr}${seeded.stdout}`);
    const sqlite = new Database(databasePath, { readonly: true });
    // A held meeting with commitments: a full engagement page and edit form.
    const { id: engagementId } = sqlite
      .prepare(
        `SELECT e.id FROM engagements e JOIN actions a ON a.engagement_id = e.id
         WHERE e.archived_at IS NULL AND e.status = 'held' GROUP BY e.id ORDER BY count(*) DESC, e.id LIMIT 1`,
      )
      .get() as { id: number };
    sqlite.close();

    const pages: PageToMeasure[] = [
      { label: "sign-in", path: "/login", signedIn: false, lighthouse: false },
      { label: "dashboard", path: "/", signedIn: true, lighthouse: true },
      { label: "engagement form (new)", path: "/engagements/new", signedIn: true, lighthouse: true },
      { label: "engagement form (edit)", path: `/engagements/${engagementId}/edit`, signedIn: true, lighthouse: true },
      { label: "engagement page", path: `/engagements/${engagementId}`, signedIn: true, lighthouse: false },
      { label: "actions register", path: "/actions", signedIn: true, lighthouse: false },
    ];

    const server = await startServer({}, { databasePath });
    try {
      const manager = DEMO_STAFF.find((s) => s.role === "manager")!;
      const cookie = await signIn(server.baseUrl, manager.email, DEMO_PASSWORD);
      const { executablePath } = await chooseChromium();
      const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
      const rows: string[][] = [];
      try {
        for (const page of pages) {
          const url = server.baseUrl + page.path;
          await measurePage(browser, url, page.signedIn ? cookie : null); // warm the server, not the browser (each load has an empty cache)
          const f = await measurePage(browser, url, page.signedIn ? cookie : null);
          if (f.status !== 200) throw new Error(`${page.path} answered ${f.status}`);
          rows.push([page.label, page.path, kb(f.jsGzip), kb(f.jsWire), String(f.jsFiles), String(f.requests), f.cls.toFixed(3)]);
        }
      } finally {
        await browser.close();
      }
      console.log(
        `\nEach page loaded once in a fresh Chromium context (empty cache, ${MOBILE.viewport.width}×${MOBILE.viewport.height} mobile), as the demo manager:`,
      );
      printTable(["page", "path", "JS gzipped", "JS on the wire", "JS files", "requests", "CLS"], rows, 2);

      if (lighthouseRuns > 0) {
        const lighthouseRows: string[][] = [];
        for (const page of pages.filter((p) => p.lighthouse)) {
          const runs: LighthouseFigures[] = [];
          for (let i = 0; i < lighthouseRuns; i++) runs.push(await lighthouseRun(server.baseUrl + page.path, cookie, executablePath));
          const m = (key: keyof LighthouseFigures) => median(runs.map((r) => r[key]));
          lighthouseRows.push([
            page.label,
            String(m("score")),
            runs.map((r) => r.score).join(" "),
            `${(m("fcp") / 1000).toFixed(1)} s`,
            `${(m("lcp") / 1000).toFixed(1)} s`,
            `${Math.round(m("tbt"))} ms`,
            m("cls").toFixed(3),
            `${(m("si") / 1000).toFixed(1)} s`,
          ]);
        }
        console.log(`\nLighthouse mobile performance (median of ${lighthouseRuns}; simulated slow 4G, 4x CPU slowdown):`);
        printTable(["page", "score", "runs", "FCP", "LCP", "TBT", "CLS", "Speed Index"], lighthouseRows);
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
