// A slow server or connection, on cue: a test holds some of a page's requests back and lets them through when the
// person has done what it wants to happen in between.
import type { Page, Request } from "playwright-core";

/**
 * Holds back the page's requests matching `pattern` (those `only` accepts; all of them by default) until the returned
 * function is called.
 */
export async function holdBack(page: Page, pattern: RegExp, only: (request: Request) => boolean = () => true): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    if (only(route.request())) await held;
    await route.continue();
  });
  return release;
}
