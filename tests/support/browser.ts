// Real Chromium (Debian's package) through playwright-core, plus axe-core.
import AxeBuilder from "@axe-core/playwright";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export type Browser = { context: BrowserContext; close: () => Promise<void> };

export async function launchBrowser(opts: { javaScriptEnabled?: boolean } = {}): Promise<Browser> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tracker-chromium-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    javaScriptEnabled: opts.javaScriptEnabled ?? true,
    acceptDownloads: true,
    viewport: { width: 1200, height: 900 },
    locale: "en-GB", // as the office's browsers are: dates read day/month/year
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** axe-core against WCAG 2.2 A and AA; fails the test with the violations listed. Needs JavaScript enabled. */
export async function expectNoAxeViolations(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
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
