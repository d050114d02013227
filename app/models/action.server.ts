import { aliasedTable, and, eq, isNull } from "drizzle-orm";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { actions, engagements, organisations, users, type ActionStatus } from "~db/schema";
import { hasRole, type Role } from "~/domain/permissions";
import { diffFields, nowIso, recordAudit, recordRecordDenial, type Actor } from "./audit.server";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "./errors";

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
function applyActionChange(tx: Tx, id: number, expectedVersion: number, change: ActionChange, actor: Actor): Action {
  const current = tx.select().from(actions).where(eq(actions.id, id)).get();
  if (!current) throw new NotFoundError("Action");
  if (current.version !== expectedVersion) throw new ConflictError<Action>("Someone else changed this action since you opened it", current);
  if (change.status && ENDED.includes(change.status) && !change.closingNote?.trim() && !current.closingNote)
    throw new RuleError(
      "closingNote",
      change.status === "done" ? "Enter a closing note saying what was done" : "Enter the reason for dropping it",
    );
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

export type BulkResult = { changed: Action[]; conflicts: Action[]; missing: number[] };

// ---------------------------------------------------------------------------------------------
// Who may change which action (see docs/decisions/0005): managers and admins change anyone's;
// an officer changes the actions they own and every action of an engagement they lead or
// recorded (they ran the meeting, so they chase both sides' commitments); viewers change nothing.

export type ActionChanger = Actor & { role: Role };

export type ActionPermissionFacts = {
  ownerUserId: number | null;
  engagementLeadUserId: number | null;
  engagementCreatedById: number | null;
};

export function mayChangeAction({ user, facts }: { user: { id: number; role: Role }; facts: ActionPermissionFacts }): boolean {
  if (hasRole(user.role, "manager")) return true;
  if (!hasRole(user.role, "officer")) return false;
  return facts.ownerUserId === user.id || facts.engagementLeadUserId === user.id || facts.engagementCreatedById === user.id;
}

/** An action with what the permission rule needs; undefined when missing or its engagement is archived. */
function actionWithFacts(tx: Tx | Db, id: number) {
  return tx
    .select({
      action: actions,
      engagementLeadUserId: engagements.leadUserId,
      engagementCreatedById: engagements.createdById,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .where(and(eq(actions.id, id), isNull(engagements.archivedAt)))
    .get();
}

const closedBy = aliasedTable(users, "closed_by");

/** One action for its own page: the action, its engagement, organisation, owner and who closed it. */
export function getActionDetail(id: number) {
  return db()
    .select({
      action: actions,
      engagement: {
        id: engagements.id,
        title: engagements.title,
        date: engagements.date,
        kind: engagements.kind,
        status: engagements.status,
        leadUserId: engagements.leadUserId,
        createdById: engagements.createdById,
      },
      organisation: { id: organisations.id, name: organisations.name, slug: organisations.slug, kind: organisations.kind },
      ownerUserName: users.name,
      closedByName: closedBy.name,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .leftJoin(organisations, eq(organisations.id, actions.organisationId))
    .leftJoin(users, eq(users.id, actions.ownerUserId))
    .leftJoin(closedBy, eq(closedBy.id, actions.closedById))
    .where(and(eq(actions.id, id), isNull(engagements.archivedAt)))
    .get();
}
export type ActionDetail = NonNullable<ReturnType<typeof getActionDetail>>;

/** Staff who can be given an action: active accounts that may change actions (officers and up). */
export function listActionOwners() {
  return db()
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(isNull(users.deactivatedAt))
    .orderBy(users.name)
    .all()
    .filter((u) => hasRole(u.role, "officer"));
}

/**
 * The owner fields for "who should own it": "office" (the office, no named person), "stakeholder"
 * (optionally a named person on their side) or a member of staff's id, who must have an active
 * account that may change actions. RuleError at `field` otherwise.
 */
export function resolveOwner({
  choice,
  ownerName,
  field,
}: {
  choice: string;
  ownerName: string | null | undefined;
  field: string;
}): ActionChange {
  if (choice === "office") return { ownerType: "office", ownerUserId: null, ownerName: null };
  if (choice === "stakeholder") return { ownerType: "stakeholder", ownerUserId: null, ownerName: ownerName?.trim() || null };
  const id = Number(choice);
  const user = Number.isSafeInteger(id)
    ? db().select({ id: users.id, role: users.role, deactivatedAt: users.deactivatedAt }).from(users).where(eq(users.id, id)).get()
    : undefined;
  if (!user || user.deactivatedAt || !hasRole(user.role, "officer")) throw new RuleError(field, "Choose a member of staff from the list");
  return { ownerType: "office", ownerUserId: user.id, ownerName: null };
}

export class ActionPermissionError extends ForbiddenError {
  constructor() {
    super("You may only change your own actions and those of engagements you lead or recorded");
    this.name = "ActionPermissionError";
  }
}

/**
 * Change one action on behalf of a user, enforcing who may change it (ActionPermissionError, the
 * refusal audited), the version it was based on (ConflictError<Action>) and the rules (RuleError);
 * one transaction. `what` names the change in the audit trail of a refusal.
 */
export async function changeActionAs({
  id,
  version: expectedVersion,
  change,
  user,
  what = "change",
}: {
  id: number;
  version: number;
  change: ActionChange;
  user: ActionChanger;
  what?: string;
}): Promise<Action> {
  try {
    return await writeTransaction((tx) => {
      const found = actionWithFacts(tx, id);
      if (!found) throw new NotFoundError("Action");
      if (!mayChangeAction({ user, facts: { ownerUserId: found.action.ownerUserId, ...found } })) throw new ActionPermissionError();
      return applyActionChange(tx, id, expectedVersion, change, user);
    });
  } catch (error) {
    // The refusal is an event of its own, written after the refused transaction rolled back.
    if (error instanceof ActionPermissionError)
      await recordRecordDenial({
        actor: user,
        entityType: "action",
        entityId: id,
        summary: `Change (${what}) to action #${id} refused: not the owner, lead or recorder of its engagement`,
      });
    throw error;
  }
}

export type BulkResultAs = BulkResult & { refused: Action[] };

/**
 * Apply one change to several actions on behalf of a user, in one transaction. Items changed
 * meanwhile are reported in `conflicts`, those the user may not change in `refused`, unknown or
 * archived ones in `missing`; the rest are changed. A rule failure (a missing closing note)
 * writes nothing.
 */
export function changeActionsAs({
  items,
  change,
  user,
}: {
  items: { id: number; version: number }[];
  change: ActionChange;
  user: ActionChanger;
}): Promise<BulkResultAs> {
  return writeTransaction((tx) => {
    const result: BulkResultAs = { changed: [], conflicts: [], missing: [], refused: [] };
    const seen = new Set<number>();
    for (const item of items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      const found = actionWithFacts(tx, item.id);
      if (!found) {
        result.missing.push(item.id);
        continue;
      }
      if (!mayChangeAction({ user, facts: { ownerUserId: found.action.ownerUserId, ...found } })) {
        result.refused.push(found.action);
        continue;
      }
      try {
        result.changed.push(applyActionChange(tx, item.id, item.version, change, user));
      } catch (error) {
        if (error instanceof ConflictError) result.conflicts.push(error.current);
        else throw error;
      }
    }
    return result;
  });
}
