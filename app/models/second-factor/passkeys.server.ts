import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import type {
  AuthenticationResponseJSON,
  AuthenticatorTransport,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { db, writeTransaction, type Tx } from "~db/connection";
import { passkeys, webauthnChallenges } from "~db/schema";
import { nowIso, recordAudit, type Actor } from "../audit.server";
import { RuleError } from "../errors";
import { preparedQuery } from "../prepared-statements.server";
import { replaceRecoveryCodes } from "./recovery-codes.server";
import { secondFactorRequired } from "./requirement.server";
import { hasSecondFactor, SERVICE_NAME } from "./shared.server";

const CHALLENGE_MS = 5 * 60_000;

// The WebAuthn library (with its ASN.1 and CBOR parsers) is the costliest package to load, and only the few who
// use passkeys need it: it loads on first use, not with the server (docs/decisions/0028).
const webauthn = () => import("@simplewebauthn/server");
export const MAX_PASSKEYS = 10;

/** Where the ceremony happens: this site's host name (rpID) and the origins a browser may show it under. */
export type RelyingParty = { rpID: string; origin: string[] };

export type PasskeySummary = { credentialId: string; name: string; createdAt: string; lastUsedAt: string | null };

const passkeysQuery = preparedQuery((database) =>
  database
    .select({ credentialId: passkeys.credentialId, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt })
    .from(passkeys)
    .where(eq(passkeys.userId, sql.placeholder("userId")))
    .orderBy(asc(passkeys.createdAt))
    .prepare(),
);

export function listPasskeys(userId: number): PasskeySummary[] {
  return passkeysQuery().all({ userId });
}

function storeChallenge(tx: Tx, userId: number, purpose: "register" | "authenticate", challenge: string) {
  const values = { userId, purpose, challenge, expiresAt: new Date(Date.now() + CHALLENGE_MS).toISOString() };
  tx.insert(webauthnChallenges)
    .values(values)
    .onConflictDoUpdate({ target: [webauthnChallenges.userId, webauthnChallenges.purpose], set: values })
    .run();
}

/** The person's outstanding challenge for `purpose`, removed as it is read: each is checked at most once. */
export async function takeChallenge(userId: number, purpose: "register" | "authenticate"): Promise<string | undefined> {
  return writeTransaction((tx) => {
    const row = tx
      .delete(webauthnChallenges)
      .where(
        and(eq(webauthnChallenges.userId, userId), eq(webauthnChallenges.purpose, purpose), gt(webauthnChallenges.expiresAt, nowIso())),
      )
      .returning()
      .get();
    return row?.challenge;
  });
}

export async function passkeyRegistrationOptions({
  user,
  relyingParty,
}: {
  user: { id: number; email: string; name: string };
  relyingParty: RelyingParty;
}): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = db()
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, user.id))
    .all();
  const options = await (
    await webauthn()
  ).generateRegistrationOptions({
    rpName: SERVICE_NAME,
    rpID: relyingParty.rpID,
    userName: user.email,
    userDisplayName: user.name,
    userID: new TextEncoder().encode(`user-${user.id}`),
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: parseTransports(c.transports) })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
  await writeTransaction((tx) => storeChallenge(tx, user.id, "register", options.challenge));
  return options;
}

function parseTransports(stored: string | null): AuthenticatorTransport[] | undefined {
  if (!stored) return undefined;
  try {
    const value: unknown = JSON.parse(stored);
    return Array.isArray(value) ? (value as AuthenticatorTransport[]) : undefined;
  } catch {
    return undefined;
  }
}

export type RegisterPasskeyResult = { recoveryCodes: string[] | null };

/**
 * Check the browser's answer to the registration challenge and keep the passkey under the person's name for it.
 * A person's first factor also gets ten recovery codes (returned once). Refusals are audited.
 */
export async function registerPasskey({
  actor,
  name,
  response,
  relyingParty,
}: {
  actor: Actor;
  name: string;
  response: RegistrationResponseJSON;
  relyingParty: RelyingParty;
}): Promise<RegisterPasskeyResult> {
  const refuse = async (summary: string, message: string): Promise<never> => {
    await writeTransaction((tx) =>
      recordAudit(tx, {
        actor,
        action: "second_factor_refused",
        entityType: "user",
        entityId: actor.id,
        summary: `Passkey not added: ${summary}`,
      }),
    );
    throw new RuleError("passkey", message);
  };
  const challenge = await takeChallenge(actor.id, "register");
  if (!challenge) return refuse("no challenge outstanding", "The passkey took too long to create. Try again");
  const { verifyRegistrationResponse } = await webauthn();
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: relyingParty.origin,
      expectedRPID: relyingParty.rpID,
      requireUserVerification: true,
    });
  } catch {
    verification = undefined;
  }
  if (!verification?.verified || !verification.registrationInfo)
    return refuse("the browser's answer did not verify", "The passkey could not be checked. Try again");
  const { credential } = verification.registrationInfo;
  const result = await writeTransaction((tx): { refused: string } | { recoveryCodes: string[] | null } => {
    const held = tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, actor.id)).get()?.n ?? 0;
    if (held >= MAX_PASSKEYS) return { refused: `You can have up to ${MAX_PASSKEYS} passkeys. Remove one first` };
    if (tx.select().from(passkeys).where(eq(passkeys.credentialId, credential.id)).get())
      return { refused: "This passkey is already registered" };
    const firstFactor = !hasSecondFactor(tx, actor.id);
    tx.insert(passkeys)
      .values({
        credentialId: credential.id,
        userId: actor.id,
        name,
        publicKey: Buffer.from(credential.publicKey).toString("base64url"),
        counter: credential.counter,
        transports: credential.transports ? JSON.stringify(credential.transports) : null,
        createdAt: nowIso(),
      })
      .run();
    const recoveryCodes = firstFactor ? replaceRecoveryCodes(tx, actor.id) : null;
    recordAudit(tx, {
      actor,
      action: "second_factor_added",
      entityType: "user",
      entityId: actor.id,
      summary: `Passkey “${name}” added${recoveryCodes ? "; 10 new recovery codes made" : ""}`,
      after: { passkey: name },
    });
    return { recoveryCodes };
  });
  if ("refused" in result) return refuse(result.refused, result.refused);
  return result;
}

/** Remove one of the person's passkeys; refused (and audited) when a second factor is required and it is the last. */
export async function removePasskey({
  actor,
  credentialId,
  requiredByEnvironment,
}: {
  actor: Actor;
  credentialId: string;
  requiredByEnvironment: boolean;
}): Promise<string> {
  const outcome = await writeTransaction((tx): { refused: string } | { removed: string } => {
    const row = tx
      .select()
      .from(passkeys)
      .where(and(eq(passkeys.credentialId, credentialId), eq(passkeys.userId, actor.id)))
      .get();
    if (!row) return { refused: "That passkey is not one of yours (it may have been removed already)" };
    tx.delete(passkeys).where(eq(passkeys.credentialId, credentialId)).run();
    const noneLeft = !hasSecondFactor(tx, actor.id);
    if (noneLeft && secondFactorRequired(tx, requiredByEnvironment)) {
      tx.insert(passkeys).values(row).run();
      recordAudit(tx, {
        actor,
        action: "second_factor_refused",
        entityType: "user",
        entityId: actor.id,
        summary: `Passkey “${row.name}” not removed: a second factor is required and it is the last one`,
      });
      return { refused: "A second factor is required: set up another before removing your last one" };
    }
    if (noneLeft) replaceRecoveryCodes(tx, actor.id, 0);
    recordAudit(tx, {
      actor,
      action: "second_factor_removed",
      entityType: "user",
      entityId: actor.id,
      summary: `Passkey “${row.name}” removed`,
      before: { passkey: row.name },
    });
    return { removed: row.name };
  });
  if ("refused" in outcome) throw new RuleError("passkey", outcome.refused);
  return outcome.removed;
}

/** Options for signing in with one of the person's passkeys; the challenge is kept to check the answer against. */
export async function passkeySignInOptions({
  userId,
  relyingParty,
}: {
  userId: number;
  relyingParty: RelyingParty;
}): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const held = db()
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .all();
  const options = await (
    await webauthn()
  ).generateAuthenticationOptions({
    rpID: relyingParty.rpID,
    allowCredentials: held.map((c) => ({ id: c.id, transports: parseTransports(c.transports) })),
    userVerification: "required",
  });
  await writeTransaction((tx) => storeChallenge(tx, userId, "authenticate", options.challenge));
  return options;
}

/**
 * Check a passkey's answer for the person (the challenge taken first, so it is checked once). Returns the
 * passkey's id and new counter to record when it verified, or undefined.
 */
export async function verifyPasskeyAnswer({
  userId,
  response,
  relyingParty,
}: {
  userId: number;
  response: AuthenticationResponseJSON;
  relyingParty: RelyingParty;
}): Promise<{ credentialId: string; name: string; counter: number } | undefined> {
  const challenge = await takeChallenge(userId, "authenticate");
  if (!challenge || typeof response?.id !== "string") return undefined;
  const row = db()
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.credentialId, response.id), eq(passkeys.userId, userId)))
    .get();
  if (!row) return undefined;
  const { verifyAuthenticationResponse } = await webauthn();
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: relyingParty.origin,
      expectedRPID: relyingParty.rpID,
      requireUserVerification: true,
      credential: {
        id: row.credentialId,
        publicKey: new Uint8Array(Buffer.from(row.publicKey, "base64url")),
        counter: row.counter,
        transports: parseTransports(row.transports),
      },
    });
    if (!verification.verified) return undefined;
    return { credentialId: row.credentialId, name: row.name, counter: verification.authenticationInfo.newCounter };
  } catch {
    return undefined;
  }
}

/** Record a passkey's use (its signature counter and when), inside the sign-in's transaction. */
export function recordPasskeyUse(tx: Tx, { credentialId, counter }: { credentialId: string; counter: number }): void {
  tx.update(passkeys).set({ counter, lastUsedAt: nowIso() }).where(eq(passkeys.credentialId, credentialId)).run();
}
