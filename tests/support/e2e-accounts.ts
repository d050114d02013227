// Accounts for browser tests, made the way an operator would: with `npm run user:create` (its compiled
// script, which `npm test` builds; the test process's NODE_ENV=test gives the stored hash the test cost).
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./paths";
import type { RunningServer } from "./server";

export const E2E_PASSWORD = "a long enough passphrase";

export function createAccount(
  server: RunningServer,
  role: "viewer" | "officer" | "manager" | "admin",
  email = `${role}@example.org`,
  name = `Test ${role}`,
) {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "build/scripts/user-create.js"), "--email", email, "--name", name, "--role", role],
    { cwd: ROOT, input: E2E_PASSWORD + "\n", env: { ...process.env, DATABASE_PATH: server.databasePath }, encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`user:create failed: ${result.stderr}${result.stdout}`);
  return { email, name, role };
}

/** Sign in as this account, replacing whoever was signed in in this browser context. */
export async function signIn(page: Page, server: RunningServer, email: string, password = E2E_PASSWORD) {
  await page.context().clearCookies();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
