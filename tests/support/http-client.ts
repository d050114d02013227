// A person at the real server over plain HTTP, as a browser without JavaScript is: signed in with the sign-in
// form, reading pages, reading a route's loader data (Remix's ?_data) to fill a form as the page would, and
// posting forms from the same site.
import { expect } from "vitest";
import { E2E_PASSWORD } from "./e2e-accounts";
import type { RunningServer } from "./server";

export type FormBody = Record<string, string | string[]>;

export type HttpClient = {
  /** Null when signed out. */
  cookie: string | null;
  get: (path: string) => Promise<Response>;
  post: (path: string, body: FormBody) => Promise<Response>;
  /** The same post, answered with the route action's data as JSON (a redirect is then a 204). */
  postData: (path: string, routeId: string, body: FormBody) => Promise<Response>;
  /** A route's loader data as JSON (`routeId` such as "routes/engagements.$engagementId.edit"). */
  loaderData: <T = any>(path: string, routeId: string) => Promise<T>;
};

export function httpClient(server: RunningServer, cookie: string | null): HttpClient {
  const headers = (): Record<string, string> => (cookie ? { Cookie: cookie } : {});
  const post = (path: string, body: FormBody) => {
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(body)) for (const v of Array.isArray(value) ? value : [value]) form.append(name, v);
    return fetch(`${server.baseUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      // The same-origin check lets a form of this site through.
      headers: { ...headers(), Origin: server.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
      body: form,
    });
  };
  return {
    cookie,
    get: (path) => fetch(`${server.baseUrl}${path}`, { redirect: "manual", headers: headers() }),
    post: (path, body) => post(path, body),
    postData: (path, routeId, body) => post(`${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(routeId)}`, body),
    loaderData: async (path, routeId) => {
      const separator = path.includes("?") ? "&" : "?";
      const response = await fetch(`${server.baseUrl}${path}${separator}_data=${encodeURIComponent(routeId)}`, { headers: headers() });
      expect(response.status, `${path} loader`).toBe(200);
      return response.json();
    },
  };
}

/** Sign in with the sign-in form; the client then carries the session cookie. */
export async function signInOverHttp(server: RunningServer, email: string, password = E2E_PASSWORD): Promise<HttpClient> {
  const response = await httpClient(server, null).post("/login", { email, password });
  expect(response.status, `sign in as ${email}`).toBe(302);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith("tracker_session="))!
    .split(";")[0];
  return httpClient(server, cookie);
}

/** Form values as a loader hands them (nested rows) in the flat names a form posts ("commitments.0.description"). */
export function flattenFormValues(values: unknown, body: FormBody = {}): FormBody {
  const flat = (prefix: string, value: unknown) => {
    if (Array.isArray(value) && value.every((v) => typeof v === "string")) body[prefix] = value as string[];
    else if (Array.isArray(value)) value.forEach((row, i) => flat(`${prefix}.${i}`, row));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) flat(prefix ? `${prefix}.${k}` : k, v);
    else body[prefix] = String(value ?? "");
  };
  flat("", values);
  // The form shows a loaded date (YYYY-MM-DD) in its three fields, and posts those.
  for (const key of Object.keys(body).filter((k) => k === "date" || k.endsWith(".dueDate"))) {
    Object.assign(body, dateFields(key, String(body[key])));
    delete body[key];
  }
  return body;
}

/** A date as the three fields of a GOV.UK date input post it. */
export function dateFields(name: string, iso: string): FormBody {
  const [year = "", month = "", day = ""] = iso ? iso.split("-") : [];
  return { [`${name}-day`]: day && String(Number(day)), [`${name}-month`]: month && String(Number(month)), [`${name}-year`]: year };
}
