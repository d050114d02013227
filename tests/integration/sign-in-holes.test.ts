// The sign-in holes of issue 10: the throttle counted before the password is checked, throttling that slows an
// attacker without locking out the holder, bounded password hashing, same-site redirects, and sessions with an
// idle and an absolute end that can be listed and ended.
import { describe, expect, it } from "vitest";
import { db } from "~db/connection";
import { listAuditEvents } from "~/models/audit.server";
import {
  createSession,
  endOtherSessions,
  FREE_ATTEMPTS_PER_ACCOUNT,
  FREE_ATTEMPTS_PER_PAIR,
  listSessionsOfUser,
  renewSessionToken,
  resumeSession,
  signIn,
} from "~/models/auth.server";
import { purgeExpiredRecords } from "~/models/housekeeping.server";
import { HASHING_QUEUE, HASHING_SLOTS, hashingLoad, hashPassword } from "~/models/password.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/account.sessions";
import { loader as organisationsLoader } from "~/routes/organisations._index";
import { safeRedirectTarget } from "~/server/session.server";
import { readSettings } from "~/server/env.server";
import { buildRequest, readJson, redirectedTo, runAction, runLoader, signedInAs, TEST_PASSWORD } from "../support/requests";
import { sessionCookieHeader } from "../support/session";

function loginFrom(ip: string, body: Record<string, string>, cookie?: string) {
  const headers = new Headers({ "x-tracker-client-ip": ip, "Content-Type": "application/x-www-form-urlencoded" });
  if (cookie) headers.set("Cookie", cookie);
  const request = new Request("http://localhost:3000/login", { method: "POST", headers, body: new URLSearchParams(body) });
  return Promise.resolve(loginAction({ request, params: {}, context: {} })).then(
    (r) => r as Response,
    (thrown) => thrown as Response,
  );
}

const failuresChecked = (email: string) =>
  listAuditEvents({ action: "sign_in_failed" }).events.filter((e) => e.summary.includes(email)).length;

describe("the throttle cannot be raced", () => {
  it("20 wrong passwords sent at once for one account: at most the free number are checked, the rest refused", async () => {
    const user = await signedInAs("viewer", "race");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn({ email: user.email, password: `wrong guess ${i}`, ip: "198.51.100.7" })),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(FREE_ATTEMPTS_PER_PAIR);
    expect(checked).toBeGreaterThan(0);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBe(20 - checked);
    expect(failuresChecked(user.email)).toBe(checked);
  });
});

describe("throttling slows an attacker without locking out the holder", () => {
  it("the holder's usual address still gets in while another address hammers the account; the attacker stays slowed", async () => {
    const holder = await signedInAs("admin", "holder");
    const home = "192.0.2.10";
    // The holder has signed in from their desk before.
    expect(redirectedTo(await loginFrom(home, { email: holder.email, password: TEST_PASSWORD }))).toBe("/");

    const attacker = "203.0.113.66";
    const statuses: number[] = [];
    for (let i = 0; i < FREE_ATTEMPTS_PER_PAIR + 3; i++)
      statuses.push((await loginFrom(attacker, { email: holder.email, password: `guess ${i}` })).status);
    expect(statuses.slice(0, FREE_ATTEMPTS_PER_PAIR)).toEqual(Array(FREE_ATTEMPTS_PER_PAIR).fill(400));
    expect(statuses.slice(FREE_ATTEMPTS_PER_PAIR)).toEqual([429, 429, 429]);
    // Even the right password is refused from the attacker's address while it is slowed.
    const refused = await loginFrom(attacker, { email: holder.email, password: TEST_PASSWORD });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);

    // The holder at their desk gets in.
    expect(redirectedTo(await loginFrom(home, { email: holder.email, password: TEST_PASSWORD }))).toBe("/");
  });

  it("many addresses together reach the account's ceiling: a new address is slowed, the holder's usual one is not", async () => {
    const holder = await signedInAs("manager", "ceiling");
    const home = "192.0.2.20";
    expect(redirectedTo(await loginFrom(home, { email: holder.email, password: TEST_PASSWORD }))).toBe("/");
    // A spread-out attack: a few guesses from each of many addresses, each under its pair's free number.
    for (let i = 0; i < FREE_ATTEMPTS_PER_ACCOUNT; i++) {
      const r = await loginFrom(`203.0.113.${100 + Math.floor(i / 2)}`, { email: holder.email, password: `guess ${i}` });
      expect(r.status).toBe(400);
    }
    const fresh = await loginFrom("203.0.113.250", { email: holder.email, password: TEST_PASSWORD });
    expect(fresh.status).toBe(429);
    expect(redirectedTo(await loginFrom(home, { email: holder.email, password: TEST_PASSWORD }))).toBe("/");
  });

  it("an address that failed for many accounts cannot lock out an account that signs in from there", async () => {
    const office = "192.0.2.30";
    const admin = await signedInAs("admin", "office");
    expect(redirectedTo(await loginFrom(office, { email: admin.email, password: TEST_PASSWORD }))).toBe("/");
    for (let i = 0; i < 25; i++) await loginFrom(office, { email: `nobody${i}@example.org`, password: "a wrong password" });
    expect((await loginFrom(office, { email: "nobody-else@example.org", password: "a wrong password" })).status).toBe(429);
    expect(redirectedTo(await loginFrom(office, { email: admin.email, password: TEST_PASSWORD }))).toBe("/");
  });
});

describe("password hashing is bounded", () => {
  it(`runs ${HASHING_SLOTS} at once with ${HASHING_QUEUE} waiting; beyond that a sign-in gets 503 with Retry-After and the email kept`, async () => {
    const user = await signedInAs("viewer", "busy");
    // Fill the slots and the line with hashes that wait their turn (an admin's changes), then try to sign in.
    const fillers = Array.from({ length: HASHING_SLOTS + HASHING_QUEUE }, () => hashPassword("a filler password"));
    expect(hashingLoad()).toEqual({ running: HASHING_SLOTS, waiting: HASHING_QUEUE });
    const busy = await loginFrom("192.0.2.40", { email: user.email, password: TEST_PASSWORD });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("Retry-After")).toBe("5");
    const body = await readJson(busy);
    expect(body.fieldErrors.email).toBe("Too many people are signing in at once; try again shortly");
    expect(body.values.email).toBe(user.email);
    await Promise.all(fillers);
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
    // The refused attempt was never checked, so it does not count against the person.
    expect(db().$client.prepare("SELECT count(*) FROM sign_in_failures WHERE key LIKE ?").pluck().get(`%${user.email}%`)).toBe(0);
    expect(redirectedTo(await loginFrom("192.0.2.40", { email: user.email, password: TEST_PASSWORD }))).toBe("/");
  });
});

describe("redirect targets after sign-in stay on this site", () => {
  it.each([
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["/\r\n/evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["//evil.example", "/"],
    ["///evil.example", "/"],
    ["https://evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/ /evil.example", "/%20/evil.example"],
    ["/%2F/evil.example", "/%2F/evil.example"],
    ["/%2f%2fevil.example", "/%2f%2fevil.example"],
    ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
    ["/organisations?q=a#top", "/organisations?q=a#top"],
    ["/engagements/../admin/users", "/admin/users"],
  ])("%j goes to %j", (target, expected) => {
    expect(safeRedirectTarget(target)).toBe(expected);
  });

  it("the sign-in page puts only a same-site path in its form, and signing in lands there", async () => {
    const user = await signedInAs("viewer", "redirect");
    const page = await runLoader(loginLoader, `/login?redirectTo=${encodeURIComponent("/\t/evil.example")}`);
    expect((await readJson(page)).redirectTo).toBe("/");
    const signed = await loginFrom("192.0.2.50", { email: user.email, password: TEST_PASSWORD, redirectTo: "/\t/evil.example" });
    expect(redirectedTo(signed)).toBe("/");
  });
});

describe("sessions", () => {
  const minutes = (n: number) => n * 60_000;

  it("end after the idle time without use, and at the absolute end however busy", async () => {
    const user = await signedInAs("viewer", "idle");
    const start = Date.now();
    const token = await createSession({ userId: user.id, maxHours: 12 });
    expect(await resumeSession({ token, idleMinutes: 30, now: start + minutes(29) })).toMatchObject({ id: user.id });
    // Used at minute 29, so alive at minute 58, then idle for 30 minutes.
    expect(await resumeSession({ token, idleMinutes: 30, now: start + minutes(58) })).toMatchObject({ id: user.id });
    expect(await resumeSession({ token, idleMinutes: 30, now: start + minutes(89) })).toBeUndefined();

    const busy = await createSession({ userId: user.id, maxHours: 12 });
    for (let t = 20; t < 12 * 60; t += 20)
      expect(await resumeSession({ token: busy, idleMinutes: 30, now: start + minutes(t) })).toBeDefined();
    expect(await resumeSession({ token: busy, idleMinutes: 30, now: start + minutes(12 * 60 + 1) })).toBeUndefined();
  });

  it("write last seen at most once a minute, not on every request", async () => {
    const user = await signedInAs("viewer", "lastseen");
    const token = await createSession({ userId: user.id });
    const lastSeen = () =>
      db()
        .$client.prepare("SELECT last_seen_at FROM sessions WHERE user_id = ? ORDER BY rowid DESC LIMIT 1")
        .pluck()
        .get(user.id) as string;
    const first = lastSeen();
    const start = new Date(first).getTime();
    for (let s = 1; s < 60; s += 10) await resumeSession({ token, now: start + s * 1000 });
    expect(lastSeen()).toBe(first);
    await resumeSession({ token, now: start + 61_000 });
    expect(lastSeen()).toBe(new Date(start + 61_000).toISOString());
  });

  it("a stale or unknown cookie is cleared and the person sent to sign in", async () => {
    const user = await signedInAs("viewer", "stale");
    const token = await createSession({ userId: user.id });
    const cookie = await sessionCookieHeader(token);
    db()
      .$client.prepare("UPDATE sessions SET last_seen_at = ? WHERE user_id = ? AND last_seen_at IS NOT NULL")
      .run("2000-01-01T00:00:00.000Z", user.id);
    for (const sent of [cookie, await sessionCookieHeader("a-token-nobody-issued")]) {
      const request = buildRequest("/organisations");
      request.headers.set("Cookie", sent);
      let response: Response;
      try {
        response = (await organisationsLoader({ request, params: {}, context: {} })) as Response;
      } catch (thrown) {
        response = thrown as Response;
      }
      expect(redirectedTo(response)).toBe("/login?redirectTo=%2Forganisations");
      expect(response.headers.get("Set-Cookie")).toMatch(/^tracker_session=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/);
    }
  });

  it("a sign-in gives a new session id and ends the one the browser had", async () => {
    const user = await signedInAs("officer", "renew");
    const before = await createSession({ userId: user.id });
    const cookie = await sessionCookieHeader(before);
    const ok = await loginFrom("192.0.2.60", { email: user.email, password: TEST_PASSWORD }, cookie);
    expect(redirectedTo(ok)).toBe("/");
    expect(ok.headers.get("Set-Cookie")).not.toContain(cookie);
    expect(await resumeSession({ token: before })).toBeUndefined();
  });

  it("renewing a session gives it a new token and retires the old one", async () => {
    const user = await signedInAs("officer", "renewal");
    const token = await createSession({ userId: user.id });
    const fresh = (await renewSessionToken({ token }))!;
    expect(fresh).not.toBe(token);
    expect(await resumeSession({ token })).toBeUndefined();
    expect(await resumeSession({ token: fresh })).toMatchObject({ id: user.id });
  });

  it("the sessions page lists a person's sessions and ends one or every other, audited", async () => {
    const user = await signedInAs("officer", "sessions");
    const other = await signedInAs("viewer", "someone-else");
    const phone = await createSession({ userId: user.id, ip: "192.0.2.70", userAgent: "Mozilla/5.0 (iPhone) Safari/604.1" });
    const laptop = await createSession({ userId: user.id, ip: "192.0.2.71", userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/130.0" });

    const page = await readJson(await runLoader(sessionsLoader, "/account/sessions", { user }));
    expect(page.sessions).toHaveLength(3);
    expect(page.sessions[0].current).toBe(true);
    expect(page.sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(page.sessions.map((s: { ip: string }) => s.ip)).toEqual(expect.arrayContaining(["192.0.2.70", "192.0.2.71"]));
    expect(JSON.stringify(page)).not.toMatch(/[0-9a-f]{64}/); // no session id (a token's hash) on the page

    const phoneHandle = page.sessions.find((s: { ip: string }) => s.ip === "192.0.2.70").handle;
    const one = await runAction(sessionsAction, "/account/sessions", { intent: "end-one", session: phoneHandle }, { user });
    expect(redirectedTo(one)).toBe("/account/sessions");
    expect(await resumeSession({ token: phone })).toBeUndefined();
    expect(await resumeSession({ token: laptop })).toBeDefined();

    // Another person's session handle does nothing.
    const theirs = listSessionsOfUser({ userId: other.id, token: "none" })[0].handle;
    await runAction(sessionsAction, "/account/sessions", { intent: "end-one", session: theirs }, { user });
    expect(listSessionsOfUser({ userId: other.id, token: "none" })).toHaveLength(1);

    const all = await runAction(sessionsAction, "/account/sessions", { intent: "end-others" }, { user });
    expect(redirectedTo(all)).toBe("/account/sessions");
    expect(await resumeSession({ token: laptop })).toBeUndefined();
    expect((await readJson(await runLoader(sessionsLoader, "/account/sessions", { user }))).sessions).toHaveLength(1);
    expect(listAuditEvents({ actorUserId: user.id, action: "sessions_ended" }).events.map((e) => e.summary)).toEqual([
      "Signed out of every other session (1)",
      "Signed out of another session",
    ]);
    expect((await runAction(sessionsAction, "/account/sessions", { intent: "end-one", session: "<script>" }, { user })).status).toBe(400);
    expect(await endOtherSessions({ actor: { ...user, ip: null }, token: "none", handle: "0".repeat(24) })).toBe(0);
  });

  it("idle and ended sessions are purged by housekeeping", async () => {
    const user = await signedInAs("viewer", "purge");
    const token = await createSession({ userId: user.id });
    const later = new Date(Date.now() + minutes(31));
    await purgeExpiredRecords({ now: later, sessionIdleMinutes: 30 });
    expect(db().$client.prepare("SELECT count(*) FROM sessions WHERE user_id = ?").pluck().get(user.id)).toBe(0);
    expect(await resumeSession({ token })).toBeUndefined();
  });

  it("SESSION_IDLE_MINUTES and SESSION_MAX_HOURS are checked, with defaults of 30 minutes and 12 hours", () => {
    expect(readSettings({ NODE_ENV: "test" }).SESSION_IDLE_MINUTES).toBe(30);
    expect(readSettings({ NODE_ENV: "test" }).SESSION_MAX_HOURS).toBe(12);
    expect(readSettings({ NODE_ENV: "test", SESSION_IDLE_MINUTES: "15", SESSION_MAX_HOURS: "8" })).toMatchObject({
      SESSION_IDLE_MINUTES: 15,
      SESSION_MAX_HOURS: 8,
    });
    expect(() => readSettings({ NODE_ENV: "test", SESSION_IDLE_MINUTES: "0" })).toThrow(
      /SESSION_IDLE_MINUTES must be a whole number from 1/,
    );
    expect(() => readSettings({ NODE_ENV: "test", SESSION_MAX_HOURS: "half a day" })).toThrow(/SESSION_MAX_HOURS must be a whole number/);
  });
});
