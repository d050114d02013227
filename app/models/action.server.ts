import { and, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "~db/connection";
import { actions, type ActionStatus } from "~db/schema";
import { diffFields, nowIso, recordAudit, type Actor } from "./audit.server";
import { ConflictError, NotFoundError, RuleError } from "./errors";

export type Action = typeof actions.$inferSelect;

/** One change to an action: any of status (with a closing note), due date, owner. */
export type ActionChange = {
  status?: ActionStatus;
  closingNote?: string | null;
  dueDate?: string | null;
  ownerType?: "office" | "stakeholder";
  ownerUserId?: number | null;
  ownerName?: string | null;
};

const ENDED: ActionStatus[] = ["done", "dropped"];

function nextFields(current: Action, change: ActionChange, actor: Actor) {
  const next: Partial<Action> = {};
  if (change.status !== undefined && change.status !== current.status) {
    next.status = change.status;
    if (ENDED.includes(change.status)) {
      next.closedAt = nowIso();
      next.closedById = actor.id;
    } else {
      next.closedAt = null;
      next.closedById = null;
    }
  }
  if (change.status && ENDED.includes(change.status) && change.closingNote !== undefined) next.closingNote = change.closingNote;
  if (change.dueDate !== undefined) next.dueDate = change.dueDate;
  if (change.ownerType !== undefined) next.ownerType = change.ownerType;
  if (change.ownerUserId !== undefined) next.ownerUserId = change.ownerUserId;
  if (change.ownerName !== undefined) next.ownerName = change.ownerName;
  return next;
}

/**
 * Apply a change to one action inside the caller's transaction, checking the version it was based on.
 * Throws ConflictError (nothing written) when someone changed it meanwhile.
 */
export function applyActionChange(tx: Tx, id: number, expectedVersion: number, change: ActionChange, actor: Actor): Action {
  const current = tx.select().from(actions).where(eq(actions.id, id)).get();
  if (!current) throw new NotFoundError("Action");
  if (current.version !== expectedVersion)
    throw new ConflictError<Action>("Someone else changed this action since you opened it", current);
  if (change.status && ENDED.includes(change.status) && !change.closingNote?.trim() && !current.closingNote)
    throw new RuleError("closingNote", change.status === "done" ? "Enter a closing note saying what was done" : "Enter the reason for dropping it");
  const next = nextFields(current, change, actor);
  const diff = diffFields(current, next, ["updatedAt", "version", "createdAt", "closedAt", "closedById"]);
  if (!diff) return current;
  const row = tx
    .update(actions)
    .set({ ...next, updatedAt: nowIso(), version: current.version + 1 })
    .where(and(eq(actions.id, id), eq(actions.version, expectedVersion)))
    .returning()
    .get();
  recordAudit(tx, {
    actor,
    action: next.status ? `action_${next.status}` : "update",
    entityType: "action",
    entityId: id,
    summary: describeChange(current, next),
    ...diff,
  });
  return row;
}

function describeChange(current: Action, next: Partial<Action>): string {
  const what = current.kind === "commitment" ? "Commitment" : "Follow-up";
  const parts: string[] = [];
  if (next.status) parts.push(`marked ${next.status.replace("_", " ")}`);
  if (next.dueDate !== undefined) parts.push(next.dueDate ? `due date set to ${next.dueDate}` : "due date removed");
  if (next.ownerType !== undefined || next.ownerUserId !== undefined || next.ownerName !== undefined) parts.push("reassigned");
  return `${what} #${current.id} ${parts.join(", ") || "updated"}`;
}

/** Change one action in its own transaction. */
export function changeAction(id: number, expectedVersion: number, change: ActionChange, actor: Actor): Action {
  return db().transaction((tx) => applyActionChange(tx, id, expectedVersion, change, actor));
}

export type BulkResult = { changed: Action[]; conflicts: Action[]; missing: number[] };

/**
 * Apply one change to several actions at once. Each item carries the version the user saw:
 * an item changed meanwhile by someone else is reported, not overwritten, and the rest still apply.
 */
export function changeActions(items: { id: number; version: number }[], change: ActionChange, actor: Actor): BulkResult {
  return db().transaction((tx) => {
    const result: BulkResult = { changed: [], conflicts: [], missing: [] };
    for (const item of items) {
      try {
        result.changed.push(applyActionChange(tx, item.id, item.version, change, actor));
      } catch (error) {
        if (error instanceof ConflictError) result.conflicts.push(error.current as Action);
        else if (error instanceof NotFoundError) result.missing.push(item.id);
        else throw error;
      }
    }
    return result;
  });
}

export function getAction(id: number): Action | undefined {
  return db().select().from(actions).where(eq(actions.id, id)).get();
}

export function getActions(ids: number[]): Action[] {
  if (!ids.length) return [];
  return db().select().from(actions).where(inArray(actions.id, ids)).all();
}
