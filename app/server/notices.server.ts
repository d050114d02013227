import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { isProduction, sessionSecret } from "./env.server";

// Flash notices: the notification banner after a successful change, carried across one redirect.

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
