import { randomInt } from "node:crypto";
import { and, count, eq, isNull, sql } from "drizzle-orm";
import { writeTransaction, type Tx } from "~db/connection";
import { recoveryCodes } from "~db/schema";
import { nowIso, recordAudit, type Actor } from "../audit.server";
import { RuleError } from "../errors";
import { preparedQuery } from "../prepared-statements.server";
import { hasSecondFactor, sha256 } from "./shared.server";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not mistaken. 10 characters: 50 bits.
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

function newRecoveryCode(): string {
  let code = "";
  for (let i = 0; i < 10; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The code as stored: lower case, without spaces or hyphens, with the look-alikes (o, i, l) read as digits. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "").replace(/o/g, "0").replace(/[il]/g, "1");
}

/** Replace the person's recovery codes with `howMany` new ones (0 deletes them); returns the new codes in plain text. */
export function replaceRecoveryCodes(tx: Tx, userId: number, howMany = RECOVERY_CODE_COUNT): string[] {
  tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
  const codes = Array.from({ length: howMany }, newRecoveryCode);
  const at = nowIso();
  for (const code of codes)
    tx.insert(recoveryCodes)
      .values({ userId, codeHash: sha256(normaliseRecoveryCode(code)), createdAt: at })
      .run();
  return codes;
}

/** Use one recovery code, inside the caller's transaction: true when it was one of the person's unused codes. */
export function spendRecoveryCode(tx: Tx, { userId, code }: { userId: number; code: string }): boolean {
  const normalised = normaliseRecoveryCode(code);
  if (!/^[0-9a-z]{10}$/.test(normalised)) return false;
  const used = tx
    .update(recoveryCodes)
    .set({ usedAt: nowIso() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, sha256(normalised)), isNull(recoveryCodes.usedAt)))
    .run();
  return used.changes === 1;
}

const unusedCodesQuery = preparedQuery((database) =>
  database
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, sql.placeholder("userId")), isNull(recoveryCodes.usedAt)))
    .prepare(),
);

/** How many of a person's recovery codes are unused (read on the connection, inside the caller's transaction if any). */
export function countUnusedRecoveryCodes(userId: number): number {
  return unusedCodesQuery().get({ userId })?.n ?? 0;
}

/** Ten new recovery codes (the old ones stop working), returned once to show. Only for a person with a second factor. */
export async function regenerateRecoveryCodes({ actor }: { actor: Actor }): Promise<string[]> {
  const codes = await writeTransaction((tx) => {
    if (!hasSecondFactor(tx, actor.id)) {
      recordAudit(tx, {
        actor,
        action: "second_factor_refused",
        entityType: "user",
        entityId: actor.id,
        summary: "Recovery codes not made: no second factor is set up",
      });
      return undefined;
    }
    const fresh = replaceRecoveryCodes(tx, actor.id);
    recordAudit(tx, {
      actor,
      action: "recovery_codes_replaced",
      entityType: "user",
      entityId: actor.id,
      summary: "10 new recovery codes made; the earlier ones no longer work",
    });
    return fresh;
  });
  if (!codes) throw new RuleError("recoveryCodes", "Set up an authenticator app or a passkey first");
  return codes;
}
