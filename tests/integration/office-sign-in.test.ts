// Office sign-in (OpenID Connect) without a provider: the settings, who the model lets in, the password
// switch, and the refusals the routes give before a provider is asked. The whole journey against a real
// provider is tests/e2e/office-sign-in.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "~db/connection";
import { auditEvents, users } from "~db/schema";
import { signIn } from "~/models/auth.server";
import { signInWithOfficeAccount, type OfficeIdentity } from "~/models/office-sign-in.server";
import { updateSecuritySettings } from "~/models/settings.server";
import { createUser, setUserActive } from "~/models/user.server";
import { action as startAction } from "~/routes/auth.oidc";
import { loader as callbackLoader } from "~/routes/auth.oidc_.callback";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { officeSignInFormActionOrigins } from "~/server/office-sign-in.server";
import { officeSignInSettings, readSettings, SettingsError } from "~/server/env.server";
import { readJson, runAction, runLoader, signedInAs, TEST_PASSWORD } from "../support/requests";

const ISSUER = "https://login.example.com/tenant-id/v2.0";
const OFFICE = { OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: "client-id", OIDC_CLIENT_SECRET: "client-secret" };

/** An environment with only these variables (NODE_ENV and the rest take their defaults). */
const only = (variables: Record<string, string>) => variables as unknown as NodeJS.ProcessEnv;

function settingsError(variables: Record<string, string>): string {
  try {
    readSettings(only(variables));
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  return "no error";
}

function identity(email: string, name: string | null = "Someone"): OfficeIdentity {
  return { email, name, issuer: ISSUER, subject: `sub-${email}` };
}

function eventsOf(action: string) {
  return db().select().from(auditEvents).where(eq(auditEvents.action, action)).all();
}

/** Run `work` with office sign-in configured in this process's environment (as the server has it). */
async function withOfficeSignIn<T>(work: () => Promise<T>): Promise<T> {
  Object.assign(process.env, OFFICE);
  try {
    return await work();
  } finally {
    for (const name of Object.keys(OFFICE)) delete process.env[name];
  }
}

afterEach(async () => {
  const admin = await signedInAs("admin");
  await updateSecuritySettings({ changes: { passwordSignIn: true }, actor: { ...admin } });
});

describe("office sign-in settings", () => {
  it("are off when none is set, and read when the three are", () => {
    expect(officeSignInSettings(only({}))).toBeNull();
    const settings = officeSignInSettings(only({ ...OFFICE, OIDC_AUTO_CREATE_DOMAIN: "@Office.Example.org " }));
    expect(settings).toMatchObject({ clientId: "client-id", autoCreateDomain: "office.example.org", emailVerifiedClaim: "email_verified" });
    expect(settings!.issuer.href).toBe(ISSUER);
    expect(settings!.redirectUrl).toBeNull();
  });

  it("half a configuration stops the server with one line naming what is missing", () => {
    expect(settingsError({ OIDC_ISSUER: ISSUER })).toBe(
      "Office sign-in needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET all set (or none): OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are missing",
    );
    expect(settingsError({ OIDC_ISSUER: ISSUER, OIDC_CLIENT_ID: "x" })).toContain("OIDC_CLIENT_SECRET is missing");
    expect(settingsError({ OIDC_AUTO_CREATE_DOMAIN: "example.org" })).toBe(
      "OIDC_AUTO_CREATE_DOMAIN is set but office sign-in is not: set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET too, or unset it",
    );
  });

  it("addresses must be https (http only on this machine), the domain a domain, and the secret is never printed", () => {
    expect(settingsError({ ...OFFICE, OIDC_ISSUER: "http://login.example.com" })).toMatch(/^OIDC_ISSUER must be an https:\/\/ web address/);
    expect(settingsError({ ...OFFICE, OIDC_ISSUER: "not a url" })).toMatch(/^OIDC_ISSUER must be/);
    expect(settingsError({ ...OFFICE, OIDC_ISSUER: "http://127.0.0.1:4000" })).toBe("no error");
    expect(settingsError({ ...OFFICE, OIDC_REDIRECT_URL: "http://tracker.example.org/auth/oidc/callback" })).toMatch(/^OIDC_REDIRECT_URL/);
    expect(settingsError({ ...OFFICE, OIDC_AUTO_CREATE_DOMAIN: "not a domain" })).toMatch(
      /^OIDC_AUTO_CREATE_DOMAIN must be an email domain/,
    );
    expect(settingsError({ ...OFFICE, OIDC_CLIENT_SECRET: "" })).not.toContain("client-secret");
  });
});

describe("who office sign-in lets in", () => {
  it("an active account matched by email in any case, with its own role; audited as an office sign-in", async () => {
    const account = await createUser({
      input: { email: "olivia@example.org", name: "Olivia", role: "manager", password: TEST_PASSWORD },
      actor: null,
    });
    const result = await signInWithOfficeAccount({ identity: identity("Olivia@EXAMPLE.org"), autoCreateDomain: null, ip: "10.0.0.1" });
    expect(result).toMatchObject({ ok: true, created: false, user: { id: account.id, role: "manager" } });
    expect(result.ok && "passwordHash" in result.user).toBe(false);
    const event = eventsOf("sign_in").at(-1)!;
    expect(event).toMatchObject({ actorUserId: account.id, summary: "Signed in with their office account", ip: "10.0.0.1" });
    expect(JSON.parse(event.after!)).toEqual({ method: "office", issuer: ISSUER, subject: "sub-Olivia@EXAMPLE.org" });
  });

  it("a deactivated account and an unknown person are refused, audited, and nothing else is written", async () => {
    const admin = await signedInAs("admin");
    const leaver = await createUser({
      input: { email: "lee@example.org", name: "Lee", role: "officer", password: TEST_PASSWORD },
      actor: null,
    });
    await setUserActive({ id: leaver.id, version: leaver.version, active: false, actor: { ...admin } });
    const usersBefore = db().select().from(users).all().length;

    expect(await signInWithOfficeAccount({ identity: identity("lee@example.org"), autoCreateDomain: null, ip: null })).toEqual({
      ok: false,
      reason: "deactivated",
    });
    expect(await signInWithOfficeAccount({ identity: identity("nobody@example.org"), autoCreateDomain: null, ip: null })).toEqual({
      ok: false,
      reason: "not_set_up",
    });
    const refusals = eventsOf("sign_in_refused").slice(-2);
    expect(refusals.map((e) => JSON.parse(e.after!).reason)).toEqual(["deactivated", "not_set_up"]);
    expect(refusals[0].entityId).toBe(String(leaver.id));
    expect(refusals[1].summary).toBe("Office sign-in refused for nobody@example.org: no account in the tracker for this email");
    expect(db().select().from(users).all()).toHaveLength(usersBefore);
  });

  it("with an auto-create domain, a new person on exactly that domain gets a viewer account (audited); other domains do not", async () => {
    const autoCreateDomain = "office.example.org";
    for (const email of ["a@evil.office.example.org", "b@office.example.org.example.com", "c@example.org"]) {
      expect(await signInWithOfficeAccount({ identity: identity(email), autoCreateDomain, ip: null })).toEqual({
        ok: false,
        reason: "not_set_up",
      });
    }
    const result = await signInWithOfficeAccount({
      identity: identity("Nia.Newcomer@Office.Example.org", "Nia\u0000 Newcomer\r\n"),
      autoCreateDomain,
      ip: null,
    });
    expect(result).toMatchObject({
      ok: true,
      created: true,
      user: { email: "nia.newcomer@office.example.org", name: "Nia Newcomer", role: "viewer" },
    });
    const created = eventsOf("create").at(-1)!;
    expect(created.summary).toBe(
      "Account created for nia.newcomer@office.example.org (viewer) at their first office sign-in, as an email on office.example.org",
    );
    // Its password is one nobody knows.
    expect(await signIn({ email: "nia.newcomer@office.example.org", password: "", ip: null })).toMatchObject({ ok: false });
    // Next time the same account comes in.
    const again = await signInWithOfficeAccount({ identity: identity("nia.newcomer@office.example.org"), autoCreateDomain, ip: null });
    expect(again).toMatchObject({ ok: true, created: false });
  });
});

describe("the password sign-in switch", () => {
  it("off, with office sign-in configured: signIn refuses before checking the password, audited", async () => {
    const admin = await signedInAs("admin");
    const officer = await signedInAs("officer");
    await updateSecuritySettings({ changes: { passwordSignIn: false }, actor: { ...admin }, officeSignInConfigured: true });
    const result = await signIn({ email: officer.email, password: TEST_PASSWORD, ip: "10.0.0.2", officeSignInConfigured: true });
    expect(result).toEqual({ ok: false, reason: "password_sign_in_off" });
    const event = eventsOf("sign_in_refused").at(-1)!;
    expect(JSON.parse(event.after!)).toEqual({ method: "password", reason: "password_sign_in_off" });
    expect(event.ip).toBe("10.0.0.2");
  });

  it("off, and office sign-in no longer configured: passwords work again (nobody can be locked out)", async () => {
    const admin = await signedInAs("admin");
    const officer = await signedInAs("officer");
    await updateSecuritySettings({ changes: { passwordSignIn: false }, actor: { ...admin }, officeSignInConfigured: true });
    expect(await signIn({ email: officer.email, password: TEST_PASSWORD, ip: null })).toMatchObject({ ok: true });
    expect((await readJson(await runLoader(loginLoader, "/login"))).passwordSignIn).toBe(true);
  });

  it("the sign-in page offers what is configured, and the login action refuses a password post (400, audited) when switched off", async () => {
    const admin = await signedInAs("admin");
    const officer = await signedInAs("officer");
    expect(await readJson(await runLoader(loginLoader, "/login"))).toMatchObject({ officeSignIn: false, passwordSignIn: true });
    await withOfficeSignIn(async () => {
      expect(await readJson(await runLoader(loginLoader, "/login"))).toMatchObject({ officeSignIn: true, passwordSignIn: true });
      await updateSecuritySettings({ changes: { passwordSignIn: false }, actor: { ...admin }, officeSignInConfigured: true });
      expect(await readJson(await runLoader(loginLoader, "/login"))).toMatchObject({ officeSignIn: true, passwordSignIn: false });
      const post = await runAction(loginAction, "/login", { email: officer.email, password: TEST_PASSWORD, redirectTo: "/" });
      expect(post.status).toBe(400);
      expect(post.headers.get("Set-Cookie")).toBeNull();
    });
  });
});

describe("the office sign-in routes before a provider is asked", () => {
  it("answer 404 when office sign-in is not configured", async () => {
    expect((await runAction(startAction, "/auth/oidc", { redirectTo: "/" })).status).toBe(404);
    expect((await runLoader(callbackLoader, "/auth/oidc/callback?code=x&state=y")).status).toBe(404);
  });

  it("a callback with no sign-in started in this browser is refused (400), audited, and the provider is never asked", async () => {
    await withOfficeSignIn(async () => {
      const response = await runLoader(callbackLoader, "/auth/oidc/callback?code=a-code&state=a-state");
      expect(response.status).toBe(400);
      expect(await readJson(response)).toMatchObject({ problem: "flow_expired" });
      expect(response.headers.get("Set-Cookie")).toMatch(/tracker_office_sign_in=;.*Max-Age=0/);
      expect(JSON.parse(eventsOf("sign_in_refused").at(-1)!.after!)).toEqual({ method: "office", reason: "flow_expired", issuer: ISSUER });
    });
  });

  it("the sign-in page's form-action allows the provider's origin only when configured", async () => {
    expect(officeSignInFormActionOrigins()).toEqual([]);
    await withOfficeSignIn(async () => expect(officeSignInFormActionOrigins()).toEqual(["https://login.example.com"]));
  });
});
