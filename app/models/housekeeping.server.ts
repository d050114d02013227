// Housekeeping the server does on start and daily: rows that only ever grow and are no longer needed.
import { lt } from "drizzle-orm";
import { writeTransaction } from "~db/connection";
import { sessions, signInFailures } from "~db/schema";
import { recordAudit } from "~/models/audit.server";

/** Failed sign-ins older than this no longer count toward any throttle (its window is 15 minutes). */
export const SIGN_IN_FAILURE_RETENTION_MS = 24 * 60 * 60_000;

export async function purgeExpiredRecords({ now = new Date() }: { now?: Date } = {}): Promise<{
  sessions: number;
  signInFailures: number;
}> {
  const at = now.toISOString();
  const failuresBefore = new Date(now.getTime() - SIGN_IN_FAILURE_RETENTION_MS).toISOString();
  return writeTransaction((tx) => {
    const removedSessions = tx.delete(sessions).where(lt(sessions.expiresAt, at)).run().changes;
    const removedFailures = tx.delete(signInFailures).where(lt(signInFailures.failedAt, failuresBefore)).run().changes;
    if (removedSessions || removedFailures) {
      recordAudit(tx, {
        actor: null,
        action: "housekeeping",
        entityType: "database",
        summary: `Housekeeping removed ${removedSessions} expired sessions and ${removedFailures} old failed sign-ins`,
      });
    }
    return { sessions: removedSessions, signInFailures: removedFailures };
  });
}
