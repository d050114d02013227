// Every route file of app/routes, GET and POST, as every role and signed out, against the real server
// (NODE_ENV=production). Each refusal is a 403 that left exactly one audit event, the refusal of that person,
// and wrote nothing else; signed out is sent to sign in with nothing written or recorded; no request answers
// 500. A route file missing from ACCESS fails the walk: a new page must say who may use it.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLE_ORDER, type Role } from "~/domain/permissions";
import { createAccount } from "../support/e2e-accounts";
import { closeDatabaseReaders } from "../support/refusals";
import { httpClient, signInOverHttp, type HttpClient } from "../support/http-client";
import { expectedOutcome, routeFiles, routeUrl, walkOne, type RouteAccess, type WalkRequest } from "../support/role-matrix";
import { seedActionsForBrowserTests, type SeededActions } from "../support/seed-e2e-actions";
import { startServer, type RunningServer } from "../support/server";

/** Who may GET and POST each route file. */
const ACCESS: Record<string, RouteAccess> = {
  "_index.tsx": { get: "viewer", post: "none" },
  "actions.$actionId.tsx": { get: "viewer", post: "officer" },
  "actions._index.tsx": { get: "viewer", post: "officer" },
  "actions[.]csv.ts": { get: "viewer", post: "none" },
  "account._index.tsx": { get: "viewer", post: "none" },
  "account.passkeys.options.ts": { get: "none", post: "viewer" },
  "account.passkeys.tsx": { get: "viewer", post: "viewer" },
  "account.password.tsx": { get: "viewer", post: "viewer" },
  "account.recovery-codes.tsx": { get: "viewer", post: "viewer" },
  "account.two-factor.tsx": { get: "viewer", post: "viewer" },
  "admin.security.tsx": { get: "admin", post: "admin" },
  "admin.users.$userId.second-factor.tsx": { get: "admin", post: "admin" },
  "login_.second-factor.passkey-options.ts": { get: "none", post: "public" },
  "login_.second-factor.tsx": { get: "public", post: "public" },
  "account.sessions.tsx": { get: "viewer", post: "viewer" },
  "auth.oidc.tsx": { get: "public", post: "public" },
  "auth.oidc_.callback.tsx": { get: "public", post: "none" },
  "admin.audit.tsx": { get: "admin", post: "none" },
  "admin.users.$userId._index.tsx": { get: "admin", post: "none" },
  "admin.users.$userId.edit.tsx": { get: "admin", post: "admin" },
  "admin.users.$userId.password.tsx": { get: "admin", post: "admin" },
  "admin.users.$userId.status.tsx": { get: "admin", post: "admin" },
  "admin.users._index.tsx": { get: "admin", post: "none" },
  "admin.users.new.tsx": { get: "admin", post: "admin" },
  "coverage.tsx": { get: "viewer", post: "none" },
  "coverage[.]csv.ts": { get: "viewer", post: "none" },
  "engagements.$engagementId._index.tsx": { get: "viewer", post: "none" },
  "engagements.$engagementId.archive.tsx": { get: "officer", post: "officer" },
  "engagements.$engagementId.edit.tsx": { get: "officer", post: "officer" },
  "engagements.$engagementId.history.tsx": { get: "viewer", post: "none" },
  "engagements.$engagementId.print.tsx": { get: "viewer", post: "none" },
  "engagements.$engagementId.restore.tsx": { get: "officer", post: "officer" },
  "engagements.$engagementId.summary[.]docx.ts": { get: "viewer", post: "none" },
  "engagements._index.tsx": { get: "viewer", post: "none" },
  "engagements.new.tsx": { get: "officer", post: "officer" },
  "engagements.themes.tsx": { get: "viewer", post: "officer" },
  "import._index.tsx": { get: "officer", post: "officer" },
  "too-large.tsx": { get: "viewer", post: "none" },
  "import.$importId._index.tsx": { get: "officer", post: "officer" },
  "import.$importId.undo.tsx": { get: "manager", post: "manager" },
  "login.tsx": { get: "public", post: "public" },
  "logout.ts": { get: "public", post: "public" },
  "organisations.$slug._index.tsx": { get: "viewer", post: "none" },
  "organisations.$slug.archive.tsx": { get: "officer", post: "officer" },
  "organisations.$slug.contacts.$contactId.edit.tsx": { get: "officer", post: "officer" },
  "organisations.$slug.contacts.$contactId.remove.tsx": { get: "officer", post: "officer" },
  "organisations.$slug.contacts.new.tsx": { get: "officer", post: "officer" },
  "organisations.$slug.edit.tsx": { get: "officer", post: "officer" },
  "organisations.$slug.history.tsx": { get: "viewer", post: "none" },
  "organisations.$slug.restore.tsx": { get: "officer", post: "officer" },
  "organisations._index.tsx": { get: "viewer", post: "none" },
  "organisations.new.tsx": { get: "officer", post: "officer" },
  "recommendations.$recommendationId._index.tsx": { get: "viewer", post: "none" },
  "recommendations.$recommendationId.bodies.$organisationId.tsx": { get: "viewer", post: "officer" },
  "recommendations.$recommendationId.edit.tsx": { get: "officer", post: "officer" },
  "recommendations._index.tsx": { get: "viewer", post: "none" },
  "recommendations.references.ts": { get: "officer", post: "none" },
  "recommendations.reports.$reportId._index.tsx": { get: "viewer", post: "none" },
  "recommendations.reports.$reportId.archive.tsx": { get: "officer", post: "officer" },
  "recommendations.reports.$reportId.edit.tsx": { get: "officer", post: "officer" },
  "recommendations.reports.$reportId.import.tsx": { get: "officer", post: "officer" },
  "recommendations.reports._index.tsx": { get: "viewer", post: "none" },
  "recommendations.reports.new.tsx": { get: "officer", post: "officer" },
  "reports.recommendations[.]csv.ts": { get: "viewer", post: "none" },
  "reports._index.tsx": { get: "viewer", post: "none" },
  "reports.actions[.]csv.ts": { get: "viewer", post: "none" },
  "reports.calendar[.]ics.ts": { get: "viewer", post: "none" },
  "reports.engagements[.]csv.ts": { get: "viewer", post: "none" },
  "reports.print.tsx": { get: "viewer", post: "none" },
  "reports.summary[.]docx.ts": { get: "viewer", post: "none" },
  "setup.tsx": { get: "public", post: "public" },
};

/** Forms with no fields, whose allowed post is itself the change (so the walk's empty post makes it). */
const POST_IS_THE_CHANGE: Record<string, string> = {
  "account.recovery-codes.tsx": "making a new set of recovery codes",
  "admin.users.$userId.second-factor.tsx": "the confirmation of resetting a person's second factors",
  "organisations.$slug.contacts.$contactId.remove.tsx": "the confirmation of erasing a contact",
};

const WHO: (Role | null)[] = [null, ...ROLE_ORDER];
const named = (who: Role | null) => (who ? `a ${who}` : "someone signed out");

let server: RunningServer;
let seeded: SeededActions;
const clients = new Map<Role | null, HttpClient>();
const userIds = new Map<Role, number>();
// These ids name nothing: the walk checks who may reach the pages, and a missing record is a plain 404.
const params: Record<string, string> = {
  slug: "national-crime-agency",
  importId: "999999",
  reportId: "999999",
  recommendationId: "999999",
  organisationId: "999999",
};

beforeAll(async () => {
  server = await startServer();
  for (const role of ROLE_ORDER) createAccount(server, role, `walk.${role}@example.org`, `Walking ${role}`);
  // The account the admin pages act on: not a walker, so resetting its factors or status ends no walker's session.
  createAccount(server, "viewer", "walk.target@example.org", "Target of the admin pages");
  const database = new Database(server.databasePath);
  for (const role of ROLE_ORDER)
    userIds.set(role, database.prepare("SELECT id FROM users WHERE email = ?").pluck().get(`walk.${role}@example.org`) as number);
  const now = new Date().toISOString();
  const contactId = database
    .prepare(
      "INSERT INTO contacts (organisation_id, name, created_at, updated_at) SELECT id, 'Walk contact', ?, ? FROM organisations WHERE slug = ?",
    )
    .run(now, now, params.slug).lastInsertRowid;
  // The engagement and its actions are the admin's: the walking officer neither owns them nor leads or recorded it.
  seeded = seedActionsForBrowserTests(server.databasePath, userIds.get("admin")!);
  Object.assign(params, {
    engagementId: String(seeded.engagementId),
    actionId: String(seeded.actionIds["NCA overdue 1"]),
    contactId: String(contactId),
    userId: String(database.prepare("SELECT id FROM users WHERE email = 'walk.target@example.org'").pluck().get()),
  });
  database.close();
  clients.set(null, httpClient(server, null));
  for (const role of ROLE_ORDER) clients.set(role, await signInOverHttp(server, `walk.${role}@example.org`));
});

afterAll(async () => {
  closeDatabaseReaders();
  await server?.stop();
});

it("every route file of app/routes says who may use it", () => {
  expect(routeFiles()).toEqual(Object.keys(ACCESS).sort());
});

describe.each(Object.keys(ACCESS))("%s", (file) => {
  it.each(WHO.map((who) => [named(who), who] as const))("GET and POST as %s", async (_name, who) => {
    const requests: WalkRequest[] = [
      { method: "GET", path: routeUrl(file, params), access: ACCESS[file].get },
      { method: "POST", path: routeUrl(file, params), access: ACCESS[file].post },
    ];
    for (const request of requests) {
      // Signing out would end the walk's session; it is a post anyone may make, and writes only its own event.
      if (file === "logout.ts" && request.method === "POST" && who) continue;
      const label = `${request.method} ${request.path} as ${named(who)}`;
      const outcome = await walkOne(server.databasePath, clients.get(who)!, request);
      const expected = expectedOutcome(request.access, who);
      if (expected === "no such method") {
        expect(outcome, label).toMatchObject({ kind: "answered", status: 405, events: [], wroteNothingElse: true });
        continue;
      }
      // Back to the sign-in page: signed out, posting a sign-out (like any other post); the second-factor step
      // without a password accepted first (a pending sign-in, which the walk never has); and office sign-in, which
      // starts only from the sign-in page's button (a post).
      const backToSignIn =
        (!who && request.method === "POST" && file === "logout.ts") ||
        (!who && file === "login_.second-factor.tsx") ||
        (request.method === "GET" && file === "auth.oidc.tsx");
      expect(outcome.kind, label).toBe(backToSignIn ? "sent to sign in" : expected);
      if (outcome.kind !== "answered" || request.method === "GET" || !(file in POST_IS_THE_CHANGE))
        expect(outcome.wroteNothingElse, `${label} wrote nothing but its audit event`).toBe(true);
      if (outcome.kind === "refused") {
        expect(
          outcome.events.map((e) => ({ action: e.action, actor: e.actor_user_id, entity: e.entity_id })),
          label,
        ).toEqual([{ action: "denied", actor: userIds.get(who!), entity: new URL(request.path, server.baseUrl).pathname }]);
      } else if (outcome.kind === "sent to sign in") {
        expect(outcome.events, label).toEqual([]);
      } else {
        expect(outcome.status, label).toBeLessThan(500);
        // An empty post is bad input to every other form a role may use: answered, nothing written or recorded.
        if (request.method === "POST" && !(file in POST_IS_THE_CHANGE)) expect(outcome.events, label).toEqual([]);
      }
    }
  });
});

describe("the owner rule on the pages that offer a change to one action", () => {
  it.each(WHO.map((who) => [named(who), who] as const))("the form that resolves another officer's follow-up, as %s", async (_name, who) => {
    const path = `/engagements/new?resolves=${seeded.actionIds["NCA next week"]}`;
    const outcome = await walkOne(server.databasePath, clients.get(who)!, { method: "GET", path, access: "officer" });
    expect(outcome.wroteNothingElse).toBe(true);
    if (who === null) expect(outcome.kind).toBe("sent to sign in");
    else if (who === "viewer" || who === "officer") {
      // The viewer by role, the officer (neither its owner nor its engagement's lead or recorder) by the rule.
      expect(outcome.kind).toBe("refused");
      expect(outcome.events.map((e) => [e.action, e.actor_user_id, e.entity_type])).toEqual([
        ["denied", userIds.get(who), who === "viewer" ? "route" : "action"],
      ]);
    } else expect(outcome).toMatchObject({ kind: "answered", status: 200, events: [] });
  });
});
