// What the browser downloads and how the page settles, on a phone-sized screen.
//   npx tsx tests/bench/client.bench.ts                          (2,000 demo engagements, 3 Lighthouse runs a page)
//   npx tsx tests/bench/client.bench.ts --engagements 5000 --lighthouse-runs 1
// Needs a build (`npm run build`, or BUILD_DIR); builds nothing itself. Works on a copy of the demo database
// `npm run bench` made (BENCH_DATABASE), or fills its own with `npm run seed:demo`; starts the real server on it,
// signs in as the demo manager, and for each page loads it in a fresh Chromium context (empty cache, mobile
// viewport and user agent) and prints:
// - JavaScript: the scripts' bytes as gzip makes them (gzipped here, at gzip's default level, so the figure does
//   not depend on what the server sends) and as they came over the wire (the build's brotli copies, which Chromium
//   takes, scripts/compress-assets.js), and whether zod was among them;
// - requests: every request the page made until the network was quiet;
// - CLS: cumulative layout shift, the largest session window of layout-shift entries (as web-vitals counts it),
//   read by a PerformanceObserver (buffered, so it sees shifts from before the page's own scripts) once the page
//   has loaded, the network has been quiet and the page has had a further moment to settle. Measured twice: at
//   full speed, and on a slow phone (Lighthouse's slow 4G and 4x slower CPU, applied for real through the
//   DevTools protocol) where fonts and scripts arrive after the first paint, which is when a page shifts. The
//   largest shifts are listed with the elements that moved, so a figure above zero says what to fix;
// - Lighthouse's mobile performance score (its default: Moto G Power, simulated slow 4G and 4x slower CPU) for
//   the dashboard and the engagement form, the median of a few runs, with the metrics behind it. Its CLS is the
//   page's loaded at full speed (simulated throttling only recomputes timings), a cross-check of the first one.
// Prints figures; asserts nothing.
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { chromium, type Browser } from "playwright-core";
import { DEMO_PASSWORD, DEMO_STAFF } from "../../seeds/demo";
import { chooseChromium } from "../support/browser";
import { ROOT } from "../support/paths";
import { startServer } from "../support/server";
import { benchEngagements, benchTempDir, demoDatabase, signIn } from "./bench-support";

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

/** Lighthouse's mobile throttling (its "slow 4G" and 4x CPU), applied to the page rather than simulated. */
const SLOW_PHONE = {
  latencyMs: 150,
  downloadBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  uploadBytesPerSecond: (750 * 1024) / 8,
  cpuSlowdown: 4,
};

/** How long a page is left after the network goes quiet before its layout shifts are read. */
const SETTLE_MS = 2000;

type PageToMeasure = { label: string; path: string; signedIn: boolean; lighthouse: boolean };

type Shift = { value: number; startTime: number; sources: string[] };
type Load = {
  jsGzip: number;
  jsWire: number;
  jsFiles: number;
  zod: boolean;
  requests: number;
  cls: number;
  shifts: Shift[];
  status: number;
};

/** Keeps every layout shift with the elements that moved (tag#id.class), from the start of the page. */
const OBSERVE_LAYOUT_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      const sources = (entry.sources || []).map((s) => {
        const n = s.node;
        if (!n || n.nodeType !== 1) return n ? n.nodeName : "(removed)";
        return n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.classList.length ? "." + [...n.classList].slice(0, 2).join(".") : "");
      });
      window.__shifts.push({ value: entry.value, startTime: Math.round(entry.startTime), sources });
    }
  }).observe({ type: "layout-shift", buffered: true });
`;

/** The largest session window of shifts (gaps under 1 s, at most 5 s long), as CLS is defined. */
export function cumulativeLayoutShift(shifts: Shift[]): number {
  let cls = 0;
  let windowValue = 0;
  let windowStart = 0;
  let last = 0;
  for (const shift of shifts) {
    if (windowValue && shift.startTime - last < 1000 && shift.startTime - windowStart < 5000) windowValue += shift.value;
    else {
      windowValue = shift.value;
      windowStart = shift.startTime;
    }
    last = shift.startTime;
    cls = Math.max(cls, windowValue);
  }
  return cls;
}

async function loadPage(browser: Browser, url: string, cookie: string | null, slowPhone: boolean): Promise<Load> {
  const context = await browser.newContext(MOBILE);
  try {
    if (cookie) {
      const [name, value] = [cookie.slice(0, cookie.indexOf("=")), cookie.slice(cookie.indexOf("=") + 1)];
      await context.addCookies([{ name, value, url }]);
    }
    await context.addInitScript(OBSERVE_LAYOUT_SHIFTS);
    const page = await context.newPage();
    if (slowPhone) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: SLOW_PHONE.latencyMs,
        downloadThroughput: SLOW_PHONE.downloadBytesPerSecond,
        uploadThroughput: SLOW_PHONE.uploadBytesPerSecond,
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: SLOW_PHONE.cpuSlowdown });
    }
    // Each script's sizes are read as it arrives; a read that fails (the page went on) counts as nothing.
    const scripts: Promise<{ gzip: number; wire: number; zod: boolean }>[] = [];
    let requests = 0;
    page.on("request", () => requests++);
    page.on("response", (response) => {
      const type = response.headers()["content-type"] ?? "";
      if (!/javascript/.test(type)) return;
      scripts.push(
        Promise.all([response.body(), response.request().sizes()]).then(
          ([body, sizes]) => ({ gzip: gzipSync(body).length, wire: sizes.responseBodySize, zod: /\bZodError\b/.test(body.toString()) }),
          () => ({ gzip: 0, wire: 0, zod: false }),
        ),
      );
    });
    const response = await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    await page.waitForLoadState("networkidle", { timeout: 60_000 });
    await page.waitForTimeout(SETTLE_MS);
    const shifts = (await page.evaluate("window.__shifts")) as Shift[];
    const sizes = await Promise.all(scripts);
    return {
      jsGzip: sizes.reduce((s, x) => s + x.gzip, 0),
      jsWire: sizes.reduce((s, x) => s + x.wire, 0),
      jsFiles: sizes.length,
      zod: sizes.some((x) => x.zod),
      requests,
      cls: cumulativeLayoutShift(shifts),
      shifts,
      status: response?.status() ?? 0,
    };
  } finally {
    await context.close();
  }
}

/** `benchmarkIndex`: Lighthouse's measure of this machine's CPU (a desktop it expects is 1,000 or more; below that it warns that the score suffers). */
type LighthouseFigures = { score: number; fcp: number; lcp: number; tbt: number; cls: number; si: number; benchmarkIndex: number };

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
      benchmarkIndex: lhr.environment.benchmarkIndex,
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
    options: { engagements: { type: "string" }, "lighthouse-runs": { type: "string", default: "3" } },
  });
  // Page weight and layout do not depend on the volume: a small database unless `npm run bench` handed one over.
  const engagements = benchEngagements(values.engagements ?? (process.env.BENCH_ENGAGEMENTS ? undefined : "2000"));
  const lighthouseRuns = Number(values["lighthouse-runs"]);
  const buildDir = path.resolve(ROOT, process.env.BUILD_DIR || "build");
  if (!existsSync(path.join(buildDir, "server/index.js"))) throw new Error(`No build in ${buildDir}: run \`npm run build\` first.`);
  const dir = benchTempDir("client");
  const databasePath = path.join(dir, "tracker.db");
  try {
    demoDatabase(databasePath, engagements);
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
      { label: "engagements register", path: "/engagements", signedIn: true, lighthouse: false },
      { label: "actions register", path: "/actions", signedIn: true, lighthouse: false },
      { label: "organisations", path: "/organisations", signedIn: true, lighthouse: false },
      { label: "new organisation", path: "/organisations/new", signedIn: true, lighthouse: false },
      { label: "change password", path: "/account/password", signedIn: true, lighthouse: false },
    ];

    const server = await startServer({}, { databasePath });
    try {
      const manager = DEMO_STAFF.find((s) => s.role === "manager")!;
      const cookie = await signIn(server.baseUrl, manager.email, DEMO_PASSWORD);
      const { executablePath } = await chooseChromium();
      const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
      const rows: string[][] = [];
      const shiftReports: string[] = [];
      const clsByPage = new Map<string, number>();
      try {
        for (const page of pages) {
          const url = server.baseUrl + page.path;
          const who = page.signedIn ? cookie : null;
          await loadPage(browser, url, who, false); // warm the server, not the browser (each load has an empty cache)
          const fast = await loadPage(browser, url, who, false);
          if (fast.status !== 200) throw new Error(`${page.path} answered ${fast.status}`);
          const slow = await loadPage(browser, url, who, true);
          clsByPage.set(page.label, fast.cls);
          rows.push([
            page.label,
            page.path,
            kb(fast.jsGzip),
            kb(fast.jsWire),
            String(fast.jsFiles),
            fast.zod ? "yes" : "no",
            String(fast.requests),
            fast.cls.toFixed(3),
            slow.cls.toFixed(3),
          ]);
          for (const [speed, load] of [
            ["full speed", fast],
            ["slow phone", slow],
          ] as const) {
            const largest = [...load.shifts].sort((a, b) => b.value - a.value).slice(0, 3);
            for (const shift of largest.filter((s) => s.value >= 0.001))
              shiftReports.push(
                `  ${page.label} (${speed}): ${shift.value.toFixed(3)} at ${shift.startTime} ms, ${shift.sources.join(", ") || "?"}`,
              );
          }
        }
      } finally {
        await browser.close();
      }
      console.log(
        `\nEach page loaded in a fresh Chromium context (empty cache, ${MOBILE.viewport.width}×${MOBILE.viewport.height} mobile), as the demo manager;` +
          ` CLS read ${SETTLE_MS / 1000} s after the network went quiet, at full speed and on a slow phone (slow 4G, ${SLOW_PHONE.cpuSlowdown}x CPU):`,
      );
      printTable(["page", "path", "JS gzipped", "JS on the wire", "JS files", "zod", "requests", "CLS", "CLS slow phone"], rows, 2);
      if (shiftReports.length)
        console.log(`\nLargest layout shifts (score, time after navigation, elements that moved):\n${shiftReports.join("\n")}`);

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
            (clsByPage.get(page.label) ?? NaN).toFixed(3),
            `${(m("si") / 1000).toFixed(1)} s`,
            String(Math.round(m("benchmarkIndex"))),
          ]);
        }
        console.log(`\nLighthouse mobile performance (median of ${lighthouseRuns}; simulated slow 4G, 4x CPU slowdown):`);
        printTable(["page", "score", "runs", "FCP", "LCP", "TBT", "CLS", "CLS above", "Speed Index", "CPU benchmark"], lighthouseRows);
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
