// In every browser test file: the contexts it opened in the worker's Chromium (tests/support/browser.ts) are
// closed after its last test. The Chromium stays for the worker's next file and closes when the worker ends.
import { afterAll } from "vitest";
import { closeContextsLeftByThisFile } from "./browser";

afterAll(async () => {
  await closeContextsLeftByThisFile();
});
