import { and, count, eq, gt, isNull, lt, max } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { db, writeTransaction } from "~db/connection";
import { sessions, setupTokens, signInFailures, users } from "~db/schema";
import { dummyPasswordHash, hashPassword, verifyPassword } from "~/models/password.server";
import { nowIso, recordAudit } from "./audit.server";
import { RuleError } from "./errors";
import { hasSecondFactor } from "./second-factor/shared.server";
import { normaliseEmail, type PublicUser } from "./user.server";

export const SESSION_DAYS = 7;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

// ---- sessions -------------------------------------------------------------

export async function createSession({
  userId,
  ip,
  userAgent,
}: {
  userId: number;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<string> {
  const token = newToken();
  const now = new Date();
  await writeTransaction((tx) =>
    tx
      .insert(sessions)
      .values({
        id: sha256(token),
        userId,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_DAYS * 86400_000).toISOString(),
        ip: ip ?? null,
        userAgent: userAgent?.slice(0, 300) ?? null,
      })
      .run(),
  );
  return token;
}

/** The active user behind a session token, or undefined when the session is unknown, expired or the account deactivated. */
export function getSessionUser(token: string): PublicUser | undefined {
  const row = db()
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), gt(sessions.expiresAt, nowIso()), isNull(users.deactivatedAt)))
    .get();
  if (!row) return undefined;
  const { passwordHash: _omit, ...user } = row.user;
  return user;
}

export async function endSession({
  token,
  user,
  ip,
}: {
  token: string;
  user: { id: number; email: string } | null;
  ip?: string | null;
}): Promise<void> {
  await writeTransaction((tx) => {
    tx.delete(sessions)
      .where(eq(sessions.id, sha256(token)))
      .run();
    if (user) recordAudit(tx, { actor: { ...user, ip }, action: "sign_out", entityType: "user", entityId: user.id, summary: "Signed out" });
  });
}

/** Forget one session without an audit event: the caller is replacing it with a new one (a renewed session id). */
export async function discardSession(token: string): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .delete(sessions)
      .where(eq(sessions.id, sha256(token)))
      .run(),
  );
}

export function countSessionsOfUser(userId: number): number {
  return db().select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)).get()?.n ?? 0;
}

// ---- sign-in with throttling ----------------------------------------------

const WINDOW_MS = 15 * 60_000;
// An office shares one address behind its gateway, so an address gets more free attempts than an account.
const FREE_ATTEMPTS_PER_ACCOUNT = 5;
const FREE_ATTEMPTS_PER_ADDRESS = 20;
const MAX_LOCK_MS = 15 * 60_000;

/** After the free failures within 15 minutes, each further failure doubles the wait (30 s, 1 min, 2 min ... 15 min). */
export function lockRemainingMs({
  failures,
  lastFailureAt,
  now = Date.now(),
  free = FREE_ATTEMPTS_PER_ACCOUNT,
}: {
  failures: number;
  lastFailureAt: string | null;
  now?: number;
  free?: number;
}): number {
  if (failures < free || !lastFailureAt) return 0;
  const lock = Math.min(30_000 * 2 ** (failures - free), MAX_LOCK_MS);
  return Math.max(0, new Date(lastFailureAt).getTime() + lock - now);
}

function throttleState(key: string) {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  const row = db()
    .select({ n: count(), last: max(signInFailures.failedAt) })
    .from(signInFailures)
    .where(and(eq(signInFailures.key, key), gt(signInFailures.failedAt, since)))
    .get();
  const free = key.startsWith("ip:") ? FREE_ATTEMPTS_PER_ADDRESS : FREE_ATTEMPTS_PER_ACCOUNT;
  return lockRemainingMs({ failures: row?.n ?? 0, lastFailureAt: row?.last ?? null, free });
}

/** `secondFactorNeeded`: the password was right, but the person has a second factor to give before a session starts. */
export type SignInResult =
  | { ok: true; user: PublicUser; secondFactorNeeded: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function signIn({
  email: emailInput,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string | null;
}): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  const keys = [`email:${email}`, ...(ip ? [`ip:${ip}`] : [])];
  const waitMs = Math.max(...keys.map(throttleState));
  if (waitMs > 0) {
    await writeTransaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "sign_in_throttled",
        entityType: "user",
        summary: `Sign-in refused for ${email}: too many failed attempts`,
        ip,
      }),
    );
    return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }
  const user = db().select().from(users).where(eq(users.email, email)).get();
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid || user.deactivatedAt) {
    await writeTransaction((tx) => {
      const at = nowIso();
      for (const key of keys) tx.insert(signInFailures).values({ key, failedAt: at }).run();
      tx.delete(signInFailures)
        .where(lt(signInFailures.failedAt, new Date(Date.now() - WINDOW_MS).toISOString()))
        .run();
      recordAudit(tx, {
        actor: null,
        action: "sign_in_failed",
        entityType: "user",
        entityId: user?.id ?? null,
        summary: `Failed sign-in for ${email}${user?.deactivatedAt ? " (account deactivated)" : ""}`,
        ip,
      });
    });
    return { ok: false, reason: "invalid" };
  }
  const secondFactorNeeded = await writeTransaction((tx) => {
    tx.delete(signInFailures)
      .where(eq(signInFailures.key, `email:${email}`))
      .run();
    const needed = hasSecondFactor(tx, user.id);
    recordAudit(tx, {
      actor: { id: user.id, email: user.email, ip },
      action: needed ? "sign_in_password" : "sign_in",
      entityType: "user",
      entityId: user.id,
      summary: needed ? "Password accepted; waiting for the second factor" : "Signed in",
    });
    return needed;
  });
  const { passwordHash: _omit, ...publicUser } = user;
  return { ok: true, user: publicUser, secondFactorNeeded };
}

// ---- first-run setup ------------------------------------------------------

/**
 * A new one-time setup token, replacing any earlier unused one; only while no account exists.
 * Returns undefined when accounts exist (setup is over).
 *
 * server.ts awaits it once it listens, before anyone can sign in.
 */
export async function issueSetupToken(): Promise<string | undefined> {
  return writeTransaction((tx) => {
    const n = tx.select({ n: count() }).from(users).get()?.n ?? 0;
    if (n > 0) return undefined;
    const token = newToken();
    tx.delete(setupTokens).where(isNull(setupTokens.usedAt)).run();
    tx.insert(setupTokens)
      .values({ tokenHash: sha256(token), createdAt: nowIso() })
      .run();
    return token;
  });
}

export function isSetupTokenValid(token: string): boolean {
  if (!token) return false;
  const n = db().select({ n: count() }).from(users).get()?.n ?? 0;
  if (n > 0) return false;
  const row = db()
    .select()
    .from(setupTokens)
    .where(and(eq(setupTokens.tokenHash, sha256(token)), isNull(setupTokens.usedAt)))
    .get();
  return Boolean(row);
}

export async function completeSetup({
  token,
  input,
  ip,
}: {
  token: string;
  input: { email: string; name: string; password: string };
  ip: string | null;
}): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  return writeTransaction((tx) => {
    const n = tx.select({ n: count() }).from(users).get()?.n ?? 0;
    const row = tx
      .select()
      .from(setupTokens)
      .where(and(eq(setupTokens.tokenHash, sha256(token)), isNull(setupTokens.usedAt)))
      .get();
    if (n > 0 || !row) throw new RuleError("token", "This setup link has already been used");
    const user = tx
      .insert(users)
      .values({ email: normaliseEmail(input.email), name: input.name.trim(), role: "admin", passwordHash })
      .returning()
      .get();
    tx.update(setupTokens).set({ usedAt: nowIso() }).where(eq(setupTokens.tokenHash, row.tokenHash)).run();
    recordAudit(tx, {
      actor: { id: user.id, email: user.email, ip },
      action: "create",
      entityType: "user",
      entityId: user.id,
      summary: `First admin account created through the setup link`,
      after: { email: user.email, name: user.name, role: user.role },
    });
    const { passwordHash: _omit, ...publicUser } = user;
    return publicUser;
  });
}
