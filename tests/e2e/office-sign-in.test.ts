// Sign-in with the office's identity provider, end to end: real Chromium, the real built server, and a real
// OpenID Connect provider (oidc-provider) on loopback.
import Database from "better-sqlite3";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, launchBrowser } from "../support/browser";
import { createAccount, E2E_PASSWORD } from "../support/e2e-accounts";
import { startOidcProvider, type RunningProvider } from "../support/oidc-provider";
import { startServerAndBrowser, stopServerAndBrowser } from "../support/server-and-browser";
import { closedLoopbackPort } from "../support/oidc-provider";
import type { Browser } from "../support/browser";
import type { RunningServer } from "../support/server";

// The login names typed at the provider's sign-in page, and what the provider says about each person.
const PEOPLE = {
  olivia: { email: "Olivia.Officer@Example.org", email_verified: true, name: "Olivia Officer" },
  uma: { email: "uma@example.org", email_verified: false, name: "Uma Unverified" },
  sam: { email: "sam.stranger@example.org", email_verified: true, name: "Sam Stranger" },
  lee: { email: "lee.leaver@example.org", email_verified: true, name: "Lee Leaver" },
  nia: { email: "nia.newcomer@auto.example.org", email_verified: true, name: "Nia Newcomer" },
};
const AUTO_CREATE_DOMAIN = "auto.example.org";

type AuditRow = { action: string; actor_email: string | null; entity_id: string | null; summary: string; after: string | null };

describe("sign-in with the office's identity provider", () => {
  let provider: RunningProvider;
  let server: RunningServer;
  let browser: Browser;

  function withDatabase<T>(work: (database: Database.Database) => T): T {
    const database = new Database(server.databasePath);
    try {
      return work(database);
    } finally {
      database.close();
    }
  }
  const auditEvents = (action: string): AuditRow[] =>
    withDatabase((d) => d.prepare("SELECT * FROM audit_events WHERE action = ? ORDER BY id").all(action) as AuditRow[]);
  const accountOf = (email: string) =>
    withDatabase((d) => d.prepare("SELECT id, email, name, role FROM users WHERE email = ?").get(email)) as
      { id: number; email: string; name: string; role: string } | undefined;

  beforeAll(async () => {
    provider = await startOidcProvider(PEOPLE);
    ({ server, browser } = await startServerAndBrowser(provider.appEnv({ OIDC_AUTO_CREATE_DOMAIN: AUTO_CREATE_DOMAIN })));
    provider.registerApp(`${server.baseUrl}/auth/oidc/callback`);
    createAccount(server, "officer", "olivia.officer@example.org", "Olivia Officer");
    createAccount(server, "viewer", "uma@example.org", "Uma Unverified");
    createAccount(server, "viewer", "lee.leaver@example.org", "Lee Leaver");
    withDatabase((d) =>
      d.prepare("UPDATE users SET deactivated_at = ? WHERE email = ?").run(new Date().toISOString(), "lee.leaver@example.org"),
    );
  });
  afterAll(async () => {
    await stopServerAndBrowser({ server, browser });
    await provider?.stop();
  });

  const heading = async (page: Page) => (await page.locator("h1").textContent())?.trim();

  /** Start office sign-in from /login (or `from`), and sign in at the provider as `login`. */
  async function signInAtProvider(page: Page, login: string, from = "/login") {
    await page.context().clearCookies();
    await page.goto(`${server.baseUrl}${from}`);
    await page.getByRole("button", { name: "Sign in with your office account" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("anything at all");
    await page.locator('button[type="submit"]').click();
  }

  /** The callback's response, once the provider sends the browser back. */
  function callbackResponse(page: Page): Promise<Response> {
    return page.waitForResponse((response) => new URL(response.url()).pathname === "/auth/oidc/callback");
  }

  it("a person with an account signs in with their office account (email in any case) and lands where they were going", async () => {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${server.baseUrl}/organisations`);
    await page.waitForURL((url) => url.pathname === "/login");
    await expect.poll(() => heading(page)).toBe("Sign in");
    await expectNoAxeViolations(page, "sign-in page with office sign-in");
    // Both ways in are offered.
    expect(await page.getByLabel("Password").count()).toBe(1);

    await page.getByRole("button", { name: "Sign in with your office account" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.locator('input[name="login"]').fill("olivia");
    await page.locator('input[name="password"]').fill("anything at all");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(`${server.baseUrl}/organisations`);
    await expect.poll(() => heading(page)).toBe("Organisations");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);

    const cookies = await page.context().cookies(server.baseUrl);
    expect(cookies.map((c) => c.name)).toContain("tracker_session");
    expect(cookies.map((c) => c.name)).not.toContain("tracker_office_sign_in");
    const signIn = auditEvents("sign_in").at(-1)!;
    expect(signIn.actor_email).toBe("olivia.officer@example.org");
    expect(signIn.summary).toBe("Signed in with their office account");
    expect(JSON.parse(signIn.after!)).toMatchObject({ method: "office", issuer: provider.issuer, subject: "olivia" });
    await page.close();
  });

  it("with JavaScript off, office sign-in works the same", async () => {
    const noScript = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noScript.context.newPage();
      await signInAtProvider(page, "olivia");
      await page.waitForURL(`${server.baseUrl}/`);
      expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    } finally {
      await noScript.close();
    }
  });

  const refusals = [
    {
      login: "sam",
      what: "a person the tracker has no account for",
      status: 403,
      heading: "Your office account is not set up in the tracker",
      reason: "not_set_up",
      email: "sam.stranger@example.org",
    },
    {
      login: "uma",
      what: "an email the provider has not verified",
      status: 403,
      heading: "Your office account has no confirmed email address",
      reason: "email_not_verified",
      email: "uma@example.org",
    },
    {
      login: "lee",
      what: "a deactivated account",
      status: 403,
      heading: "Your tracker account is deactivated",
      reason: "deactivated",
      email: "lee.leaver@example.org",
    },
  ];
  for (const refusal of refusals) {
    it(`${refusal.what} is refused with a clear page, audited, and not signed in`, async () => {
      const page = await browser.context.newPage();
      const before = auditEvents("sign_in_refused").length;
      const callback = callbackResponse(page);
      await signInAtProvider(page, refusal.login);
      expect((await callback).status()).toBe(refusal.status);
      await expect.poll(() => heading(page)).toBe(refusal.heading);
      await expectNoAxeViolations(page, refusal.reason);
      const events = auditEvents("sign_in_refused").slice(before);
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].after!)).toMatchObject({ method: "office", reason: refusal.reason });
      expect(events[0].summary).toContain(refusal.email);
      expect((await page.context().cookies(server.baseUrl)).map((c) => c.name)).not.toContain("tracker_session");
      await page.goto(`${server.baseUrl}/`);
      await page.waitForURL((url) => url.pathname === "/login");
      await page.close();
    });
  }

  it("an unknown person is not given an account (no auto-create outside its domain)", () => {
    expect(accountOf("sam.stranger@example.org")).toBeUndefined();
  });

  it("an email on the auto-create domain gets a viewer account at first sign-in, audited", async () => {
    const page = await browser.context.newPage();
    await signInAtProvider(page, "nia");
    await page.waitForURL(`${server.baseUrl}/`);
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(1);
    const account = accountOf("nia.newcomer@auto.example.org");
    expect(account).toMatchObject({ name: "Nia Newcomer", role: "viewer" });
    const created = auditEvents("create").filter((e) => e.entity_id === String(account!.id));
    expect(created).toHaveLength(1);
    expect(created[0].summary).toContain("first office sign-in");
    expect(auditEvents("sign_in").at(-1)!.actor_email).toBe("nia.newcomer@auto.example.org");
    // The second time, the same account signs in: none is added.
    await signInAtProvider(page, "nia");
    await page.waitForURL(`${server.baseUrl}/`);
    expect(withDatabase((d) => d.prepare("SELECT count(*) AS n FROM users WHERE email LIKE '%@auto.example.org'").get())).toEqual({ n: 1 });
    await page.close();
  });

  it("an answer whose state is not the one this browser started with is refused (a forged link)", async () => {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    // This browser starts signing in and is at the provider's sign-in page...
    await page.goto(`${server.baseUrl}/login`);
    await page.getByRole("button", { name: "Sign in with your office account" }).click();
    await page.waitForURL((url) => url.origin === provider.issuer);
    expect((await page.context().cookies(server.baseUrl + "/auth/oidc")).map((c) => c.name)).toContain("tracker_office_sign_in");
    // ...when a link made elsewhere brings it back with another state.
    const before = auditEvents("sign_in_refused").length;
    const response = await page.goto(
      `${server.baseUrl}/auth/oidc/callback?code=a-code-from-elsewhere&state=a-state-this-browser-never-started-with`,
    );
    expect(response!.status()).toBe(400);
    await expect.poll(() => heading(page)).toBe("Sign-in could not be finished");
    await expectNoAxeViolations(page, "state mismatch");
    expect(
      auditEvents("sign_in_refused")
        .slice(before)
        .map((e) => JSON.parse(e.after!).reason),
    ).toEqual(["state_mismatch"]);
    const cookies = (await page.context().cookies(server.baseUrl + "/auth/oidc")).map((c) => c.name);
    expect(cookies).not.toContain("tracker_session");
    // The sign-in this browser started is used up: it cannot be finished with a second try either.
    expect(cookies).not.toContain("tracker_office_sign_in");
    await page.close();
  });

  it("a code used once is refused when replayed: without the browser's sign-in (timed out) and with it (the provider refuses)", async () => {
    const page = await browser.context.newPage();
    let seen: Promise<{ url: string; cookie: string }> | undefined;
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/auth/oidc/callback")
        seen = request.allHeaders().then((headers) => ({ url: request.url(), cookie: headers.cookie ?? "" }));
    });
    await signInAtProvider(page, "olivia");
    await page.waitForURL(`${server.baseUrl}/`);
    const callback = await seen;
    expect(callback?.cookie).toContain("tracker_office_sign_in=");
    const signInsBefore = auditEvents("sign_in").length;
    const refusalsBefore = auditEvents("sign_in_refused").length;

    // The same browser, after its sign-in: the flow was used up.
    const again = await page.goto(callback!.url);
    expect(again!.status()).toBe(400);
    await expect.poll(() => heading(page)).toBe("Your sign-in has timed out");
    await expectNoAxeViolations(page, "sign-in timed out");

    // Someone who copied the link and the sign-in cookie: the tracker exchanges the code, the provider refuses it.
    await page.context().clearCookies();
    const flowCookie = callback!.cookie.split("; ").find((c) => c.startsWith("tracker_office_sign_in="))!;
    await page
      .context()
      .addCookies([
        { name: "tracker_office_sign_in", value: flowCookie.slice(flowCookie.indexOf("=") + 1), url: `${server.baseUrl}/auth/oidc` },
      ]);
    const replayed = await page.goto(callback!.url);
    expect(replayed!.status()).toBe(403);
    await expect.poll(() => heading(page)).toBe("Sign-in with your office account was not finished");
    await expectNoAxeViolations(page, "code replayed");
    expect((await page.context().cookies(server.baseUrl)).map((c) => c.name)).not.toContain("tracker_session");

    const refusals = auditEvents("sign_in_refused")
      .slice(refusalsBefore)
      .map((e) => JSON.parse(e.after!).reason);
    expect(refusals).toEqual(["flow_expired", "provider_refused"]);
    expect(auditEvents("sign_in_refused").at(-1)!.summary).toContain("invalid_grant");
    expect(auditEvents("sign_in")).toHaveLength(signInsBefore);
    await page.close();
  });

  it("when the provider goes down before the code is exchanged, the person is told to try again (503), audited", async () => {
    const page = await browser.context.newPage();
    provider.dropTokenRequests(true);
    try {
      const before = auditEvents("sign_in_refused").length;
      const callback = callbackResponse(page);
      await signInAtProvider(page, "olivia");
      expect((await callback).status()).toBe(503);
      await expect.poll(() => heading(page)).toBe("Office sign-in is unavailable");
      expect(
        auditEvents("sign_in_refused")
          .slice(before)
          .map((e) => JSON.parse(e.after!).reason),
      ).toEqual(["provider_unavailable"]);
      expect((await page.context().cookies(server.baseUrl)).map((c) => c.name)).not.toContain("tracker_session");
    } finally {
      provider.dropTokenRequests(false);
      await page.close();
    }
  });

  it("when an admin switches password sign-in off, the password form is hidden and a password post is refused and audited", async () => {
    withDatabase((d) =>
      d.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('passwordSignIn', 'false', ?)").run(new Date().toISOString()),
    );
    try {
      const page = await browser.context.newPage();
      await page.context().clearCookies();
      await page.goto(`${server.baseUrl}/login`);
      await expect.poll(() => heading(page)).toBe("Sign in");
      expect(await page.getByRole("button", { name: "Sign in with your office account" }).count()).toBe(1);
      expect(await page.getByLabel("Password").count()).toBe(0);
      expect(await page.getByLabel("Email address").count()).toBe(0);
      await expectNoAxeViolations(page, "sign-in page, office sign-in only");

      const before = auditEvents("sign_in_refused").length;
      const signInsBefore = auditEvents("sign_in").length;
      const post = await page.request.post(`${server.baseUrl}/login`, {
        form: { email: "olivia.officer@example.org", password: E2E_PASSWORD, redirectTo: "/" },
        maxRedirects: 0,
      });
      expect(post.status()).toBe(400);
      const refused = auditEvents("sign_in_refused").slice(before);
      expect(refused.map((e) => JSON.parse(e.after!))).toEqual([{ method: "password", reason: "password_sign_in_off" }]);
      expect(auditEvents("sign_in")).toHaveLength(signInsBefore);

      // Office sign-in still works.
      await signInAtProvider(page, "olivia");
      await page.waitForURL(`${server.baseUrl}/`);
      await page.close();
    } finally {
      withDatabase((d) => d.prepare("DELETE FROM settings WHERE key = 'passwordSignIn'").run());
    }
  });
});

describe("sign-in with the office's identity provider, when the provider cannot be reached", () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    const issuer = `http://127.0.0.1:${await closedLoopbackPort()}`;
    ({ server, browser } = await startServerAndBrowser({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: "tracker", OIDC_CLIENT_SECRET: "secret" }));
  });
  afterAll(() => stopServerAndBrowser({ server, browser }));

  it("the person is told to try again (503), and the refusal is audited", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.baseUrl}/login`);
    const started = page.waitForResponse((response) => new URL(response.url()).pathname === "/auth/oidc");
    await page.getByRole("button", { name: "Sign in with your office account" }).click();
    expect((await started).status()).toBe(503);
    await expect.poll(async () => (await page.locator("h1").textContent())?.trim()).toBe("Office sign-in is unavailable");
    expect(await page.title()).toMatch(/^Office sign-in is unavailable – /);
    await expectNoAxeViolations(page, "office sign-in unavailable");
    const database = new Database(server.databasePath);
    try {
      const rows = database.prepare("SELECT after FROM audit_events WHERE action = 'sign_in_refused'").all() as { after: string }[];
      expect(rows.map((row) => JSON.parse(row.after).reason)).toEqual(["provider_unavailable"]);
    } finally {
      database.close();
    }
    // The password form is still there to use meanwhile.
    await page.getByRole("link", { name: "Start signing in again" }).click();
    await page.waitForURL(`${server.baseUrl}/login`);
    expect(await page.getByLabel("Password").count()).toBe(1);
  });
});
