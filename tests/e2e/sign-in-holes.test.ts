// The sign-in holes of issue 10 against the real production server: parallel wrong passwords cannot race the
// throttle, parallel sign-ins cannot exhaust memory, a crafted redirect lands on this site, and the sessions page
// signs out every other session, whose cookie is then cleared.
import Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser, type Browser } from "../support/browser";
import { createAccount, E2E_PASSWORD } from "../support/e2e-accounts";
import { startServer, type RunningServer } from "../support/server";

/** The free failures of one account and address pair (FREE_ATTEMPTS_PER_PAIR in app/models/auth.server.ts). */
const FREE_PER_PAIR = 5;
const MIB = 1024 * 1024;
/** One scrypt at the production cost (N=2^17, r=8) holds 128 MiB while it runs. */
const SCRYPT_MIB = 128;

function postLogin(server: RunningServer, body: Record<string, string>, cookie?: string) {
  return fetch(`${server.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(body),
  });
}

/** A memory figure of the server process from /proc/PID/status, in bytes (VmRSS now, VmHWM its peak so far). */
function memoryOf(pid: number, field: "VmRSS" | "VmHWM"): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

function readOne(server: RunningServer, query: string, ...params: unknown[]): unknown {
  const database = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return database
      .prepare(query)
      .pluck()
      .get(...params);
  } finally {
    database.close();
  }
}

function auditCount(server: RunningServer, action: string): number {
  const database = new Database(server.databasePath, { readonly: true, fileMustExist: true });
  try {
    return database.prepare("SELECT count(*) FROM audit_events WHERE action = ?").pluck().get(action) as number;
  } finally {
    database.close();
  }
}

describe("sign-in under attack", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
    createAccount(server, "admin", "raced@example.org");
    createAccount(server, "viewer", "holder@example.org");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("20 wrong passwords sent at once for one account: at most the free number are checked", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => postLogin(server, { email: "raced@example.org", password: `wrong guess number ${i}` })),
    );
    const statuses = responses.map((r) => r.status);
    const checked = statuses.filter((s) => s === 400).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(FREE_PER_PAIR);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - checked);
    expect(auditCount(server, "sign_in_failed")).toBe(checked);
    expect(auditCount(server, "sign_in_throttled")).toBe(20 - checked);
  });

  it("records the connection's own address for a failed and a good sign-in and the session, whatever the request claims", async () => {
    createAccount(server, "viewer", "addressed@example.org");
    const claims = { "x-tracker-client-ip": "203.0.113.9", "x-tracker-request-id": "1" };
    const post = (password: string) =>
      fetch(`${server.baseUrl}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", ...claims },
        body: new URLSearchParams({ email: "addressed@example.org", password }),
      });
    expect((await post("not the password")).status).toBe(400);
    expect((await post(E2E_PASSWORD)).status).toBe(302);
    const loopback = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;
    expect(readOne(server, "SELECT ip FROM audit_events WHERE action = 'sign_in_failed' ORDER BY id DESC LIMIT 1")).toMatch(loopback);
    expect(readOne(server, "SELECT ip FROM audit_events WHERE action = 'sign_in' ORDER BY id DESC LIMIT 1")).toMatch(loopback);
    expect(readOne(server, "SELECT s.ip FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = 'addressed@example.org'")).toMatch(
      loopback,
    );
  });

  it("a crafted redirect after sign-in lands on this site, and the sessions page signs out every other session", async () => {
    // Another session of the same person, signed in elsewhere.
    const elsewhere = await postLogin(server, { email: "holder@example.org", password: E2E_PASSWORD });
    expect(elsewhere.status).toBe(302);
    const otherCookie = elsewhere.headers.get("set-cookie")!.split(";")[0];

    const browser: Browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      await page.goto(`${server.baseUrl}/login?redirectTo=%2F%09%2Fevil.example`);
      await page.getByLabel("Email address").fill("holder@example.org");
      await page.getByLabel("Password").fill(E2E_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      expect(new URL(page.url()).origin).toBe(server.baseUrl);
      expect(new URL(page.url()).pathname).toBe("/");

      await page.goto(`${server.baseUrl}/account/sessions`);
      await page.getByRole("heading", { name: "Your sessions" }).waitFor();
      expect(await page.getByRole("row").count()).toBe(3); // the header and two sessions
      await page.getByText("This session").waitFor();
      await expectNoAxeViolations(page, "account sessions");
      await page.getByRole("button", { name: "Sign out of every other session" }).click();
      await page.getByText("You have signed out of 1 other session").waitFor();
      expect(await page.getByRole("row").count()).toBe(2);
      await expectNoAxeViolations(page, "account sessions after signing out the others");
    } finally {
      await browser.close();
    }
    // The other browser is sent to sign in, and its cookie is cleared.
    const after = await fetch(`${server.baseUrl}/organisations`, { redirect: "manual", headers: { Cookie: otherCookie } });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toBe("/login?redirectTo=%2Forganisations");
    expect(after.headers.get("set-cookie")).toMatch(/^tracker_session=;/);
  });

  it("two simultaneous posts of the same engagement form (as a browser without JavaScript sends it) make one engagement", async () => {
    createAccount(server, "officer", "twice@example.org");
    const signedIn = await postLogin(server, { email: "twice@example.org", password: E2E_PASSWORD });
    const cookie = signedIn.headers.get("set-cookie")!.split(";")[0];
    const form = await (await fetch(`${server.baseUrl}/engagements/new`, { headers: { Cookie: cookie } })).text();
    const createKey = /name="createKey"[^>]*value="([0-9a-f-]{36})"/.exec(form)?.[1];
    expect(createKey).toBeDefined();
    const body = new URLSearchParams({
      createKey: createKey!,
      intent: "save",
      title: "Sent twice by a proxy",
      kind: "meeting",
      status: "held",
      "date-day": "20",
      "date-month": "11",
      "date-year": "2026",
      "organisations.0.organisationId": String(readOne(server, "SELECT id FROM organisations WHERE slug = 'national-crime-agency'")),
      leadUserId: String(readOne(server, "SELECT id FROM users WHERE email = 'twice@example.org'")),
    });
    const post = () =>
      fetch(`${server.baseUrl}/engagements/new`, {
        method: "POST",
        redirect: "manual",
        headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
        body,
      });
    const [first, second] = await Promise.all([post(), post()]);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(readOne(server, "SELECT count(*) FROM engagements WHERE title = 'Sent twice by a proxy'")).toBe(1);
  });

  // Last: its failures from this address count toward the address's ceiling.
  it("50 sign-ins at once for unknown emails: memory stays bounded, the excess is asked to try again shortly", async () => {
    const before = memoryOf(server.pid, "VmRSS");
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => postLogin(server, { email: `nobody${i}@example.org`, password: "a password that is wrong" })),
    );
    const peak = memoryOf(server.pid, "VmHWM");
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 400 || s === 429 || s === 503)).toBe(true);
    const busy = responses.find((r) => r.status === 503);
    expect(busy, `statuses: ${statuses.join(",")}`).toBeDefined();
    expect(busy!.headers.get("Retry-After")).toBe("5");
    const page = await busy!.text();
    expect(page).toContain("Too many people are signing in at once; try again shortly");
    expect(page).toMatch(/value="nobody\d+@example.org"/);
    // Two hashes at a time: the peak grows by about 2 x 128 MiB, never the 4 x 128 MiB of node's whole thread pool.
    expect((peak - before) / MIB).toBeLessThan(3 * SCRYPT_MIB);
  });
});
