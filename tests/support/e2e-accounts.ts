// Accounts for browser tests: the rows `npm run user:create` writes (the account and its audit event, in one
// transaction), written here in the test process. Spawning the compiled script cost about a second of CPU per
// account (a Node start and the app's modules loaded); the script itself is tested in
// tests/integration/user-create-cli.test.ts. The hash has the test cost, as the script's does under the test
// process's NODE_ENV=test; it is in the production format (the parameters inside), so the server checks it.
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { randomBytes, scryptSync } from "node:crypto";
import type { Page } from "playwright-core";
import * as schema from "~db/schema";
import { recordAudit } from "~/models/audit.server";
import type { RunningServer } from "./server";

export const E2E_PASSWORD = "a long enough passphrase";

// The test cost of app/models/password.server.ts (NODE_ENV=test): N=2^10, r=8, p=1, a 64-byte key.
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

function testCostHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize("NFKC"), salt, 64, TEST_SCRYPT);
  return `scrypt$${TEST_SCRYPT.N}$${TEST_SCRYPT.r}$${TEST_SCRYPT.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export function createAccount(
  server: RunningServer,
  role: "viewer" | "officer" | "manager" | "admin",
  email = `${role}@example.org`,
  name = `Test ${role}`,
) {
  const sqlite = new Database(server.databasePath, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 10000");
    sqlite.pragma("foreign_keys = ON");
    const database = drizzle(sqlite, { schema });
    const normalised = email.trim().toLowerCase();
    database.transaction(
      (tx) => {
        if (tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, normalised)).get())
          throw new Error(`user:create failed: an account with this email address already exists (${normalised})`);
        const row = tx
          .insert(schema.users)
          .values({ email: normalised, name: name.trim(), role, passwordHash: testCostHash(E2E_PASSWORD) })
          .returning()
          .get();
        recordAudit(tx, {
          actor: null,
          action: "create",
          entityType: "user",
          entityId: row.id,
          summary: `Account created for ${row.email} (${row.role})`,
          after: { email: row.email, name: row.name, role: row.role },
        });
      },
      { behavior: "immediate" },
    );
  } finally {
    sqlite.close();
  }
  return { email, name, role };
}

/**
 * Sign in as this account, replacing whoever was signed in in this browser context, without the sign-in page: the
 * page's form post, sent from the context (its cookies, its Origin), as the browser sends it. The page stays where
 * it was; go next where the test begins. For the many tests whose subject is elsewhere: loading the sign-in page and
 * then the dashboard it lands on was about a quarter of the browser tests' page loads. The sign-in page itself is
 * driven in sign-in.test.ts, organisations-journey.test.ts and the second-factor and office sign-in tests.
 */
export async function signIn(page: Page, server: RunningServer, email: string, password = E2E_PASSWORD) {
  const context = page.context();
  await context.clearCookies();
  const answer = await context.request.post(`${server.baseUrl}/login`, {
    form: { email, password, redirectTo: "/" },
    headers: { Origin: server.baseUrl },
    maxRedirects: 0,
  });
  const session = (await context.cookies(server.baseUrl)).some((cookie) => cookie.name === "tracker_session");
  if (answer.status() !== 302 || answer.headers().location !== "/" || !session)
    throw new Error(
      `sign-in as ${email} failed: ${answer.status()} ${answer.headers().location ?? ""} ${(await answer.text()).slice(0, 200)}`,
    );
}

/** Sign in through the sign-in page, as a person does; lands where the page sends them (the dashboard). */
export async function signInOnThePage(page: Page, server: RunningServer, email: string, password = E2E_PASSWORD) {
  await page.context().clearCookies();
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}
