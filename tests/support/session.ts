// Acting as a user in tests and benchmarks: the Cookie header a browser holding a session token sends.
import { createCookie } from "@remix-run/node";
import { sessionSecret } from "~/server/env.server";

/** The Cookie header value for a session token, signed as app/server/session.server.ts signs its "tracker_session" cookie. */
export async function sessionCookieHeader(token: string): Promise<string> {
  const setCookie = await createCookie("tracker_session", { secrets: [sessionSecret()] }).serialize(token);
  return setCookie.split(";")[0];
}
