import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { db, type Db, type Tx } from "~db/connection";
import { passkeys, totpFactors } from "~db/schema";

/** The key the TOTP secrets are encrypted with: 32 bytes, derived by the caller from the session secret. */
export type SecretKey = Buffer;

export const SERVICE_NAME = "Stakeholder Engagement Tracker";

export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

// AES-256-GCM: "v1." + base64url(iv | tag | ciphertext). GCM's tag means a tampered row fails to decrypt.
export function encryptSecret(plain: string, key: SecretKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")}`;
}

/** The plain secret, or undefined when it cannot be decrypted (the session secret changed, or the row was altered). */
export function decryptSecret(stored: string, key: SecretKey): string | undefined {
  if (!stored.startsWith("v1.")) return undefined;
  try {
    const raw = Buffer.from(stored.slice(3), "base64url");
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

/** Whether the person has a second factor they can sign in with: a confirmed authenticator app or a passkey. */
export function hasSecondFactor(tx: Tx | Db, userId: number): boolean {
  const totp = tx
    .select({ n: count() })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)))
    .get();
  if ((totp?.n ?? 0) > 0) return true;
  return (tx.select({ n: count() }).from(passkeys).where(eq(passkeys.userId, userId)).get()?.n ?? 0) > 0;
}

export function userHasSecondFactor(userId: number): boolean {
  return hasSecondFactor(db(), userId);
}
