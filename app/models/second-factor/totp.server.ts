import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { db, writeTransaction, type Tx } from "~db/connection";
import { totpFactors } from "~db/schema";
import { nowIso, recordAudit, type Actor } from "../audit.server";
import { RuleError } from "../errors";
import { replaceRecoveryCodes } from "./recovery-codes.server";
import { decryptSecret, encryptSecret, hasSecondFactor, SERVICE_NAME, type SecretKey } from "./shared.server";
import { secondFactorRequired } from "./requirement.server";

const PERIOD_SECONDS = 30;
// A code from the step before or after is accepted too: phones' clocks drift and typing takes time.
const WINDOW_STEPS = 1;

function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: SERVICE_NAME,
    label,
    algorithm: "SHA1",
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** Only the digits of what was typed ("123 456" and "123-456" are the code 123456). */
export function normaliseTotpCode(code: string): string {
  return code.replace(/[\s-]/g, "");
}

/**
 * The step (30-second slot) a code belongs to, if it is right within ±1 step of `now` and later than the last
 * accepted step; otherwise why not.
 */
function matchStep({
  secretBase32,
  code,
  lastUsedStep,
  now,
}: {
  secretBase32: string;
  code: string;
  lastUsedStep: number | null;
  now: number;
}): { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" } {
  const token = normaliseTotpCode(code);
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: "wrong" };
  const delta = totpFor(secretBase32, "").validate({ token, timestamp: now, window: WINDOW_STEPS });
  if (delta === null) return { ok: false, reason: "wrong" };
  const step = Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: "replayed" };
  return { ok: true, step };
}

/**
 * Check a code against the person's confirmed authenticator app and, when right, remember its step so it cannot
 * be used again. Runs inside the caller's transaction (the sign-in's).
 */
export function spendTotpCode(
  tx: Tx,
  { userId, code, key, now }: { userId: number; code: string; key: SecretKey; now: number },
): "ok" | "wrong" | "replayed" | "none" {
  const factor = tx
    .select()
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)))
    .get();
  if (!factor) return "none";
  const secretBase32 = decryptSecret(factor.secretEncrypted, key);
  if (!secretBase32) return "wrong";
  const match = matchStep({ secretBase32, code, lastUsedStep: factor.lastUsedStep, now });
  if (!match.ok) return match.reason;
  tx.update(totpFactors).set({ lastUsedStep: match.step }).where(eq(totpFactors.userId, userId)).run();
  return "ok";
}

export type TotpState = { status: "none" } | { status: "setting-up"; secret: string; uri: string } | { status: "on"; since: string };

/** The person's authenticator app: none, being set up (with the secret and otpauth:// address to show), or on. */
export function totpState({ user, key }: { user: { id: number; email: string }; key: SecretKey }): TotpState {
  const factor = db().select().from(totpFactors).where(eq(totpFactors.userId, user.id)).get();
  if (!factor) return { status: "none" };
  if (factor.confirmedAt) return { status: "on", since: factor.confirmedAt };
  const secret = decryptSecret(factor.secretEncrypted, key);
  if (!secret) return { status: "none" };
  return { status: "setting-up", secret, uri: totpFor(secret, user.email).toString() };
}

/** Start setting up an authenticator app: a new secret, kept unconfirmed until a code proves the app has it. */
export async function beginTotpSetup({ actor, key }: { actor: Actor; key: SecretKey }): Promise<void> {
  await writeTransaction((tx) => {
    const existing = tx.select().from(totpFactors).where(eq(totpFactors.userId, actor.id)).get();
    if (existing?.confirmedAt) throw new RuleError("totp", "You already have an authenticator app set up");
    const secret = new Secret({ size: 20 }).base32;
    const values = {
      userId: actor.id,
      secretEncrypted: encryptSecret(secret, key),
      createdAt: nowIso(),
      confirmedAt: null,
      lastUsedStep: null,
    };
    tx.insert(totpFactors).values(values).onConflictDoUpdate({ target: totpFactors.userId, set: values }).run();
    recordAudit(tx, {
      actor,
      action: "second_factor_setup_started",
      entityType: "user",
      entityId: actor.id,
      summary: "Started setting up an authenticator app",
    });
  });
}

export type ConfirmTotpResult = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

/**
 * Confirm the app with a code it shows: the factor is on from then, and ten new recovery codes are made
 * (returned once, in plain text, to show). A wrong code is audited and changes nothing else.
 */
export async function confirmTotpSetup({
  actor,
  code,
  key,
  now = Date.now(),
}: {
  actor: Actor;
  code: string;
  key: SecretKey;
  now?: number;
}): Promise<ConfirmTotpResult> {
  return writeTransaction((tx): ConfirmTotpResult => {
    const factor = tx
      .select()
      .from(totpFactors)
      .where(and(eq(totpFactors.userId, actor.id), isNull(totpFactors.confirmedAt)))
      .get();
    const secret = factor ? decryptSecret(factor.secretEncrypted, key) : undefined;
    if (!factor || !secret) return { ok: false, message: "Start setting up the authenticator app again" };
    const match = matchStep({ secretBase32: secret, code, lastUsedStep: null, now });
    if (!match.ok) {
      recordAudit(tx, {
        actor,
        action: "second_factor_refused",
        entityType: "user",
        entityId: actor.id,
        summary: "Authenticator app not set up: the code was wrong",
      });
      return { ok: false, message: "The code is not right. Enter the 6-digit code your app shows now" };
    }
    tx.update(totpFactors).set({ confirmedAt: nowIso(), lastUsedStep: match.step }).where(eq(totpFactors.userId, actor.id)).run();
    const recoveryCodes = replaceRecoveryCodes(tx, actor.id);
    recordAudit(tx, {
      actor,
      action: "second_factor_added",
      entityType: "user",
      entityId: actor.id,
      summary: "Authenticator app set up; 10 new recovery codes made",
    });
    return { ok: true, recoveryCodes };
  });
}

/**
 * Turn the authenticator app off (or abandon setting one up). Refused, and audited, when a second factor is
 * required and it is the person's last one. With no factor left the recovery codes go too.
 */
export async function removeTotp({ actor, requiredByEnvironment }: { actor: Actor; requiredByEnvironment: boolean }): Promise<void> {
  const refusal = await writeTransaction((tx) => {
    const factor = tx.select().from(totpFactors).where(eq(totpFactors.userId, actor.id)).get();
    if (!factor) return undefined;
    if (factor.confirmedAt) {
      tx.delete(totpFactors).where(eq(totpFactors.userId, actor.id)).run();
      if (!hasSecondFactor(tx, actor.id) && secondFactorRequired(tx, requiredByEnvironment)) {
        tx.insert(totpFactors).values(factor).run();
        recordAudit(tx, {
          actor,
          action: "second_factor_refused",
          entityType: "user",
          entityId: actor.id,
          summary: "Authenticator app not turned off: a second factor is required and it is the last one",
        });
        return "A second factor is required: add a passkey before turning the authenticator app off";
      }
    } else tx.delete(totpFactors).where(eq(totpFactors.userId, actor.id)).run();
    if (!hasSecondFactor(tx, actor.id)) replaceRecoveryCodes(tx, actor.id, 0);
    recordAudit(tx, {
      actor,
      action: factor.confirmedAt ? "second_factor_removed" : "second_factor_setup_abandoned",
      entityType: "user",
      entityId: actor.id,
      summary: factor.confirmedAt ? "Authenticator app turned off" : "Stopped setting up an authenticator app",
    });
    return undefined;
  });
  if (refusal) throw new RuleError("totp", refusal);
}
