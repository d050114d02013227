import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { passkeys, pendingSignIns, totpFactors } from "~db/schema";
import { listAuditEvents } from "~/models/audit.server";
import { countSessionsOfUser, createSession } from "~/models/auth.server";
import { resetSecondFactors, secondFactorSummary } from "~/models/second-factor/manage.server";
import { countUnusedRecoveryCodes, regenerateRecoveryCodes } from "~/models/second-factor/recovery-codes.server";
import { listPasskeys, registerPasskey, removePasskey } from "~/models/second-factor/passkeys.server";
import { mustSetUpSecondFactor } from "~/models/second-factor/requirement.server";
import {
  completeSignInWithRecoveryCode,
  completeSignInWithTotp,
  getPendingSignIn,
  MAX_SECOND_FACTOR_ATTEMPTS,
  startPendingSignIn,
} from "~/models/second-factor/sign-in.server";
import { beginTotpSetup, confirmTotpSetup, removeTotp, totpState } from "~/models/second-factor/totp.server";
import { readSecuritySettings, updateSecuritySettings } from "~/models/settings.server";
import { createUser, type PublicUser } from "~/models/user.server";
import { loader as dashboardLoader } from "~/routes/_index";
import { loader as twoFactorLoader } from "~/routes/account.two-factor";
import { action as loginAction } from "~/routes/login";
import { action as secondFactorAction } from "~/routes/login_.second-factor";
import { action as securityAction } from "~/routes/admin.security";
import { action as passkeyOptionsAction } from "~/routes/login_.second-factor.passkey-options";
import { pendingSignInSetCookie, secondFactorSecretKey } from "~/server/second-factor.server";
import { buildRequest, redirectedTo, runAction, runLoader, signedInAs, TEST_PASSWORD, type TestUser } from "../support/requests";
import { sessionCookieHeader } from "../support/session";

const key = () => secondFactorSecretKey();
let counter = 0;

async function newPerson(): Promise<PublicUser> {
  counter += 1;
  return createUser({
    input: { email: `person${counter}@example.org`, name: `Person ${counter}`, role: "officer", password: TEST_PASSWORD },
    actor: null,
  });
}

const actorOf = (user: PublicUser) => ({ id: user.id, email: user.email, role: user.role, ip: "127.0.0.1" });

/** The code an authenticator app would show at `at` (ms) for the secret being set up or stored. */
function codeAt(secret: string, at: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: at });
}

/** A person with a confirmed authenticator app; returns their secret, their recovery codes and the time the app was confirmed. */
async function withAuthenticatorApp(user: PublicUser, now = Date.now()) {
  await beginTotpSetup({ actor: actorOf(user), key: key() });
  const state = totpState({ user, key: key() });
  if (state.status !== "setting-up") throw new Error("not setting up");
  const result = await confirmTotpSetup({ actor: actorOf(user), code: codeAt(state.secret, now), key: key(), now });
  if (!result.ok) throw new Error(result.message);
  return { secret: state.secret, recoveryCodes: result.recoveryCodes, now };
}

describe("authenticator app (TOTP)", () => {
  it("is set up only after a right code; the secret is stored encrypted; a wrong code is audited and changes nothing", async () => {
    const user = await newPerson();
    await beginTotpSetup({ actor: actorOf(user), key: key() });
    const state = totpState({ user, key: key() });
    expect(state.status).toBe("setting-up");
    if (state.status !== "setting-up") return;
    expect(state.uri).toMatch(/^otpauth:\/\/totp\//);
    const stored = db().select().from(totpFactors).where(eq(totpFactors.userId, user.id)).get()!;
    expect(stored.secretEncrypted).not.toContain(state.secret);
    expect(totpState({ user, key: Buffer.alloc(32, 7) }).status).toBe("none"); // another key cannot read it

    const now = Date.now();
    const wrongCode = String((Number(codeAt(state.secret, now)) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirmTotpSetup({ actor: actorOf(user), code: wrongCode, key: key(), now })).toMatchObject({ ok: false });
    expect(totpState({ user, key: key() }).status).toBe("setting-up");
    expect(listAuditEvents({ actorUserId: user.id, action: "second_factor_refused" }).events).toHaveLength(1);
    expect(mustSetUpSecondFactor({ userId: user.id, requiredByEnvironment: true })).toBe(true);

    const ok = await confirmTotpSetup({ actor: actorOf(user), code: codeAt(state.secret, now), key: key(), now });
    expect(ok.ok && ok.recoveryCodes).toHaveLength(10);
    expect(totpState({ user, key: key() }).status).toBe("on");
    expect(countUnusedRecoveryCodes(user.id)).toBe(10);
    expect(listAuditEvents({ actorUserId: user.id, action: "second_factor_added" }).events).toHaveLength(1);
  });

  it("accepts a code one step either side, and never the same step twice", async () => {
    const user = await newPerson();
    const start = Date.now();
    const { secret } = await withAuthenticatorApp(user, start);
    const signInAt = async (code: string, now: number) =>
      completeSignInWithTotp({
        token: await startPendingSignIn({ userId: user.id, ip: null, redirectTo: "/" }),
        code,
        key: key(),
        ip: null,
        now,
      });

    // The code that confirmed the app cannot sign in: its step is used.
    expect(await signInAt(codeAt(secret, start), start)).toMatchObject({ ok: false, reason: "wrong" });
    // Two steps ahead of the clock is outside the window.
    expect(await signInAt(codeAt(secret, start + 60_000 + 60_000), start + 60_000)).toMatchObject({ ok: false, reason: "wrong" });
    // One step behind the clock is inside it.
    const behind = codeAt(secret, start + 60_000);
    expect(await signInAt(behind, start + 90_000)).toMatchObject({ ok: true });
    // ...and then that code is spent, even within its window.
    expect(await signInAt(behind, start + 90_000)).toMatchObject({ ok: false, reason: "wrong" });
    const replays = listAuditEvents({ actorUserId: user.id, action: "sign_in_second_factor_failed" }).events;
    expect(replays.some((e) => e.summary.includes("a code already used"))).toBe(true);
  });
});

describe("recovery codes", () => {
  it("each works once and not twice; new codes replace the old", async () => {
    const user = await newPerson();
    const { recoveryCodes } = await withAuthenticatorApp(user);
    const use = async (code: string) =>
      completeSignInWithRecoveryCode({ token: await startPendingSignIn({ userId: user.id, ip: null, redirectTo: "/" }), code, ip: null });
    expect(await use(recoveryCodes[0].toUpperCase().replace("-", " "))).toMatchObject({ ok: true });
    expect(countUnusedRecoveryCodes(user.id)).toBe(9);
    expect(await use(recoveryCodes[0])).toMatchObject({ ok: false, reason: "wrong" });
    expect(listAuditEvents({ actorUserId: user.id, action: "sign_in" }).events[0].summary).toMatch(/recovery code \(9 left\)/);

    const fresh = await regenerateRecoveryCodes({ actor: actorOf(user) });
    expect(fresh).toHaveLength(10);
    expect(await use(recoveryCodes[1])).toMatchObject({ ok: false });
    expect(await use(fresh[0])).toMatchObject({ ok: true });
  });

  it("are not made for a person without a second factor (refused and audited)", async () => {
    const user = await newPerson();
    await expect(regenerateRecoveryCodes({ actor: actorOf(user) })).rejects.toThrow(/first/);
    expect(listAuditEvents({ actorUserId: user.id, action: "second_factor_refused" }).events).toHaveLength(1);
  });
});

describe("pending sign-in", () => {
  it("expires after its few minutes", async () => {
    const user = await newPerson();
    const { secret } = await withAuthenticatorApp(user, Date.now() - 120_000);
    const token = await startPendingSignIn({ userId: user.id, ip: null, redirectTo: "/" });
    expect(getPendingSignIn(token)?.methods).toEqual({ totp: true, passkeys: false, recoveryCodes: true });
    db()
      .update(pendingSignIns)
      .set({ expiresAt: new Date(Date.now() - 1000).toISOString() })
      .where(eq(pendingSignIns.userId, user.id))
      .run();
    expect(getPendingSignIn(token)).toBeUndefined();
    expect(await completeSignInWithTotp({ token, code: codeAt(secret, Date.now()), key: key(), ip: null })).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(listAuditEvents({ action: "sign_in_second_factor_expired" }).events.length).toBeGreaterThan(0);
  });

  it(`ends after ${MAX_SECOND_FACTOR_ATTEMPTS} wrong codes, each audited, and then even the right code is refused`, async () => {
    const user = await newPerson();
    const { secret } = await withAuthenticatorApp(user, Date.now() - 120_000);
    const token = await startPendingSignIn({ userId: user.id, ip: null, redirectTo: "/" });
    const results = [];
    for (let i = 0; i < MAX_SECOND_FACTOR_ATTEMPTS; i++)
      results.push(await completeSignInWithRecoveryCode({ token, code: "aaaaa-aaaaa", ip: null }));
    expect(results.at(0)).toEqual({ ok: false, reason: "wrong", attemptsLeft: MAX_SECOND_FACTOR_ATTEMPTS - 1 });
    expect(results.at(-1)).toEqual({ ok: false, reason: "locked" });
    expect(await completeSignInWithTotp({ token, code: codeAt(secret, Date.now()), key: key(), ip: null })).toMatchObject({
      reason: "expired",
    });
    expect(listAuditEvents({ actorUserId: user.id, action: "sign_in_second_factor_failed" }).events).toHaveLength(
      MAX_SECOND_FACTOR_ATTEMPTS - 1,
    );
    expect(listAuditEvents({ actorUserId: user.id, action: "sign_in_second_factor_locked" }).events).toHaveLength(1);
    expect(countSessionsOfUser(user.id)).toBe(0);
  });

  it("through the pages: the password gives no session, only the pending cookie; the code gives a fresh session", async () => {
    const user = await newPerson();
    const { secret } = await withAuthenticatorApp(user, Date.now() - 120_000);
    const password = await runAction(loginAction, "/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "/actions" });
    expect(redirectedTo(password)).toBe("/login/second-factor");
    const setCookie = password.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/^tracker_pending_sign_in=.*Max-Age=300.*HttpOnly/i);
    expect(setCookie).not.toContain("tracker_session");
    expect(countSessionsOfUser(user.id)).toBe(0);
    expect(listAuditEvents({ actorUserId: user.id, action: "sign_in_password" }).events).toHaveLength(1);

    const request = buildRequest("/login/second-factor", { body: { intent: "totp", code: codeAt(secret, Date.now()) } });
    request.headers.set("Cookie", setCookie.split(";")[0]);
    const done = (await secondFactorAction({ request, params: {}, context: {} })) as Response;
    expect(redirectedTo(done)).toBe("/actions");
    expect(done.headers.get("Set-Cookie")).toMatch(/tracker_session=/);
    expect(countSessionsOfUser(user.id)).toBe(1);
    expect(listAuditEvents({ actorUserId: user.id, action: "sign_in" }).events[0].summary).toMatch(/authenticator app/);
  });
});

describe("a required second factor", () => {
  it("sends a person without one to set it up before anything else, by the admin setting or REQUIRE_MFA", async () => {
    const admin = await signedInAs("admin", "mfa-admin");
    const person: TestUser = await signedInAs("viewer", "mfa-person");
    expect((await runLoader(dashboardLoader, "/", { user: person })).status).toBe(200);

    process.env.REQUIRE_MFA = "true";
    try {
      expect(redirectedTo(await runLoader(dashboardLoader, "/", { user: person }))).toBe("/account/two-factor");
      expect((await runLoader(twoFactorLoader, "/account/two-factor", { user: person })).status).toBe(200);
    } finally {
      delete process.env.REQUIRE_MFA;
    }
    expect((await runLoader(dashboardLoader, "/", { user: person })).status).toBe(200);

    const saved = await runAction(securityAction, "/admin/security", { requireSecondFactor: "on", passwordSignIn: "on" }, { user: admin });
    expect(redirectedTo(saved)).toBe("/admin/security");
    expect(readSecuritySettings().requireSecondFactor).toBe(true);
    expect(redirectedTo(await runLoader(dashboardLoader, "/", { user: person }))).toBe("/account/two-factor");

    // Once they have one they get through, and cannot remove their last one while it is required.
    await withAuthenticatorApp(person);
    expect((await runLoader(dashboardLoader, "/", { user: person })).status).toBe(200);
    await expect(removeTotp({ actor: actorOf(person), requiredByEnvironment: false })).rejects.toThrow(/required/);
    expect(totpState({ user: person, key: key() }).status).toBe("on");
    await updateSecuritySettings({ changes: { requireSecondFactor: false }, actor: actorOf(admin) });
    await removeTotp({ actor: actorOf(person), requiredByEnvironment: false });
    expect(secondFactorSummary(person.id)).toEqual({ totpSince: null, passkeys: [], recoveryCodesLeft: 0 });
  });

  it("password sign-in cannot be switched off until office sign-in is configured; the refusal is audited", async () => {
    const admin = await signedInAs("admin", "pw-admin");
    const refused = await runAction(
      securityAction,
      "/admin/security",
      { requireSecondFactor: "off", passwordSignIn: "off" },
      { user: admin },
    );
    expect(refused.status).toBe(400);
    expect(readSecuritySettings().passwordSignIn).toBe(true);
    expect(listAuditEvents({ actorUserId: admin.id, action: "update_refused" }).events).toHaveLength(1);
    const office = { OIDC_ISSUER: "https://login.example.com/tenant/v2.0", OIDC_CLIENT_ID: "tracker", OIDC_CLIENT_SECRET: "a-secret" };
    Object.assign(process.env, office);
    try {
      const ok = await runAction(securityAction, "/admin/security", { requireSecondFactor: "off", passwordSignIn: "off" }, { user: admin });
      expect(redirectedTo(ok)).toBe("/admin/security");
      expect(readSecuritySettings().passwordSignIn).toBe(false);
    } finally {
      for (const name of Object.keys(office)) delete process.env[name];
      await updateSecuritySettings({ changes: { passwordSignIn: true }, actor: actorOf(admin), officeSignInConfigured: true });
    }
  });
});

describe("admin reset", () => {
  it("removes every factor and recovery code, ends the sessions and is audited", async () => {
    const admin = await signedInAs("admin", "reset-admin");
    const user = await newPerson();
    await withAuthenticatorApp(user);
    const token = await createSession({ userId: user.id, ip: null });
    expect(await sessionCookieHeader(token)).toBeTruthy();
    await startPendingSignIn({ userId: user.id, ip: null, redirectTo: "/" });
    await resetSecondFactors({ userId: user.id, actor: actorOf(admin) });
    expect(secondFactorSummary(user.id)).toEqual({ totpSince: null, passkeys: [], recoveryCodesLeft: 0 });
    expect(countSessionsOfUser(user.id)).toBe(0);
    expect(db().select().from(pendingSignIns).where(eq(pendingSignIns.userId, user.id)).all()).toHaveLength(0);
    const [event] = listAuditEvents({ actorUserId: admin.id, action: "second_factor_reset" }).events;
    expect(event.summary).toContain(user.email);
    // Signing in now needs the password only.
    const password = await runAction(loginAction, "/login", { email: user.email, password: TEST_PASSWORD });
    expect(password.headers.get("Set-Cookie")).toMatch(/tracker_session=/);
  });
});

describe("passkeys and hostile requests", () => {
  it("a person cannot remove someone else's passkey, and an answer without a challenge is refused and audited", async () => {
    const owner = await newPerson();
    const other = await newPerson();
    db()
      .insert(passkeys)
      .values({
        credentialId: "owner-credential",
        userId: owner.id,
        name: "Owner's key",
        publicKey: "AA",
        createdAt: new Date().toISOString(),
      })
      .run();
    await expect(removePasskey({ actor: actorOf(other), credentialId: "owner-credential", requiredByEnvironment: false })).rejects.toThrow(
      /not one of yours/,
    );
    expect(listPasskeys(owner.id)).toHaveLength(1);

    await expect(
      registerPasskey({
        actor: actorOf(other),
        name: "Forged",
        response: {
          id: "x",
          rawId: "x",
          type: "public-key",
          response: { clientDataJSON: "", attestationObject: "" },
          clientExtensionResults: {},
        },
        relyingParty: { rpID: "localhost", origin: ["http://localhost"] },
      }),
    ).rejects.toThrow(/took too long/);
    expect(listPasskeys(other.id)).toHaveLength(0);
    expect(listAuditEvents({ actorUserId: other.id, action: "second_factor_refused" }).events).toHaveLength(1);
  });

  it("the second-factor page answers a post without a pending sign-in, or with a malformed passkey answer, without a 500", async () => {
    const noCookie = await runAction(secondFactorAction, "/login/second-factor", { intent: "totp", code: "123456" });
    expect(redirectedTo(noCookie)).toBe("/login");
    const options = await runAction(passkeyOptionsAction, "/login/second-factor/passkey-options", {});
    expect(options.status).toBe(401);

    const user = await newPerson();
    await withAuthenticatorApp(user, Date.now() - 120_000);
    const token = await startPendingSignIn({ userId: user.id, ip: null, redirectTo: "/" });
    const cookie = (await pendingSignInSetCookie(token)).split(";")[0];
    for (const body of [
      { intent: "passkey", response: "not json" },
      { intent: "passkey", response: "[1,2]" },
      { intent: "passkey", response: JSON.stringify({ id: 5 }) },
      { intent: "recovery", recoveryCode: "short" },
      { intent: "totp", code: "12345\u0000" },
      { intent: "nonsense" },
    ]) {
      const request = buildRequest("/login/second-factor", { body });
      request.headers.set("Cookie", cookie);
      const response = (await secondFactorAction({ request, params: {}, context: {} })) as Response;
      expect(response.status).toBe(400);
    }
    expect(countSessionsOfUser(user.id)).toBe(0);
  });
});
