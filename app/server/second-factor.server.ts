import { createCookie } from "@remix-run/node";
import { hkdfSync } from "node:crypto";
import type { RelyingParty } from "~/models/second-factor/passkeys.server";
import { PENDING_SIGN_IN_MINUTES } from "~/models/second-factor/sign-in.server";
import { isProduction, sessionSecret } from "./env.server";

// Request plumbing of the second factor: the key its secrets are encrypted with, the pending sign-in's cookie,
// and where a passkey ceremony happens.

/** The AES-256 key for stored TOTP secrets, derived from the session secret (docs/decisions/0010-second-factor.md). */
export function secondFactorSecretKey(): Buffer {
  return Buffer.from(hkdfSync("sha256", sessionSecret(), "", "stakeholder-tracker totp secrets v1", 32));
}

function pendingSignInCookie() {
  return createCookie("tracker_pending_sign_in", {
    httpOnly: true,
    sameSite: "lax",
    secure: isProduction(),
    path: "/login",
    secrets: [sessionSecret()],
    maxAge: PENDING_SIGN_IN_MINUTES * 60,
  });
}

export async function pendingSignInToken(request: Request): Promise<string | null> {
  const value: unknown = await pendingSignInCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export function pendingSignInSetCookie(token: string): Promise<string> {
  return pendingSignInCookie().serialize(token);
}

export function clearPendingSignInCookie(): Promise<string> {
  return pendingSignInCookie().serialize("", { maxAge: 0 });
}

/**
 * The relying party of a passkey ceremony: the host name the browser asked for, under https (or http, which
 * browsers allow only for localhost). The browser puts the origin it really used in what it signs, and the
 * authenticator binds each passkey to the host name it was made for, so a wrong Host header cannot pass.
 */
export function relyingParty(request: Request): RelyingParty {
  const url = new URL(request.url);
  return { rpID: url.hostname, origin: [`https://${url.host}`, `http://${url.host}`] };
}

// New recovery codes travel once from the change that made them to the page that shows them (POST, then
// redirect, then GET): in a signed, HTTP-only cookie for that one page, cleared as it is read.
function recoveryCodesCookie() {
  return createCookie("tracker_new_recovery_codes", {
    httpOnly: true,
    sameSite: "strict",
    secure: isProduction(),
    path: "/account/recovery-codes",
    secrets: [sessionSecret()],
    maxAge: 300,
  });
}

export function newRecoveryCodesSetCookie(codes: string[]): Promise<string> {
  return recoveryCodesCookie().serialize(codes);
}

/** The new recovery codes to show once, and the header that clears them. */
export async function takeNewRecoveryCodes(request: Request): Promise<{ codes: string[] | null; setCookie: string | null }> {
  const value: unknown = await recoveryCodesCookie().parse(request.headers.get("Cookie"));
  if (!Array.isArray(value) || !value.every((code) => typeof code === "string")) return { codes: null, setCookie: null };
  return { codes: value as string[], setCookie: await recoveryCodesCookie().serialize("", { maxAge: 0 }) };
}
