import { describe, expect, it } from "vitest";
import { listAuditEvents } from "~/models/audit.server";
import { countSessionsOfUser, issueSetupToken, lockRemainingMs } from "~/models/auth.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { action as setupAction, loader as setupLoader } from "~/routes/setup";
import { loader as dashboardLoader } from "~/routes/_index";
import { readJson, redirectedTo, runAction, runLoader, signedInAs, TEST_PASSWORD } from "../support/requests";

describe("first-run setup", () => {
  it("a setup link creates the first admin once, and then stops working", async () => {
    const token = (await issueSetupToken())!;
    expect(token).toBeTruthy();
    expect((await runLoader(setupLoader, `/setup?token=wrong`)).status).toBe(404);
    expect((await runLoader(setupLoader, `/setup?token=${token}`)).status).toBe(200);

    const short = await runAction(setupAction, "/setup", {
      token,
      name: "Ada",
      email: "ada@example.org",
      password: "short",
      confirmPassword: "short",
    });
    expect(short.status).toBe(400);
    const body = await readJson(short);
    expect(body.fieldErrors.password).toBe("Password must be at least 12 characters");
    expect(body.values.name).toBe("Ada");
    expect(body.values.password).toBeUndefined();

    const ok = await runAction(setupAction, "/setup", {
      token,
      name: "Ada",
      email: "ADA@example.org",
      password: "a long enough passphrase",
      confirmPassword: "a long enough passphrase",
    });
    expect(redirectedTo(ok)).toBe("/");
    expect(ok.headers.get("Set-Cookie")).toMatch(/tracker_session=.*HttpOnly.*SameSite=Lax/i);

    expect((await runLoader(setupLoader, `/setup?token=${token}`)).status).toBe(404);
    const replay = await runAction(setupAction, "/setup", {
      token,
      name: "Eve",
      email: "eve@example.org",
      password: "a long enough passphrase",
      confirmPassword: "a long enough passphrase",
    });
    expect(replay.status).toBe(404);
    expect(await issueSetupToken()).toBeUndefined();
  });
});

describe("sign in and out", () => {
  it("a signed-out visitor is sent to sign in, and comes back afterwards", async () => {
    const response = await runLoader(dashboardLoader, "/");
    expect(redirectedTo(response)).toBe("/login");
  });

  it("signs in with email and password, and a wrong password gets a message at the field", async () => {
    const user = await signedInAs("officer", "signin");
    const wrong = await runAction(loginAction, "/login", { email: user.email, password: "not the password" });
    expect(wrong.status).toBe(400);
    expect((await readJson(wrong)).fieldErrors.email).toBe("Enter a correct email address and password");

    const ok = await runAction(loginAction, "/login", {
      email: user.email.toUpperCase(),
      password: TEST_PASSWORD,
      redirectTo: "/organisations",
    });
    expect(redirectedTo(ok)).toBe("/organisations");
    const events = listAuditEvents({ actorUserId: user.id, action: "sign_in" }).events;
    expect(events).toHaveLength(1);
  });

  it("never redirects off-site after sign-in", async () => {
    const user = await signedInAs("viewer", "offsite");
    const ok = await runAction(loginAction, "/login", { email: user.email, password: TEST_PASSWORD, redirectTo: "//evil.example" });
    expect(redirectedTo(ok)).toBe("/");
  });

  it("slows down repeated failures for one account", async () => {
    const user = await signedInAs("viewer", "throttle");
    for (let i = 0; i < 5; i++) {
      const r = await runAction(loginAction, "/login", { email: user.email, password: `wrong ${i}` });
      expect(r.status).toBe(400);
    }
    const locked = await runAction(loginAction, "/login", { email: user.email, password: TEST_PASSWORD });
    expect(locked.status).toBe(429);
    expect((await readJson(locked)).fieldErrors.email).toMatch(/Too many failed attempts/);
    expect(listAuditEvents({ action: "sign_in_failed" }).events.length).toBeGreaterThanOrEqual(5);
  });

  it("the lock grows with each failure and is capped at 15 minutes", () => {
    const now = Date.parse("2026-11-28T12:00:00Z");
    const last = "2026-11-28T12:00:00.000Z";
    expect(lockRemainingMs({ failures: 4, lastFailureAt: last, now })).toBe(0);
    expect(lockRemainingMs({ failures: 5, lastFailureAt: last, now })).toBe(30_000);
    expect(lockRemainingMs({ failures: 6, lastFailureAt: last, now })).toBe(60_000);
    expect(lockRemainingMs({ failures: 20, lastFailureAt: last, now })).toBe(15 * 60_000);
  });

  it("rejects empty, wrongly typed and hostile input without a 500", async () => {
    for (const body of [
      {},
      { email: "", password: "" },
      { email: "<script>alert(1)</script>", password: "x" },
      { email: "' OR 1=1 --@x.org", password: "' OR 1=1 --" },
    ]) {
      const r = await runAction(loginAction, "/login", body);
      expect(r.status).toBe(400);
    }
  });

  it("signing out ends the session in the database", async () => {
    const user = await signedInAs("viewer", "signout");
    expect(countSessionsOfUser(user.id)).toBe(1);
    const r = await runAction(logoutAction, "/logout", {}, { user });
    expect(redirectedTo(r)).toBe("/login?signedOut=1");
    expect(countSessionsOfUser(user.id)).toBe(0);
    expect(redirectedTo(await runLoader(dashboardLoader, "/", { user }))).toBe("/login");
  });

  it("the login page sends a signed-in user on", async () => {
    const user = await signedInAs("viewer", "already");
    expect(redirectedTo(await runLoader(loginLoader, "/login", { user }))).toBe("/");
  });
});
