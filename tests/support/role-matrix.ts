// The role-by-route table: every route refuses what a role may not do, on the server.
// Each area's test file lists its routes; this turns the list into one test per route and role.
import { describe, expect, it } from "vitest";
import { ROLE_ORDER, type Role } from "~/domain/permissions";
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
