import { createCookie, createCookieSessionStorage, redirect } from "@remix-run/node";
import { recordDenial, type Actor } from "~/models/audit.server";
import { createSession, endSession, getSessionUser } from "~/models/auth.server";
import type { PublicUser } from "~/models/user.server";
import { isProduction, sessionSecret } from "./env.server";
import { hasRole, type Role } from "~/domain/permissions";
import { clientIp } from "./request.server";

function sessionCookie() {
  return createCookie("tracker_session", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/",
    secrets: [sessionSecret()],
    maxAge: 7 * 86400,
  });
}

async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getUser(request: Request): Promise<PublicUser | undefined> {
  const token = await sessionToken(request);
  return token ? getSessionUser(token) : undefined;
}

function safeRedirectTarget(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
export { safeRedirectTarget };

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(request: Request): Promise<PublicUser & { actor: Actor }> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return { ...user, actor: { id: user.id, email: user.email, role: user.role, ip: clientIp(request) } };
}

/** The signed-in user if their role is at least `role`; otherwise a 403, recorded in the audit trail. */
export async function requireRole(request: Request, role: Role) {
  const user = await requireUser(request);
  if (!hasRole(user.role, role)) {
    await recordDenial({ actor: user.actor, method: request.method, path: new URL(request.url).pathname, needed: role });
    throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
  }
  return user;
}

export async function startSession(request: Request, user: PublicUser, redirectTo: string) {
  const token = await createSession({ userId: user.id, ip: clientIp(request), userAgent: request.headers.get("user-agent") });
  return redirect(safeRedirectTarget(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie().serialize(token) },
  });
}

export async function signOut(request: Request) {
  const token = await sessionToken(request);
  if (token) {
    const user = getSessionUser(token);
    await endSession({ token, user: user ? { id: user.id, email: user.email } : null, ip: clientIp(request) });
  }
  return redirect("/login?signedOut=1", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

// ---- flash notices (the notification banner after a successful change) ----

function flashStorage() {
  return createCookieSessionStorage({
    cookie: {
      name: "tracker_flash",
      httpOnly: true,
      sameSite: "lax",
      secure: isProduction(),
      path: "/",
      secrets: [sessionSecret()],
    },
  });
}

type Notice = { title?: string; message: string };

export async function redirectWithNotice(to: string, notice: Notice | string, init: ResponseInit = {}) {
  const storage = flashStorage();
  const session = await storage.getSession();
  session.flash("notice", typeof notice === "string" ? { message: notice } : notice);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await storage.commitSession(session));
  return redirect(to, { ...init, headers });
}

/** Read (and clear) the notice flashed by the previous request. */
export async function takeNotice(request: Request): Promise<{ notice: Notice | null; setCookie: string | null }> {
  const storage = flashStorage();
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("tracker_flash")) return { notice: null, setCookie: null };
  const session = await storage.getSession(cookieHeader);
  const notice = (session.get("notice") as Notice | undefined) ?? null;
  return { notice, setCookie: await storage.commitSession(session) };
}
