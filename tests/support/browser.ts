// Real Chromium through playwright-core, plus axe-core. Which Chromium: CHROMIUM_PATH when set; else
// Debian's /usr/bin/chromium when present (TRACKER_SKIP_SYSTEM_CHROMIUM=1 ignores it); else the one inside
// the @sparticuz/chromium package, so a machine with only Node and `npm install` runs the browser tests.
import axe from "axe-core";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

export type ChromiumChoice = { executablePath: string; source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium" };

let chosen: Promise<ChromiumChoice> | undefined;

export function chooseChromium(): Promise<ChromiumChoice> {
  chosen ??= (async (): Promise<ChromiumChoice> => {
    if (process.env.CHROMIUM_PATH) return { executablePath: process.env.CHROMIUM_PATH, source: "CHROMIUM_PATH" };
    if (!process.env.TRACKER_SKIP_SYSTEM_CHROMIUM && existsSync(SYSTEM_CHROMIUM))
      return { executablePath: SYSTEM_CHROMIUM, source: "system" };
    // Unpacks into the temporary folder on first use (about 2 s), then reuses it.
    const { default: packaged } = await import("@sparticuz/chromium");
    return { executablePath: await packaged.executablePath(), source: "@sparticuz/chromium" };
  })();
  return chosen;
}

// The packaged Chromium gets only these: never the package's own `args`, which include
// --disable-web-security and --allow-running-insecure-content and would make the CSP and header tests meaningless.
const PACKAGED_ARGS = ["--no-sandbox", "--no-zygote"];
const SYSTEM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export type Browser = { context: BrowserContext; close: () => Promise<void> };

export async function launchBrowser(opts: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  const choice = await chooseChromium();
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: choice.executablePath,
    headless: true,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    locale: "en-GB", // as the office's browsers are: dates read day/month/year
    args: choice.source === "@sparticuz/chromium" ? PACKAGED_ARGS : SYSTEM_ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/**
 * axe-core against WCAG 2.2 A and AA; fails the test with the violations listed. Needs JavaScript enabled.
 * Runs axe-core directly rather than through @axe-core/playwright: its source is injected once per document
 * (not on every scan), and only violations are collected in detail, which makes a scan several times faster
 * while running the same rules.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.evaluate(axe.source);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
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

export async function screenshot(page: Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  await page.screenshot({ path: path.join(process.env.SCREENSHOTS, `${name}.png`), fullPage: true });
}
