// The OpenID Connect side of office sign-in: discovery (at first use, cached), the authorisation request
// (code + PKCE, state and nonce), and the callback (state checked, the code exchanged once, the ID token
// checked, the verified email taken). Who may then come in is the model's decision
// (app/models/office-sign-in.server.ts). See docs/decisions/0011-office-sign-in-openid-connect.md.
import { createCookie, redirect } from "@remix-run/node";
import type * as OpenId from "openid-client";
import type { OfficeIdentity, OfficeSignInRefusal } from "~/models/office-sign-in.server";
import { isProduction, officeSignInSettings, sessionSecret, type OfficeSignInSettings } from "./env.server";
import { safeRedirectTarget } from "./session.server";

const FLOW_SECONDS = 10 * 60;
const PROVIDER_TIMEOUT_SECONDS = 10;
const SCOPE = "openid email profile";
const MAX_EMAIL_LENGTH = 254;
const MAX_REDIRECT_LENGTH = 1000;

// Loaded on first use: most offices never configure office sign-in, and the server starts without it.
const openIdClient = () => import("openid-client");

/** The provider could not be reached or answered nonsense: the person is told to try again (503). */
export class OfficeSignInUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The office's identity provider is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "OfficeSignInUnavailableError";
  }
}

/** What this browser started with, kept in a signed, short-lived cookie that only /auth/oidc/* receives. */
type Flow = { state: string; nonce: string; codeVerifier: string; redirectTo: string; redirectUri: string };

function flowCookie() {
  return createCookie("tracker_office_sign_in", {
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET from its own site.
    sameSite: "lax",
    secure: isProduction(),
    path: "/auth/oidc",
    secrets: [sessionSecret()],
    maxAge: FLOW_SECONDS,
  });
}

export async function clearFlowCookie(): Promise<string> {
  return flowCookie().serialize("", { maxAge: 0 });
}

async function readFlow(request: Request): Promise<Flow | null> {
  const value: unknown = await flowCookie().parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const flow = value as Partial<Flow>;
  const fields = [flow.state, flow.nonce, flow.codeVerifier, flow.redirectTo, flow.redirectUri];
  return fields.every((field) => typeof field === "string" && field) ? (flow as Flow) : null;
}

// ---- discovery --------------------------------------------------------------

let discovered: { key: string; configuration: Promise<OpenId.Configuration>; resolved?: OpenId.Configuration } | undefined;

/** The provider's configuration, discovered at first use and kept; a failed discovery is tried again next time. */
async function providerConfiguration(settings: OfficeSignInSettings): Promise<OpenId.Configuration> {
  const client = await openIdClient();
  const key = `${settings.issuer.href} ${settings.clientId} ${settings.clientSecret}`;
  if (discovered?.key !== key) {
    const entry: NonNullable<typeof discovered> = {
      key,
      configuration: client.discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // Plain http is accepted by the settings only on this machine (the tests' provider).
        execute: settings.issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
      }),
    };
    discovered = entry;
    entry.configuration.then(
      (configuration) => (entry.resolved = configuration),
      () => {
        if (discovered === entry) discovered = undefined;
      },
    );
  }
  try {
    return await discovered.configuration;
  } catch (error) {
    throw new OfficeSignInUnavailableError(error);
  }
}

/**
 * Where the sign-in page's button may send the browser, for the Content-Security-Policy's form-action
 * (browsers apply it to the redirect that follows the post): the issuer's origin and, once discovered, that
 * of its authorisation endpoint. Empty when office sign-in is not configured.
 */
export function officeSignInFormActionOrigins(): string[] {
  const settings = officeSignInSettings();
  if (!settings) return [];
  const origins = new Set([settings.issuer.origin]);
  const endpoint = discovered?.resolved?.serverMetadata().authorization_endpoint;
  if (endpoint) origins.add(new URL(endpoint).origin);
  return [...origins];
}

// ---- the authorisation request -----------------------------------------------

function redirectUri(settings: OfficeSignInSettings, request: Request): string {
  return (settings.redirectUrl ?? new URL("/auth/oidc/callback", request.url)).href;
}

/** Send the browser to the provider, remembering in its cookie what the callback must check. */
export async function startOfficeSignIn(request: Request, settings: OfficeSignInSettings, redirectTo: unknown): Promise<Response> {
  const client = await openIdClient();
  const configuration = await providerConfiguration(settings);
  const flow: Flow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier: client.randomPKCECodeVerifier(),
    // Capped so the cookie stays well under the 4 KB browsers keep: a longer one would be dropped silently.
    redirectTo: safeRedirectTarget(typeof redirectTo === "string" && redirectTo.length <= MAX_REDIRECT_LENGTH ? redirectTo : null),
    redirectUri: redirectUri(settings, request),
  };
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: flow.redirectUri,
    scope: SCOPE,
    response_type: "code",
    code_challenge: await client.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: "S256",
    state: flow.state,
    nonce: flow.nonce,
  });
  return redirect(authorizationUrl.href, { status: 303, headers: { "Set-Cookie": await flowCookie().serialize(flow) } });
}

// ---- the callback -------------------------------------------------------------

export type OfficeCallbackResult =
  { ok: true; identity: OfficeIdentity; redirectTo: string } | { ok: false; reason: OfficeSignInRefusal; email?: string; detail?: string };

function isUnreachable(client: typeof OpenId, error: unknown): boolean {
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) return true;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return true;
  // A token endpoint answering 5xx or HTML instead of JSON is down, not refusing.
  return (
    error instanceof client.ClientError && (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON")
  );
}

function stringClaim(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

/** An address the tracker can match: one @, no spaces or control characters, not too long. */
function plausibleEmail(value: string | null): string | null {
  if (!value || value.length > MAX_EMAIL_LENGTH) return null;
  // eslint-disable-next-line no-control-regex
  return /^[^\s@\u0000-\u001f\u007f]+@[^\s@\u0000-\u001f\u007f]+$/.test(value) ? value : null;
}

/**
 * Check the provider's answer against the flow this browser started and exchange the code (once: the
 * cookie is cleared whatever happens, and the provider refuses a code used twice). Throws
 * OfficeSignInUnavailableError when the provider cannot be reached.
 */
export async function completeOfficeSignIn(request: Request, settings: OfficeSignInSettings): Promise<OfficeCallbackResult> {
  const flow = await readFlow(request);
  if (!flow) return { ok: false, reason: "flow_expired" };
  const params = new URL(request.url).searchParams;
  if (params.get("state") !== flow.state) return { ok: false, reason: "state_mismatch" };
  const client = await openIdClient();
  const configuration = await providerConfiguration(settings);
  // The URL the provider was told to send the browser to, with what it sent: behind a proxy the request's
  // own URL may differ (http, another host) and the token request must name the registered one.
  const currentUrl = new URL(flow.redirectUri);
  currentUrl.search = params.toString();
  let tokens: Awaited<ReturnType<typeof OpenId.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    if (isUnreachable(client, error)) throw new OfficeSignInUnavailableError(error);
    if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError)
      return { ok: false, reason: "provider_refused", detail: error.error };
    return { ok: false, reason: "invalid_response", detail: error instanceof Error ? error.message : undefined };
  }
  const claims = tokens.claims();
  if (!claims) return { ok: false, reason: "invalid_response", detail: "no ID token" };
  let source: Record<string, unknown> = claims;
  // Many providers put the email only in the UserInfo answer, not in the ID token.
  if (claims.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
    try {
      source = { ...(await client.fetchUserInfo(configuration, tokens.access_token, claims.sub)) };
    } catch (error) {
      if (isUnreachable(client, error)) throw new OfficeSignInUnavailableError(error);
      return { ok: false, reason: "invalid_response", detail: "the UserInfo answer failed its checks" };
    }
  }
  const email = plausibleEmail(stringClaim(source.email));
  if (!email || source[settings.emailVerifiedClaim] !== true)
    return { ok: false, reason: "email_not_verified", email: email ?? undefined, detail: `${settings.emailVerifiedClaim} is not true` };
  return {
    ok: true,
    identity: { email, name: stringClaim(source.name) ?? stringClaim(claims.name), issuer: claims.iss, subject: claims.sub },
    redirectTo: flow.redirectTo,
  };
}
