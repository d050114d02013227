// In every browser test file: the file's one Chromium (tests/support/browser.ts) closes after its last test.
import { afterAll } from "vitest";
import { closeChromiumForThisFile } from "./browser";

afterAll(async () => {
  await closeChromiumForThisFile();
});
