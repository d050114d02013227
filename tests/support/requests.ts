// Run route loaders and actions for real: a real Request, a real session in the
// test's own SQLite copy, and the Response (returned or thrown) as the browser would get it.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createSession } from "~/models/auth.server";
import { createUser, type PublicUser } from "~/models/user.server";
import type { Role } from "~/domain/permissions";
import { databasePath } from "~db/connection";
import { sessionCookieHeader } from "./session";

export const BASE_URL = "http://localhost:3000";
export const TEST_PASSWORD = "correct horse battery staple";

export type TestUser = PublicUser & { cookie: string };

// Kept per database file, not per module: test files may share this module (vitest's isolate: false), and each
// file has its own database, where an earlier file's accounts and sessions do not exist.
const usersByDatabase = new Map<string, Map<string, TestUser>>();

/** A signed-in user of the given role (one per role and label per test file). */
export async function signedInAs(role: Role, label: string = role): Promise<TestUser> {
  let cache = usersByDatabase.get(databasePath());
  if (!cache) usersByDatabase.set(databasePath(), (cache = new Map()));
  const key = `${role}:${label}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const user = await createUser({
    input: { email: `${label}.${role}@example.org`, name: `Test ${label} ${role}`, role, password: TEST_PASSWORD },
    actor: null,
  });
  const token = await createSession({ userId: user.id, ip: "127.0.0.1" });
  const testUser = { ...user, cookie: await sessionCookieHeader(token) };
  cache.set(key, testUser);
  return testUser;
}

type Body = Record<string, string | string[] | number | undefined> | URLSearchParams | FormData;

export function buildRequest(path: string, opts: { user?: TestUser | null; method?: string; body?: Body } = {}): Request {
  const headers = new Headers({ "x-tracker-client-ip": "127.0.0.1" });
  if (opts.user) headers.set("Cookie", opts.user.cookie);
  let body: URLSearchParams | FormData | undefined;
  if (opts.body instanceof URLSearchParams || opts.body instanceof FormData) body = opts.body;
  else if (opts.body) {
    body = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.body)) {
      if (v === undefined) continue;
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, String(item));
    }
  }
  return new Request(new URL(path, BASE_URL), { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
}

/** Call a loader or action; a thrown Response is returned like a returned one. */
async function settle(fn: () => unknown): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result ?? null), { status: 200, headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;

export function runLoader(loader: Loader, path: string, opts: { user?: TestUser | null; params?: Record<string, string> } = {}) {
  const request = buildRequest(path, { user: opts.user });
  return settle(() => loader({ request, params: opts.params ?? {}, context: {} }));
}

export function runAction(
  action: Action,
  path: string,
  body: Body,
  opts: { user?: TestUser | null; params?: Record<string, string>; method?: string } = {},
) {
  const request = buildRequest(path, { user: opts.user, body, method: opts.method ?? "POST" });
  return settle(() => action({ request, params: opts.params ?? {}, context: {} }));
}

export async function readJson<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export function redirectedTo(response: Response): string | null {
  return response.status >= 300 && response.status < 400 ? response.headers.get("Location") : null;
}
