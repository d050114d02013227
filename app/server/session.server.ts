import { createCookie, redirect } from "@remix-run/node";
import { createSession, endSession, getSessionUser, renewSessionToken, resumeSession } from "~/models/auth.server";
import type { PublicUser } from "~/models/user.server";
import { isProduction, sessionIdleMinutesSetting, sessionMaxHoursSetting, sessionSecret } from "./env.server";
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
    maxAge: sessionMaxHoursSetting() * 3600,
  });
}

/** The session token in the request's cookie, or null when there is none (or it is not signed by us). */
export async function sessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** A Set-Cookie value that removes the session cookie. */
export function clearSessionCookie(): Promise<string> {
  return sessionCookie().serialize("", { maxAge: 0 });
}

type SessionLookup = { user: PublicUser | undefined; staleCookie: boolean };

/**
 * Lookups of the requests in progress, by the id server.ts gives each request and the cookie. Remix hands every
 * loader of one request its own copy of the Request, so the copy cannot be the key; the id header survives the
 * copy. The oldest entries go first: a request's loaders all start within moments of each other.
 */
const lookupsInProgress = new Map<string, Promise<SessionLookup>>();
const LOOKUPS_KEPT = 256;
/** Set by server.ts on every request it hands to Remix (overwriting any the caller sent). */
export const REQUEST_ID_HEADER = "x-tracker-request-id";

/**
 * Who is signed in, and whether the request carries a session cookie that no longer leads anywhere (unknown,
 * ended, idle too long or past its end), which the caller should clear. Looked up once per page request: the
 * root loader and the route's loader share it. A POST is looked up afresh each time, since its action may
 * change the session before the loaders run.
 */
export function readSession(request: Request): Promise<SessionLookup> {
  const requestId = request.headers.get(REQUEST_ID_HEADER);
  if (!requestId || (request.method !== "GET" && request.method !== "HEAD")) return lookUpSession(request);
  const key = `${requestId}\n${request.headers.get("Cookie") ?? ""}`;
  let lookup = lookupsInProgress.get(key);
  if (!lookup) {
    lookup = lookUpSession(request);
    lookupsInProgress.set(key, lookup);
    if (lookupsInProgress.size > LOOKUPS_KEPT) lookupsInProgress.delete(lookupsInProgress.keys().next().value!);
    // A failed lookup is not kept: the next loader tries again.
    lookup.catch(() => lookupsInProgress.delete(key));
  }
  return lookup;
}

async function lookUpSession(request: Request): Promise<SessionLookup> {
  const hasCookie = /(?:^|;\s*)tracker_session=/.test(request.headers.get("Cookie") ?? "");
  const token = await sessionToken(request);
  const user = token ? await resumeSession({ token, idleMinutes: sessionIdleMinutesSetting() }) : undefined;
  return { user, staleCookie: hasCookie && !user };
}

export async function getUser(request: Request): Promise<PublicUser | undefined> {
  return (await readSession(request)).user;
}

/**
 * A same-site path to go to after signing in or a change, or `fallback` (never another host). The target is
 * parsed the way a browser would, against this site, so tabs, newlines, backslashes and encoded slashes cannot
 * turn it into another host: only a target that stays on this origin is kept, as its path, query and fragment.
 */
export function safeRedirectTarget(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/")) return fallback;
  // Any fixed origin serves as the base: only whether the result stays on it matters, and then only its path.
  const base = new URL("http://tracker.example.org");
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin) return fallback;
  const target = url.pathname + url.search + url.hash;
  // A path starting "//" (say "/%2F/evil.example" decoded by something later) would read as another host again.
  return target.startsWith("//") || target.startsWith("/\\") ? fallback : target;
}

/** Sign in: a new session (ending the one the browser had, if any, so a session id is never carried over a sign-in). */
export async function startSession(request: Request, user: PublicUser, redirectTo: string) {
  const previous = await sessionToken(request);
  if (previous) await endSession({ token: previous, user: null });
  const token = await createSession({
    userId: user.id,
    ip: clientIp(request),
    userAgent: request.headers.get("user-agent"),
    maxHours: sessionMaxHoursSetting(),
  });
  return redirect(safeRedirectTarget(redirectTo), {
    headers: { "Set-Cookie": await sessionCookie().serialize(token) },
  });
}

export async function signOut(request: Request) {
  const token = await sessionToken(request);
  if (token) {
    const user = getSessionUser(token, { idleMinutes: sessionIdleMinutesSetting() });
    await endSession({ token, user: user ? { id: user.id, email: user.email } : null, ip: clientIp(request) });
  }
  return redirect("/login?signedOut=1", {
    headers: { "Set-Cookie": await clearSessionCookie() },
  });
}

/**
 * A new session id for the signed-in person after a change of factor or password, keeping the session's start and
 * end (a change of factor does not lengthen it). Returns the Set-Cookie header for the response.
 */
export async function renewSession(request: Request, user: Pick<PublicUser, "id">): Promise<string> {
  const old = await sessionToken(request);
  const fresh =
    (old ? await renewSessionToken({ token: old }) : undefined) ??
    (await createSession({ userId: user.id, ip: clientIp(request), userAgent: request.headers.get("user-agent") }));
  return sessionCookie().serialize(fresh);
}
