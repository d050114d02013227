// Real Chromium through playwright-core, plus axe-core. Which Chromium: CHROMIUM_PATH when set; else the
// headless shell inside the @sparticuz/chromium dev dependency, so a machine with only Node and `npm install`
// runs the browser tests; else (TRACKER_USE_SYSTEM_CHROMIUM=1, or the package cannot be unpacked here) Debian's
// /usr/bin/chromium. The headless shell is the same engine without the desktop browser around it, and does the
// same page loads and axe scans for about half the CPU of the full Chromium (docs/decisions/0023).
import type axe from "axe-core";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser as ChromiumBrowser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { ROOT } from "./paths";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export type ChromiumChoice = { executablePath: string; source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium" };

let chosen: Promise<ChromiumChoice> | undefined;

export function chooseChromium(): Promise<ChromiumChoice> {
  chosen ??= (async (): Promise<ChromiumChoice> => {
    if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
    const system = existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM, source: "system" as const } : undefined;
    if (system && process.env.TRACKER_USE_SYSTEM_CHROMIUM) return system;
    try {
      return { executablePath: await unpackPackagedChromium(), source: "@sparticuz/chromium" };
    } catch (error) {
      if (system) return system;
      throw error;
    }
  })();
  return chosen;
}

/**
 * The package unpacks into the fixed folder os.tmpdir()/chromium and reuses whatever is there: a file
 * another user left (not ours to run) or one a parallel worker is still writing. So each checkout
 * unpacks once, on first use (about 2 s), into its own folder under node_modules/.cache, through a
 * private staging folder renamed into place whole; a worker that loses the race uses the winner's.
 */
async function unpackPackagedChromium(): Promise<string> {
  const cache = path.join(ROOT, "node_modules/.cache/tracker-chromium");
  const ready = path.join(cache, "ready");
  const executable = path.join(ready, "chromium");
  if (existsSync(executable)) return executable;
  mkdirSync(cache, { recursive: true });
  const staging = mkdtempSync(path.join(cache, "unpacking-"));
  const previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging; // read by os.tmpdir(), where the package unpacks
  try {
    const { default: packaged } = await import("@sparticuz/chromium");
    await packaged.executablePath();
  } finally {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
  }
  try {
    renameSync(staging, ready);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(executable)) throw error;
  }
  return executable;
}

// V8 without its compilers: a test runs most of a page's scripts once, so compiling them is work never repaid.
// About a tenth less CPU and time over a browser test file (docs/decisions/0023). Only the tests' Chromium: the
// client benchmark measures pages as a person's browser runs them.
const INTERPRETER_ONLY = "--js-flags=--jitless";
// The pages of one context share one renderer process instead of each new page (and the spare Chromium keeps ready)
// starting its own: a new page in a context cost about 170 ms of CPU, 80 ms of it the process. Contexts stay in
// processes of their own, as separate as before. 50 renderer processes over the browser tests instead of 165.
const ONE_RENDERER_PER_CONTEXT = "--renderer-process-limit=1";
// The packaged Chromium gets only these: never the package's own `args`, which include
// --disable-web-security and --allow-running-insecure-content and would make the CSP and header tests meaningless.
const PACKAGED_ARGS = ["--no-sandbox", "--no-zygote", INTERPRETER_ONLY, ONE_RENDERER_PER_CONTEXT];
const SYSTEM_ARGS = [
  INTERPRETER_ONLY,
  ONE_RENDERER_PER_CONTEXT,
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A browser as a test sees one: its own cookies, storage and settings (a context of the worker's one Chromium). */
export type Browser = { context: BrowserContext; close: () => Promise<void> };

let sharedChromium: Promise<ChromiumBrowser> | undefined;

/**
 * One Chromium process per vitest worker, started on first use and kept for the worker's next files (they run one
 * after another in it: isolate is off for the browser tests); every `launchBrowser` is a new context in it, as
 * separate as another browser for cookies, storage and JavaScript on or off. Starting a Chromium cost about as much
 * CPU as several page loads. After each file, the contexts it left open are closed (tests/support/e2e-setup.ts),
 * so a file never sees another's pages; a Chromium that has gone away is started again.
 */
function chromiumForThisWorker(): Promise<ChromiumBrowser> {
  sharedChromium ??= chooseChromium().then(async (choice) => {
    const browser = await chromium.launch({
      executablePath: choice.executablePath,
      headless: true,
      args: choice.source === "@sparticuz/chromium" ? PACKAGED_ARGS : SYSTEM_ARGS,
    });
    browser.once("disconnected", () => (sharedChromium = undefined));
    return browser;
  });
  return sharedChromium;
}

/** Closes every context a test file left open in the worker's Chromium; the Chromium itself stays for the next file. */
export async function closeContextsLeftByThisFile() {
  const running = await sharedChromium;
  await Promise.all(running?.contexts().map((context) => context.close()) ?? []);
}

export async function launchBrowser(opts: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  const context = await (
    await chromiumForThisWorker()
  ).newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    locale: "en-GB", // as the office's browsers are: dates read day/month/year
  });
  return { context, close: () => context.close() };
}

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// The minified build of the same axe-core: `axe.source` is the unminified one, 1.5 MB against 0.65 MB, and the page
// parses whichever it is given on every new document (about 60 ms of CPU a scan less).
let axeSource: string | undefined;
function minifiedAxeSource(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  return axeSource;
}

/**
 * axe-core against WCAG 2.2 A and AA; fails the test with the violations listed. Needs JavaScript enabled.
 * Runs axe-core directly rather than through @axe-core/playwright: its source is injected once per document
 * (not on every scan), and only violations are collected and sent back, which makes a scan several times faster
 * while running the same rules.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  // In a context with JavaScript off, evaluate never answers: say so instead of hanging until the test's timeout.
  const hasAxe = await Promise.race([
    page.evaluate(() => "axe" in window),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`axe cannot run on ${label}: JavaScript is off; use expectNoAxeViolationsWithoutScripts`)), 15_000),
    ),
  ]);
  if (!hasAxe) await page.evaluate(minifiedAxeSource());
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, {
        runOnly: { type: "tag", values: tags },
        resultTypes: ["violations"],
        // The same rules and the same violations; the passes, incomplete and inapplicable lists, which nothing here
        // reads, are neither built nor sent back (about a tenth of a scan's CPU on a long page).
        reporter: "no-passes",
      }),
    WCAG_22_AA,
  );
  const summary = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(" "))
        .slice(0, 3)
        .join(", ")})`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/**
 * axe runs in the page, so a page shown without JavaScript is scanned as served: its HTML, with its
 * styles, in `scanner` (a browser with JavaScript on) that runs no scripts of the page's own (they are
 * blocked), so it stays un-enhanced.
 */
export async function expectNoAxeViolationsWithoutScripts(page: Page, scanner: Browser, label: string) {
  const html = await page.content();
  const scan = await scanner.context.newPage();
  try {
    const url = new URL("/__scan-without-scripts", page.url()).toString();
    // Without its scripts, and without the module preloads that would only fetch them (each one a request this
    // route had to abort); any other script request is still refused.
    const withoutScripts = html.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/g, "");
    await scan.route(/\.js(\?|$)/, (route) => route.abort());
    await scan.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html", body: withoutScripts }));
    await scan.goto(url);
    await expectNoAxeViolations(scan, label);
  } finally {
    await scan.close();
  }
}

export async function screenshot(page: Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  await page.screenshot({ path: path.join(process.env.SCREENSHOTS, `${name}.png`), fullPage: true });
}
