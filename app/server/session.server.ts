import { createCookie, redirect } from "@remix-run/node";
import { createSession, discardSession, endSession, getSessionUser } from "~/models/auth.server";
import type { PublicUser } from "~/models/user.server";
import { isProduction, sessionSecret } from "./env.server";
import { clientIp } from "./request.server";

// The session cookie: who is signed in, signing in and signing out.
// Guards (requireUser, requireRole) are in auth.server.ts; flash notices in notices.server.ts.

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

/** A same-site path to go to after signing in or a change, or `fallback` (never another host). */
export function safeRedirectTarget(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
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

/**
 * A new session id for the signed-in person after a change of factor or password: the old session ends and a
 * new one starts. Returns the Set-Cookie header for the response.
 */
export async function renewSession(request: Request, user: Pick<PublicUser, "id">): Promise<string> {
  const old = await sessionToken(request);
  if (old) await discardSession(old);
  const token = await createSession({ userId: user.id, ip: clientIp(request), userAgent: request.headers.get("user-agent") });
  return sessionCookie().serialize(token);
}
