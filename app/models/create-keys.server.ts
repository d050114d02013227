// One-time keys carried by create forms, so that a post sent twice (a double click, a retry after a timeout, a proxy
// resending) makes one record: the second finds the key, recorded with the record in the same transaction, and
// lands on the record the first made.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Tx } from "~db/connection";
import { createKeys } from "~db/schema";
import { nowIso } from "./audit.server";

export type CreateKeyEntity = "engagement" | "organisation" | "contact" | "user";

/** A fresh key for a create form's hidden `createKey` field. */
export function newCreateKey(): string {
  return randomUUID();
}

/**
 * Inside a create's transaction: the record already made with this key by this person, through `find`; otherwise
 * `create` runs and the key is kept with what it made. Without a key (a script, an old form) `create` just runs.
 * `repeated` says which happened.
 */
export function createOnce<T extends { id: number }>(
  tx: Tx,
  { key, userId, entityType }: { key: string | null | undefined; userId: number | null | undefined; entityType: CreateKeyEntity },
  { create, find }: { create: () => T; find: (id: number) => T | undefined },
): { record: T; repeated: boolean } {
  if (!key || !userId) return { record: create(), repeated: false };
  const earlier = tx
    .select({ entityId: createKeys.entityId })
    .from(createKeys)
    .where(and(eq(createKeys.userId, userId), eq(createKeys.entityType, entityType), eq(createKeys.key, key)))
    .get();
  const found = earlier ? find(earlier.entityId) : undefined;
  if (found) return { record: found, repeated: true };
  const record = create();
  tx.insert(createKeys)
    .values({ key, userId, entityType, entityId: record.id, createdAt: nowIso() })
    .onConflictDoUpdate({
      target: [createKeys.userId, createKeys.entityType, createKeys.key],
      set: { entityId: record.id, createdAt: nowIso() },
    })
    .run();
  return { record, repeated: false };
}
