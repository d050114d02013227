import { redirect } from "@remix-run/node";
import { recordRefusals, routeRefusal, type Actor } from "~/models/audit.server";
import type { PublicUser } from "~/models/user.server";
import { hasRole, type Role } from "~/domain/permissions";
import { mustSetUpSecondFactor } from "~/models/second-factor/requirement.server";
import { secondFactorRequiredByEnvironment } from "./env.server";
import { clientIp } from "./request.server";
import { clearSessionCookie, readSession } from "./session.server";

// Auth guards for loaders and actions, and the audit row for a refusal.

/**
 * The signed-in user, or a redirect to /login that comes back here afterwards (clearing a session cookie that
 * no longer leads to a live session: ended, idle too long, past its end, or unknown).
 */
export async function requireUser(request: Request): Promise<PublicUser & { actor: Actor }> {
  const { user, staleCookie } = await readSession(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`, {
      headers: staleCookie ? { "Set-Cookie": await clearSessionCookie() } : undefined,
    });
  }
  const { pathname } = new URL(request.url);
  if (
    !SECOND_FACTOR_SETUP_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`)) &&
    mustSetUpSecondFactor({ userId: user.id, requiredByEnvironment: secondFactorRequiredByEnvironment() })
  ) {
    throw redirect("/account/two-factor");
  }
  return { ...user, actor: { id: user.id, email: user.email, role: user.role, ip: clientIp(request) } };
}

// While a second factor is required and the person has none, these are all they may reach.
const SECOND_FACTOR_SETUP_PATHS = ["/account/two-factor", "/account/passkeys", "/account/recovery-codes"];

/** The signed-in user if their role is at least `role`; otherwise a 403, recorded in the audit trail. */
export async function requireRole(request: Request, role: Role) {
  const user = await requireUser(request);
  if (!hasRole(user.role, role)) {
    const refusal = routeRefusal({ method: request.method, path: new URL(request.url).pathname, needed: role, has: user.role });
    await recordRefusals({ actor: user.actor, refusals: [refusal] });
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}
