// The accessibility check itself must be able to fail: a page with known WCAG failures is reported, on the
// first document and again after a full navigation (where axe-core has to be injected anew).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, type Browser } from "../support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const FAILING_PAGE = `<!doctype html><html><head><title>Failing</title></head><body><main><img src="x.png">
  <a href="#"></a><p style="color:#bbb;background:#fff">Too faint</p></main></body></html>`;
const PASSING_PAGE = `<!doctype html><html lang="en"><head><title>Passing</title></head><body><main><h1>Fine</h1></main></body></html>`;

describe("expectNoAxeViolations", () => {
  it("passes a clean page and reports each violation on a failing one, before and after a new document", async () => {
    const page = await browser.context.newPage();
    await page.setContent(PASSING_PAGE);
    await expectNoAxeViolations(page, "passing page");

    await page.goto(`data:text/html,${encodeURIComponent(FAILING_PAGE)}`);
    const failure = await expectNoAxeViolations(page, "failing page").then(
      () => "no failure",
      (error: Error & { actual?: unknown }) => JSON.stringify(error.actual),
    );
    for (const rule of ["image-alt", "html-has-lang", "link-name", "color-contrast"]) expect(failure).toContain(rule);
    await page.close();
  });
});
