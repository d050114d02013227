import { eq } from "drizzle-orm";
import { writeTransaction } from "~db/connection";
import { passkeys, pendingSignIns, recoveryCodes, sessions, totpFactors, users, webauthnChallenges } from "~db/schema";
import { recordAudit, type Actor } from "../audit.server";
import { NotFoundError } from "../errors";
import { countUnusedRecoveryCodes } from "./recovery-codes.server";
import { listPasskeys, type PasskeySummary } from "./passkeys.server";
import { and, isNotNull, sql } from "drizzle-orm";
import { preparedQuery } from "../prepared-statements.server";

export type SecondFactorSummary = {
  totpSince: string | null;
  passkeys: PasskeySummary[];
  recoveryCodesLeft: number;
};

const confirmedTotpQuery = preparedQuery((database) =>
  database
    .select({ confirmedAt: totpFactors.confirmedAt })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, sql.placeholder("userId")), isNotNull(totpFactors.confirmedAt)))
    .prepare(),
);

/** What second factors a person has: for their account page and the admin's view of the account. */
export function secondFactorSummary(userId: number): SecondFactorSummary {
  const totp = confirmedTotpQuery().get({ userId });
  return { totpSince: totp?.confirmedAt ?? null, passkeys: listPasskeys(userId), recoveryCodesLeft: countUnusedRecoveryCodes(userId) };
}

/**
 * An admin removes every second factor of a person (lost phone and codes): the app, the passkeys, the recovery codes,
 * any sign-in waiting for a factor, and their sessions. They sign in with their password and set one up again
 * (at once, when a second factor is required).
 */
export async function resetSecondFactors({ userId, actor }: { userId: number; actor: Actor }): Promise<void> {
  await writeTransaction((tx) => {
    const user = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get();
    if (!user) throw new NotFoundError("Account");
    const before = {
      authenticatorApp: Boolean(tx.select().from(totpFactors).where(eq(totpFactors.userId, userId)).get()?.confirmedAt),
      passkeys: tx
        .select({ name: passkeys.name })
        .from(passkeys)
        .where(eq(passkeys.userId, userId))
        .all()
        .map((p) => p.name),
    };
    for (const table of [totpFactors, recoveryCodes, passkeys, webauthnChallenges, pendingSignIns, sessions] as const) {
      tx.delete(table).where(eq(table.userId, userId)).run();
    }
    recordAudit(tx, {
      actor,
      action: "second_factor_reset",
      entityType: "user",
      entityId: userId,
      summary: `Second factors reset for ${user.email}; their sessions ended`,
      before,
      after: { authenticatorApp: false, passkeys: [] },
    });
  });
}
