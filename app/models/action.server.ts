import { aliasedTable, and, eq, isNull, sql } from "drizzle-orm";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { actions, engagements, organisations, users, type ActionStatus } from "~db/schema";
import { ACTION_RULE, hasRole, mayChangeAction, type ActionPermissionFacts, type Role } from "~/domain/permissions";
import { diffFields, nowIso, recordAudit, recordRefusals, withRefusalsRecorded, type Actor } from "./audit.server";
import { ConflictError, ForbiddenError, NotFoundError, RuleError, type Refusal } from "./errors";
import { preparedQuery, preparedStatement } from "./prepared-statements.server";

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
// Who may change which action: the rule is mayChangeAction (~/domain/permissions, docs/decisions/0005
// and 0012). Every path that changes, closes, reassigns, re-dates or deletes an action checks it here,
// inside its write transaction: the register (one or many), the engagement form, the engagement that
// resolves a follow-up, and any import (assertMayChangeAction).

export { mayChangeAction, type ActionPermissionFacts };

/** Whoever changes an action; their role decides with the action's facts. */
export type ActionChanger = Actor;

/** An action with what the rule needs; undefined when missing or its engagement is archived. */
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

/** The audit trail's sentence for one refused change to an action ("close", "delete with the engagement form"). */
export function actionRefusal({
  action,
  user,
  what,
}: {
  action: Pick<Action, "id" | "kind">;
  user: Pick<Actor, "email" | "role">;
  what: string;
}): Refusal {
  const noun = action.kind === "commitment" ? "Commitment" : "Follow-up";
  return {
    entityType: "action",
    entityId: action.id,
    summary: `${noun} #${action.id}: ${what} refused to ${user.email} (${user.role}): not its owner, nor the lead or recorder of its engagement`,
  };
}

export class ActionPermissionError extends ForbiddenError {
  constructor(refusals: Refusal[]) {
    super(ACTION_RULE, refusals);
    this.name = "ActionPermissionError";
  }
}

/**
 * The check every writer of actions calls, inside its transaction, before it changes, closes, reassigns,
 * re-dates or deletes action `id` for `user` (an import calls it for each row it would change). Returns the
 * action as stored; NotFoundError when it is missing or its engagement is archived; ActionPermissionError
 * (403) when the rule refuses, carrying the refusal, which is audited once the caller's transaction has rolled
 * back when the caller runs it through withRefusalsRecorded. `what` names the change in the audit trail.
 */
export function assertMayChangeAction({ tx, user, id, what }: { tx: Tx | Db; user: ActionChanger; id: number; what: string }): Action {
  const found = actionWithFacts(tx, id);
  if (!found) throw new NotFoundError("Action");
  const facts = { ownerUserId: found.action.ownerUserId, ...found };
  if (!mayChangeAction({ user, facts })) throw new ActionPermissionError([actionRefusal({ action: found.action, user, what })]);
  return found.action;
}

/**
 * For a page that would offer `user` a change to one action (the form that records the engagement resolving a
 * follow-up): the action, or ActionPermissionError with the refusal recorded (a 403), NotFoundError when it is
 * missing or its engagement archived.
 */
export function checkMayChangeAction({ user, id, what }: { user: ActionChanger; id: number; what: string }): Promise<Action> {
  return withRefusalsRecorded(user, async () => assertMayChangeAction({ tx: db(), user, id, what }));
}

const closedBy = aliasedTable(users, "closed_by");

const actionDetailQuery = preparedQuery((database) =>
  database
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
      organisation: {
        id: organisations.id,
        name: organisations.name,
        shortName: organisations.shortName,
        slug: organisations.slug,
        kind: organisations.kind,
      },
      ownerUserName: users.name,
      closedByName: closedBy.name,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .leftJoin(organisations, eq(organisations.id, actions.organisationId))
    .leftJoin(users, eq(users.id, actions.ownerUserId))
    .leftJoin(closedBy, eq(closedBy.id, actions.closedById))
    .where(and(eq(actions.id, sql.placeholder("id")), isNull(engagements.archivedAt)))
    .prepare(),
);

/** One action for its own page: the action, its engagement, organisation, owner and who closed it. */
export function getActionDetail(id: number) {
  return actionDetailQuery().get({ id });
}
export type ActionDetail = NonNullable<ReturnType<typeof getActionDetail>>;

/** Staff who can be given an action: active accounts that may change actions (officers and up). */
export function listActionOwners() {
  // On every request of the register and the action pages: prepared once (docs/decisions/0031).
  return (
    preparedStatement("SELECT id, name, role FROM users WHERE deactivated_at IS NULL ORDER BY name").all() as {
      id: number;
      name: string;
      role: Role;
    }[]
  ).filter((u) => hasRole(u.role, "officer"));
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
  what = describeIntent(change),
}: {
  id: number;
  version: number;
  change: ActionChange;
  user: ActionChanger;
  what?: string;
}): Promise<Action> {
  return withRefusalsRecorded(user, () =>
    writeTransaction((tx) => {
      assertMayChangeAction({ tx, user, id, what });
      return applyActionChange(tx, id, expectedVersion, change, user);
    }),
  );
}

/** A change in the words of the audit trail: "close (done)", "re-date", "reassign". */
function describeIntent(change: ActionChange): string {
  const parts: string[] = [];
  if (change.status) parts.push(ENDED.includes(change.status) ? `close (${change.status})` : `mark ${change.status.replace("_", " ")}`);
  if (change.dueDate !== undefined) parts.push("re-date");
  if (change.ownerType !== undefined || change.ownerUserId !== undefined || change.ownerName !== undefined) parts.push("reassign");
  return parts.join(" and ") || "change";
}

export type BulkResultAs = BulkResult & { refused: Action[] };

/**
 * Apply one change to several actions on behalf of a user, in one transaction. Items changed
 * meanwhile are reported in `conflicts`, those the user may not change in `refused` (each refusal
 * audited as an event of its own), unknown or archived ones in `missing`; the rest are changed.
 * A rule failure (a missing closing note) writes no change (the refusals are still recorded).
 */
export async function changeActionsAs({
  items,
  change,
  user,
}: {
  items: { id: number; version: number }[];
  change: ActionChange;
  user: ActionChanger;
}): Promise<BulkResultAs> {
  const what = `${describeIntent(change)} in a bulk change`;
  let refusals: Refusal[] = [];
  try {
    return await writeTransaction((tx) => {
      refusals = [];
      const result: BulkResultAs = { changed: [], conflicts: [], missing: [], refused: [] };
      const seen = new Set<number>();
      for (const item of items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        let current: Action;
        try {
          current = assertMayChangeAction({ tx, user, id: item.id, what });
        } catch (error) {
          if (error instanceof NotFoundError) result.missing.push(item.id);
          else if (error instanceof ActionPermissionError) {
            result.refused.push(tx.select().from(actions).where(eq(actions.id, item.id)).get()!);
            refusals.push(...error.refusals);
          } else throw error;
          continue;
        }
        try {
          result.changed.push(applyActionChange(tx, current.id, item.version, change, user));
        } catch (error) {
          if (error instanceof ConflictError) result.conflicts.push(error.current);
          else throw error;
        }
      }
      return result;
    });
  } finally {
    // Each refused row is its own event, written whether or not the rest could be applied.
    await recordRefusals({ actor: user, refusals });
  }
}
