// The role-by-route table: every route refuses what a role may not do, on the server.
// Each area's test file lists its routes; this turns the list into one test per route and role.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { hasRole, ROLE_ORDER, type Role } from "~/domain/permissions";
import type { HttpClient } from "./http-client";
import { ROOT } from "./paths";
import { auditEventsSince, databaseContents, lastAuditEventId, type AuditRow } from "./refusals";
import { redirectedTo, signedInAs, type TestUser } from "./requests";

export type RouteCase = {
  /** e.g. "POST /organisations/europol/edit" */
  name: string;
  /** The least role allowed. */
  minRole: Role;
  /** Perform the request as this user (null: signed out). */
  run: (user: TestUser | null) => Promise<Response>;
};

export function describeRoleMatrix(area: string, cases: RouteCase[]) {
  describe(`role-by-route table: ${area}`, () => {
    for (const c of cases) {
      it(`${c.name}: signed out is sent to sign in`, async () => {
        const response = await c.run(null);
        expect(redirectedTo(response) ?? "").toMatch(/^\/login/);
      });
      for (const role of ROLE_ORDER) {
        const allowed = ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(c.minRole);
        it(`${c.name}: a ${role} is ${allowed ? "allowed" : "refused with 403"}`, async () => {
          const response = await c.run(await signedInAs(role, "matrix"));
          if (allowed) {
            expect(response.status).not.toBe(403);
            expect(response.status).toBeLessThan(500);
          } else expect(response.status).toBe(403);
        });
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The walk: every route file of app/routes, GET and POST, as every role and signed out, against the real
// server. Each refusal must be a 403 that left exactly one audit event (a refusal of that person) and wrote
// nothing else; signed out is sent to sign in and nothing is written or recorded; nothing answers 500.

/** Who may GET or POST a route file: the least role, "public" (anyone, signed in or not), or "none" (no loader or action). */
export type Access = Role | "public" | "none";
export type RouteAccess = { get: Access; post: Access };

export const ROUTES_DIR = path.join(ROOT, "app/routes");

/** The route files (route-private helpers, `__name`, are not routes). */
export function routeFiles(): string[] {
  return readdirSync(ROUTES_DIR)
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("__"))
    .sort();
}

/** A route file's URL with its parameters filled in: "engagements.$engagementId.edit.tsx" -> "/engagements/12/edit". */
export function routeUrl(file: string, params: Record<string, string>): string {
  // "[.]" is a literal dot inside a segment; every other dot separates segments.
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(/(?<!\[)\.(?!\])/)
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/\[\.\]/g, "."))
    .map((s) => s.replace(/_$/, "")) // a trailing "_" opts out of the parent's layout, not part of the URL
    .map((s) => {
      if (!s.startsWith("$")) return s;
      const value = params[s.slice(1)];
      if (value === undefined) throw new Error(`no value for ${s} in ${file}`);
      return value;
    });
  return `/${segments.join("/")}`;
}

export type WalkRequest = { method: "GET" | "POST"; path: string; access: Access };

export type WalkOutcome =
  | { kind: "refused"; status: number; events: AuditRow[]; wroteNothingElse: boolean }
  | { kind: "sent to sign in"; location: string | null; events: AuditRow[]; wroteNothingElse: boolean }
  | { kind: "answered"; status: number; events: AuditRow[]; wroteNothingElse: boolean };

/** One request of the walk, with what it recorded and whether it wrote anything besides. */
export async function walkOne(databasePath: string, client: HttpClient, request: WalkRequest): Promise<WalkOutcome> {
  const before = databaseContents(databasePath);
  const lastId = lastAuditEventId(databasePath);
  const response = request.method === "GET" ? await client.get(request.path) : await client.post(request.path, {});
  await response.arrayBuffer();
  const events = auditEventsSince(databasePath, lastId);
  const wroteNothingElse = JSON.stringify(databaseContents(databasePath)) === JSON.stringify(before);
  if (response.status === 403) return { kind: "refused", status: 403, events, wroteNothingElse };
  const location = response.headers.get("Location");
  if (response.status >= 300 && response.status < 400 && location?.startsWith("/login"))
    return { kind: "sent to sign in", location, events, wroteNothingElse };
  return { kind: "answered", status: response.status, events, wroteNothingElse };
}

/** What the walk expects of `who` (a role, or null when signed out) at a route that needs `access`. */
export function expectedOutcome(access: Access, who: Role | null): WalkOutcome["kind"] | "no such method" {
  if (access === "none") return "no such method";
  if (access === "public") return "answered";
  if (who === null) return "sent to sign in";
  return hasRole(who, access) ? "answered" : "refused";
}
