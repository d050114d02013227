import { and, eq, gt, isNotNull, isNull, lte } from "drizzle-orm";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { passkeys, pendingSignIns, totpFactors, users } from "~db/schema";
import { nowIso, recordAudit } from "../audit.server";
import type { PublicUser } from "../user.server";
import { newToken } from "../auth.server";
import { countUnusedRecoveryCodes, spendRecoveryCode } from "./recovery-codes.server";
import { recordPasskeyUse, verifyPasskeyAnswer, type RelyingParty } from "./passkeys.server";
import { sha256, type SecretKey } from "./shared.server";
import { spendTotpCode } from "./totp.server";

export const PENDING_SIGN_IN_MINUTES = 5;
export const MAX_SECOND_FACTOR_ATTEMPTS = 5;

/**
 * The password was right and the person has a second factor: a pending sign-in (no session yet) that the second
 * factor turns into one. Returns the token for its cookie. Expired pending sign-ins are purged here.
 */
export async function startPendingSignIn({
  userId,
  ip,
  redirectTo,
}: {
  userId: number;
  ip: string | null;
  redirectTo: string;
}): Promise<string> {
  const token = newToken();
  const now = new Date();
  await writeTransaction((tx) => {
    tx.delete(pendingSignIns).where(lte(pendingSignIns.expiresAt, now.toISOString())).run();
    tx.insert(pendingSignIns)
      .values({
        id: sha256(token),
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + PENDING_SIGN_IN_MINUTES * 60_000).toISOString(),
        redirectTo,
        ip,
      })
      .run();
  });
  return token;
}

export type PendingSignIn = {
  user: PublicUser;
  redirectTo: string;
  attemptsLeft: number;
  methods: { totp: boolean; passkeys: boolean; recoveryCodes: boolean };
};

function livePending(tx: Tx | Db, token: string) {
  return tx
    .select({ pending: pendingSignIns, user: users })
    .from(pendingSignIns)
    .innerJoin(users, eq(users.id, pendingSignIns.userId))
    .where(and(eq(pendingSignIns.id, sha256(token)), gt(pendingSignIns.expiresAt, nowIso()), isNull(users.deactivatedAt)))
    .get();
}

/** The pending sign-in behind a token, with the ways the person can finish it; undefined when unknown or expired. */
export function getPendingSignIn(token: string): PendingSignIn | undefined {
  const database = db();
  const row = livePending(database, token);
  if (!row) return undefined;
  const { passwordHash: _omit, ...user } = row.user;
  const totp = database
    .select({ userId: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, user.id), isNotNull(totpFactors.confirmedAt)))
    .get();
  const passkey = database.select({ id: passkeys.credentialId }).from(passkeys).where(eq(passkeys.userId, user.id)).get();
  return {
    user,
    redirectTo: row.pending.redirectTo,
    attemptsLeft: MAX_SECOND_FACTOR_ATTEMPTS - row.pending.failedAttempts,
    methods: { totp: Boolean(totp), passkeys: Boolean(passkey), recoveryCodes: countUnusedRecoveryCodes(user.id) > 0 },
  };
}

export type SecondFactorResult =
  | { ok: true; user: PublicUser; redirectTo: string }
  | { ok: false; reason: "expired" }
  | { ok: false; reason: "wrong"; attemptsLeft: number }
  | { ok: false; reason: "locked" };

const METHOD_WORDS = { totp: "an authenticator app code", recovery: "a recovery code", passkey: "a passkey" } as const;

/**
 * Inside one transaction: the pending sign-in must be live; `check` says whether the factor was right (and records
 * its use). Right: the pending sign-in ends and the sign-in is audited (the caller starts the session). Wrong: the
 * failure is counted and audited, and after the last allowed attempt the pending sign-in ends.
 */
async function finish({
  token,
  ip,
  method,
  check,
}: {
  token: string;
  ip: string | null;
  method: keyof typeof METHOD_WORDS;
  check: (tx: Tx, userId: number) => { ok: boolean; detail?: string };
}): Promise<SecondFactorResult> {
  return writeTransaction((tx): SecondFactorResult => {
    const row = livePending(tx, token);
    if (!row) {
      recordAudit(tx, {
        actor: null,
        action: "sign_in_second_factor_expired",
        entityType: "user",
        summary: "Second factor refused: the sign-in had expired or was not known",
        ip,
      });
      return { ok: false, reason: "expired" };
    }
    const { pending, user } = row;
    const actor = { id: user.id, email: user.email, ip };
    const result = check(tx, user.id);
    if (result.ok) {
      tx.delete(pendingSignIns).where(eq(pendingSignIns.id, pending.id)).run();
      recordAudit(tx, {
        actor,
        action: "sign_in",
        entityType: "user",
        entityId: user.id,
        summary: `Signed in with password and ${METHOD_WORDS[method]}${result.detail ? ` (${result.detail})` : ""}`,
      });
      const { passwordHash: _omit, ...publicUser } = user;
      return { ok: true, user: publicUser, redirectTo: pending.redirectTo };
    }
    const failures = pending.failedAttempts + 1;
    const locked = failures >= MAX_SECOND_FACTOR_ATTEMPTS;
    if (locked) tx.delete(pendingSignIns).where(eq(pendingSignIns.id, pending.id)).run();
    else tx.update(pendingSignIns).set({ failedAttempts: failures }).where(eq(pendingSignIns.id, pending.id)).run();
    recordAudit(tx, {
      actor,
      action: locked ? "sign_in_second_factor_locked" : "sign_in_second_factor_failed",
      entityType: "user",
      entityId: user.id,
      summary: `Second factor refused: ${METHOD_WORDS[method]} was wrong${result.detail ? ` (${result.detail})` : ""}${
        locked ? `; ${MAX_SECOND_FACTOR_ATTEMPTS} wrong attempts, so the sign-in was ended` : ""
      }`,
    });
    return locked ? { ok: false, reason: "locked" } : { ok: false, reason: "wrong", attemptsLeft: MAX_SECOND_FACTOR_ATTEMPTS - failures };
  });
}

export function completeSignInWithTotp({
  token,
  code,
  key,
  ip,
  now = Date.now(),
}: {
  token: string;
  code: string;
  key: SecretKey;
  ip: string | null;
  now?: number;
}): Promise<SecondFactorResult> {
  return finish({
    token,
    ip,
    method: "totp",
    check: (tx, userId) => {
      const outcome = spendTotpCode(tx, { userId, code, key, now });
      return outcome === "ok" ? { ok: true } : { ok: false, detail: outcome === "replayed" ? "a code already used" : undefined };
    },
  });
}

export function completeSignInWithRecoveryCode({
  token,
  code,
  ip,
}: {
  token: string;
  code: string;
  ip: string | null;
}): Promise<SecondFactorResult> {
  return finish({
    token,
    ip,
    method: "recovery",
    check: (tx, userId) => {
      if (!spendRecoveryCode(tx, { userId, code })) return { ok: false };
      return { ok: true, detail: `${countUnusedRecoveryCodes(userId)} left` };
    },
  });
}

/** The user id a pending sign-in belongs to (for the passkey options), or undefined. */
export function pendingSignInUserId(token: string): number | undefined {
  return livePending(db(), token)?.user.id;
}

export async function completeSignInWithPasskey({
  token,
  response,
  relyingParty,
  ip,
}: {
  token: string;
  response: AuthenticationResponseJSON;
  relyingParty: RelyingParty;
  ip: string | null;
}): Promise<SecondFactorResult> {
  const userId = pendingSignInUserId(token);
  const verified = userId === undefined ? undefined : await verifyPasskeyAnswer({ userId, response, relyingParty });
  return finish({
    token,
    ip,
    method: "passkey",
    check: (tx) => {
      if (!verified) return { ok: false };
      recordPasskeyUse(tx, verified);
      return { ok: true, detail: `“${verified.name}”` };
    },
  });
}
