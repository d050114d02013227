// Housekeeping the server does on start and daily: rows that only ever grow and are no longer needed.
import { and, eq, isNotNull, isNull, lt, or } from "drizzle-orm";
import { writeTransaction } from "~db/connection";
import { createKeys, imports, knownSignInAddresses, pendingSignIns, sessions, signInFailures, webauthnChallenges } from "~db/schema";
import { recordAudit } from "~/models/audit.server";
import { DEFAULT_SESSION_IDLE_MINUTES } from "~/models/auth.server";

/** Failed sign-ins older than this no longer count toward any throttle (its window is 15 minutes). */
export const SIGN_IN_FAILURE_RETENTION_MS = 24 * 60 * 60_000;
/** A create form's one-time key only has to outlast a retried or resent post. */
export const CREATE_KEY_RETENTION_MS = 24 * 60 * 60_000;
/** An address not signed in from for this long is no longer the holder's usual address (and is personal data). */
export const KNOWN_ADDRESS_RETENTION_MS = 90 * 24 * 60 * 60_000;

export async function purgeExpiredRecords({
  now = new Date(),
  sessionIdleMinutes = DEFAULT_SESSION_IDLE_MINUTES,
}: { now?: Date; sessionIdleMinutes?: number } = {}): Promise<{
  sessions: number;
  signInFailures: number;
  createKeys: number;
  knownAddresses: number;
  /** Half-finished sign-ins, passkey challenges and import drafts past their time: working state, not records. */
  expiredWorkingState: number;
}> {
  const at = now.toISOString();
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const idleBefore = before(sessionIdleMinutes * 60_000);
  return writeTransaction((tx) => {
    // Past its absolute end, or idle too long (sessions from before last-seen was kept count from their start).
    const removedSessions = tx
      .delete(sessions)
      .where(
        or(
          lt(sessions.expiresAt, at),
          and(isNotNull(sessions.lastSeenAt), lt(sessions.lastSeenAt, idleBefore)),
          and(isNull(sessions.lastSeenAt), lt(sessions.createdAt, idleBefore)),
        ),
      )
      .run().changes;
    const removedFailures = tx
      .delete(signInFailures)
      .where(lt(signInFailures.failedAt, before(SIGN_IN_FAILURE_RETENTION_MS)))
      .run().changes;
    const removedKeys = tx
      .delete(createKeys)
      .where(lt(createKeys.createdAt, before(CREATE_KEY_RETENTION_MS)))
      .run().changes;
    const removedAddresses = tx
      .delete(knownSignInAddresses)
      .where(lt(knownSignInAddresses.lastSignInAt, before(KNOWN_ADDRESS_RETENTION_MS)))
      .run().changes;
    const removedWorkingState =
      tx.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, at)).run().changes +
      tx.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, at)).run().changes +
      tx
        .delete(imports)
        .where(and(eq(imports.status, "draft"), lt(imports.expiresAt, at)))
        .run().changes;
    if (removedSessions || removedFailures || removedKeys || removedAddresses || removedWorkingState) {
      const extra = [
        removedKeys ? `${removedKeys} used create-form keys` : "",
        removedAddresses ? `${removedAddresses} sign-in addresses unused for 90 days` : "",
        removedWorkingState ? `${removedWorkingState} expired pending sign-ins, passkey challenges and import drafts` : "",
      ].filter(Boolean);
      recordAudit(tx, {
        actor: null,
        action: "housekeeping",
        entityType: "database",
        summary: `Housekeeping removed ${removedSessions} expired sessions and ${removedFailures} old failed sign-ins${extra.length ? `, ${extra.join(", ")}` : ""}`,
      });
    }
    return {
      sessions: removedSessions,
      signInFailures: removedFailures,
      createKeys: removedKeys,
      knownAddresses: removedAddresses,
      expiredWorkingState: removedWorkingState,
    };
  });
}
