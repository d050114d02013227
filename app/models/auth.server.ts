import { and, count, eq, gt, inArray, isNull, lt, max, ne, or, sql } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { db, writeTransaction, type Tx } from "~db/connection";
import { knownSignInAddresses, sessions, setupTokens, signInFailures, users } from "~db/schema";
import { dummyPasswordHash, hashPassword, PasswordHashingBusyError, verifyPassword } from "~/models/password.server";
import { nowIso, recordAudit, type Actor } from "./audit.server";
import { preparedQuery } from "./prepared-statements.server";
import { RuleError } from "./errors";
import { hasSecondFactor } from "./second-factor/shared.server";
import { readSecuritySettings } from "./settings.server";
import { normaliseEmail, type PublicUser } from "./user.server";

/** The defaults of SESSION_IDLE_MINUTES and SESSION_MAX_HOURS (the server passes the configured values). */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
export const DEFAULT_SESSION_MAX_HOURS = 12;
/** A session's last-seen time is written at most this often, not on every request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What a page may show for a session: the row id is the token's hash, so a page shows a hash of that instead. */
function sessionHandle(sessionId: string): string {
  return sha256(sessionId).slice(0, 24);
}

// ---- sessions -------------------------------------------------------------

export async function createSession({
  userId,
  ip,
  userAgent,
  maxHours = DEFAULT_SESSION_MAX_HOURS,
}: {
  userId: number;
  ip?: string | null;
  userAgent?: string | null;
  maxHours?: number;
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
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + maxHours * 3600_000).toISOString(),
        ip: ip ?? null,
        userAgent: userAgent?.slice(0, 300) ?? null,
      })
      .run(),
  );
  return token;
}

function idleCutoff(idleMinutes: number, now: number): string {
  return new Date(now - idleMinutes * 60_000).toISOString();
}

/** The active user behind a session token, or undefined when the session is unknown, expired, idle too long or the account deactivated. */
export function getSessionUser(
  token: string,
  { idleMinutes = DEFAULT_SESSION_IDLE_MINUTES }: { idleMinutes?: number } = {},
): PublicUser | undefined {
  return liveSession(token, idleMinutes, Date.now())?.user;
}

/** The session lookup runs on every request: prepared once per connection rather than built and prepared each time. */
const sessionLookup = preparedQuery((database) =>
  database
    .select({ user: users, sessionId: sessions.id, lastSeenAt: sessions.lastSeenAt, createdAt: sessions.createdAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder("id")), gt(sessions.expiresAt, sql.placeholder("now")), isNull(users.deactivatedAt)))
    .prepare(),
);

function liveSession(token: string, idleMinutes: number, now: number) {
  const row = sessionLookup().get({ id: sha256(token), now: new Date(now).toISOString() });
  if (!row || (row.lastSeenAt ?? row.createdAt) <= idleCutoff(idleMinutes, now)) return undefined;
  const { passwordHash: _omit, ...user } = row.user;
  return { user, sessionId: row.sessionId, lastSeenAt: row.lastSeenAt ?? row.createdAt };
}

/**
 * The user behind a session token for a request, as getSessionUser, and the session marked as seen now: written
 * at most once a minute (LAST_SEEN_RESOLUTION_MS), so a page of requests costs no writes.
 */
export async function resumeSession({
  token,
  idleMinutes = DEFAULT_SESSION_IDLE_MINUTES,
  now = Date.now(),
}: {
  token: string;
  idleMinutes?: number;
  now?: number;
}): Promise<PublicUser | undefined> {
  const live = liveSession(token, idleMinutes, now);
  if (!live) return undefined;
  if (now - new Date(live.lastSeenAt).getTime() >= LAST_SEEN_RESOLUTION_MS) {
    const at = new Date(now).toISOString();
    await writeTransaction((tx) => tx.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, live.sessionId)).run());
  }
  return live.user;
}

/**
 * Give the session behind `token` a new token (and so a new id), keeping its start, end, address and browser.
 * Call at a change of what the session may do (a second factor added or removed); returns the new token, or
 * undefined when the session no longer exists.
 */
export async function renewSessionToken({ token }: { token: string }): Promise<string | undefined> {
  const fresh = newToken();
  const changed = await writeTransaction(
    (tx) =>
      tx
        .update(sessions)
        .set({ id: sha256(fresh), lastSeenAt: nowIso() })
        .where(eq(sessions.id, sha256(token)))
        .run().changes,
  );
  return changed ? fresh : undefined;
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

export function countSessionsOfUser(userId: number): number {
  return db().select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)).get()?.n ?? 0;
}

export type SessionSummary = {
  handle: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
};

/** A person's live sessions, the one behind `token` first, then the most recently seen. */
export function listSessionsOfUser({
  userId,
  token,
  idleMinutes = DEFAULT_SESSION_IDLE_MINUTES,
  now = Date.now(),
}: {
  userId: number;
  token: string;
  idleMinutes?: number;
  now?: number;
}): SessionSummary[] {
  const currentId = sha256(token);
  return db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, new Date(now).toISOString())))
    .all()
    .filter((row) => (row.lastSeenAt ?? row.createdAt) > idleCutoff(idleMinutes, now))
    .map((row) => ({
      handle: sessionHandle(row.id),
      current: row.id === currentId,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt ?? row.createdAt,
      ip: row.ip,
      userAgent: row.userAgent,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/**
 * End the person's own sessions other than the one behind `token`: all of them (`handle` absent) or the one
 * with that handle. Audited; returns how many ended. The current session is never ended here (that is signing out).
 */
export async function endOtherSessions({ actor, token, handle }: { actor: Actor; token: string; handle?: string }): Promise<number> {
  const currentId = sha256(token);
  return writeTransaction((tx) => {
    const ids = tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.userId, actor.id), ne(sessions.id, currentId)))
      .all()
      .map((row) => row.id)
      .filter((id) => handle === undefined || sessionHandle(id) === handle);
    if (ids.length === 0) return 0;
    tx.delete(sessions).where(inArray(sessions.id, ids)).run();
    recordAudit(tx, {
      actor,
      action: "sessions_ended",
      entityType: "user",
      entityId: actor.id,
      summary: handle === undefined ? `Signed out of every other session (${ids.length})` : "Signed out of another session",
    });
    return ids.length;
  });
}

// ---- sign-in with throttling ----------------------------------------------

const WINDOW_MS = 15 * 60_000;
// Failures are counted three ways (docs/decisions/0009): per account and address pair, per account and per
// address. The pair is the throttle everyone meets. The account's and the address's ceilings are higher (an office
// shares one address behind its gateway) and do not apply from an address the account has signed in from with its
// password before: someone hammering an account from elsewhere slows themselves, not the holder at their desk.
export const FREE_ATTEMPTS_PER_PAIR = 5;
export const FREE_ATTEMPTS_PER_ACCOUNT = 20;
export const FREE_ATTEMPTS_PER_ADDRESS = 20;
const MAX_LOCK_MS = 15 * 60_000;
/** How long a person refused because the password checks are full is asked to wait. */
export const BUSY_RETRY_SECONDS = 5;

/** After the free failures within 15 minutes, each further failure doubles the wait (30 s, 1 min, 2 min ... 15 min). */
export function lockRemainingMs({
  failures,
  lastFailureAt,
  now = Date.now(),
  free = FREE_ATTEMPTS_PER_PAIR,
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

function throttleWaitMs(tx: Tx, key: string, free: number): number {
  const since = new Date(Date.now() - WINDOW_MS).toISOString();
  const row = tx
    .select({ n: count(), last: max(signInFailures.failedAt) })
    .from(signInFailures)
    .where(and(eq(signInFailures.key, key), gt(signInFailures.failedAt, since)))
    .get();
  return lockRemainingMs({ failures: row?.n ?? 0, lastFailureAt: row?.last ?? null, free });
}

/** The throttle keys of one attempt, each with its free failures. */
function throttleKeys(email: string, ip: string | null, knownAddress: boolean): { key: string; free: number; applies: boolean }[] {
  return [
    { key: `pair:${email}|${ip ?? ""}`, free: FREE_ATTEMPTS_PER_PAIR, applies: true },
    { key: `email:${email}`, free: FREE_ATTEMPTS_PER_ACCOUNT, applies: !knownAddress },
    ...(ip ? [{ key: `ip:${ip}`, free: FREE_ATTEMPTS_PER_ADDRESS, applies: !knownAddress }] : []),
  ];
}

/** `secondFactorNeeded`: the password was right, but the person has a second factor to give before a session starts. */
export type SignInResult =
  | { ok: true; user: PublicUser; secondFactorNeeded: boolean }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | { ok: false; reason: "busy"; retryAfterSeconds: number }
  | { ok: false; reason: "password_sign_in_off" };

/**
 * Check an email and password. The attempt is counted as a failure, atomically with the check of the throttle,
 * before the password is hashed; a correct password takes its count back. So attempts sent at once cannot all slip
 * under the throttle: at most the free number are ever checked.
 */
export async function signIn({
  email: emailInput,
  password,
  ip,
  officeSignInConfigured = false,
}: {
  email: string;
  password: string;
  ip: string | null;
  /** Whether people can sign in with their office account instead; only then can an admin switch passwords off. */
  officeSignInConfigured?: boolean;
}): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  if (officeSignInConfigured && !readSecuritySettings().passwordSignIn) {
    await writeTransaction((tx) =>
      recordAudit(tx, {
        actor: null,
        action: "sign_in_refused",
        entityType: "user",
        summary: `Password sign-in refused for ${email}: password sign-in is switched off (office sign-in only)`,
        after: { method: "password", reason: "password_sign_in_off" },
        ip,
      }),
    );
    return { ok: false, reason: "password_sign_in_off" };
  }
  const user = db().select().from(users).where(eq(users.email, email)).get();
  const attempt = await writeTransaction((tx) => {
    const knownAddress = Boolean(
      user &&
      ip &&
      tx
        .select({ ip: knownSignInAddresses.ip })
        .from(knownSignInAddresses)
        .where(and(eq(knownSignInAddresses.userId, user.id), eq(knownSignInAddresses.ip, ip)))
        .get(),
    );
    const keys = throttleKeys(email, ip, knownAddress);
    const waitMs = Math.max(...keys.filter((k) => k.applies).map((k) => throttleWaitMs(tx, k.key, k.free)));
    if (waitMs > 0) {
      recordAudit(tx, {
        actor: null,
        action: "sign_in_throttled",
        entityType: "user",
        entityId: user?.id ?? null,
        summary: `Sign-in refused for ${email}: too many failed attempts`,
        ip,
      });
      return { waitMs, failureIds: [] };
    }
    const at = nowIso();
    const failureIds = keys.map(
      ({ key }) => tx.insert(signInFailures).values({ key, failedAt: at }).returning({ id: signInFailures.id }).get().id,
    );
    return { waitMs: 0, failureIds };
  });
  if (attempt.waitMs > 0) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil(attempt.waitMs / 1000) };

  let valid: boolean;
  try {
    valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  } catch (error) {
    if (!(error instanceof PasswordHashingBusyError)) throw error;
    // Never checked, so not a failure: take the count back.
    await writeTransaction((tx) => {
      tx.delete(signInFailures).where(inArray(signInFailures.id, attempt.failureIds)).run();
      recordAudit(tx, {
        actor: null,
        action: "sign_in_busy",
        entityType: "user",
        entityId: user?.id ?? null,
        summary: `Sign-in for ${email} refused: too many sign-ins at once`,
        ip,
      });
    });
    return { ok: false, reason: "busy", retryAfterSeconds: BUSY_RETRY_SECONDS };
  }

  if (!user || !valid || user.deactivatedAt) {
    await writeTransaction((tx) => {
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
    const at = nowIso();
    tx.delete(signInFailures)
      .where(or(inArray(signInFailures.id, attempt.failureIds), eq(signInFailures.key, `pair:${email}|${ip ?? ""}`)))
      .run();
    if (ip)
      tx.insert(knownSignInAddresses)
        .values({ userId: user.id, ip, lastSignInAt: at })
        .onConflictDoUpdate({ target: [knownSignInAddresses.userId, knownSignInAddresses.ip], set: { lastSignInAt: at } })
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
