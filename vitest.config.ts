import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "~db": path.resolve(import.meta.dirname, "db"),
  "~": path.resolve(import.meta.dirname, "app"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/unit/**/*.test.ts"],
          globals: true,
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/per-file-database.ts"],
          // Files run two at a time, and one after another in the same worker without loading the app's modules
          // again for each (most of a file's time went on that). Each file still gets its own database: see
          // tests/support/per-file-database.ts for what is put back between files.
          maxWorkers: 2,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/e2e-global-setup.ts"],
          setupFiles: ["tests/support/e2e-setup.ts"],
          globals: true,
          environment: "node",
          // Long journeys with an axe scan on every page: generous, so a slow or busy machine does not fail them.
          testTimeout: 240_000,
          hookTimeout: 120_000,
          // expect.poll waits for the page a test expects (the next heading, a notice). Vitest's default 1 s is
          // less than a page load can take on a busy shared machine; most polls already asked for 10 s.
          expect: { poll: { timeout: 10_000 } },
          // Each file starts its own server and browser contexts; two at a time suits a 2-core machine. A worker runs
          // its files one after another without loading playwright, axe and the test support again for each, in one
          // Chromium (the contexts a file opened are closed after it: tests/support/e2e-setup.ts).
          maxWorkers: 2,
          isolate: false,
          fileParallelism: true,
          // After the integration tests, so the two never compete for the two cores.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
