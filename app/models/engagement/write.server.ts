// Writing an engagement: record, update, archive and restore, each one transaction with its audit rows.
// See docs/decisions/0004-engagement-form-saves-and-conflicts.md.
import { and, eq } from "drizzle-orm";
import { createOnce } from "../create-keys.server";
import { writeTransaction, type Tx } from "~db/connection";
import { actions, agendaItems, attendees, engagementOrganisations, engagements, engagementThemes } from "~db/schema";
import { isOutstanding } from "~/domain/actions";
import { ENGAGEMENT_FIELDS, truncate } from "~/domain/engagement-conflict";
import { ACTION_STATUS_LABELS } from "~/domain/engagement-labels";
import { formatDate } from "~/domain/format";
import type { FieldErrors } from "~/forms/form-data";
import type { ActionInput, AgendaInput, AttendeeInput, EditEngagementInput, EngagementInput } from "~/forms/engagement";
import { LEAD_RULE, mayChangeAction, mayManageEngagement } from "~/domain/permissions";
import { actionRefusal } from "../action.server";
import { diffFields, nowIso, recordArchiving, recordAudit, withRefusalsRecorded, type Actor } from "../audit.server";
import { ConflictError, ForbiddenError, NotFoundError, RefusedFieldsError, RuleError, type Refusal } from "../errors";
import { linksOfEngagement, resolveReferences, saveEngagementLinks } from "../recommendation/links.server";
import { findOrCreateTheme } from "../theme.server";
import { loadAggregate, type ActionRow, type Aggregate, type Engagement } from "./aggregate.server";
import { checkReferences, EngagementRuleErrors, existingOf, NOTHING, throwIfErrors } from "./references.server";

/** An engagement to change, at the version the person saw. */
type VersionedChange = { id: number; version: number; actor: Actor };

function pick<T extends Record<string, unknown>, K extends readonly (keyof T)[]>(row: T, keys: K): Pick<T, K[number]> {
  const out = {} as Pick<T, K[number]>;
  for (const k of keys) out[k] = row[k];
  return out;
}

function engagementFields(input: EngagementInput) {
  return {
    title: input.title,
    kind: input.kind,
    status: input.status,
    date: input.date,
    startTime: input.startTime,
    endTime: input.endTime,
    format: input.format,
    location: input.location,
    country: input.country,
    purpose: input.purpose,
    summary: input.summary,
    marking: input.marking,
    leadUserId: input.leadUserId,
  };
}

/** The chosen theme ids, with the new theme (found by name or created) added. */
function themeIdsWithNew(tx: Tx, input: EngagementInput, actor: Actor): number[] {
  const ids = [...input.themeIds];
  if (input.newTheme) {
    const theme = findOrCreateTheme({ tx, name: input.newTheme, actor, field: "newTheme" });
    if (!ids.includes(theme.id)) ids.push(theme.id);
  }
  return ids;
}

function attendeeValues(engagementId: number, list: AttendeeInput[]) {
  return list.map((a, position) => ({
    engagementId,
    position,
    userId: a.userId,
    contactId: a.contactId,
    name: a.name,
    roleTitle: a.roleTitle,
    side: a.side,
  }));
}

/** Blank means the engagement's only organisation; checkReferences has made sure there is one when it matters. */
function actionOrganisation(a: ActionInput, organisationIds: number[]) {
  return a.organisationId ?? (organisationIds.length === 1 ? organisationIds[0] : null);
}

/** A follow-up nobody was named for falls to the lead officer, else to whoever records it. */
function actionOwner(a: ActionInput, input: EngagementInput, actor: Actor) {
  if (a.ownerType === "stakeholder") return null;
  if (a.ownerUserId) return a.ownerUserId;
  return a.kind === "follow_up" ? (input.leadUserId ?? actor.id) : null;
}

function auditSnapshot(input: EngagementInput, themeIds: number[]) {
  return {
    ...engagementFields(input),
    organisationIds: input.organisationIds,
    themeIds,
    attendees: input.attendees.map(attendeeRef),
    agenda: input.agenda.map((a) => a.title),
  };
}

/** How the audit trail names an attendee: staff and contacts by id (so erasing a contact erases them here too). */
function attendeeRef(a: { userId: number | null; contactId: number | null; name: string | null }): string {
  if (a.userId) return `user:${a.userId}`;
  if (a.contactId) return `contact:${a.contactId}`;
  return a.name ?? "";
}

function actionAuditFields(
  row: Pick<ActionRow, "description" | "organisationId" | "ownerType" | "ownerUserId" | "ownerName" | "dueDate" | "agendaItemId">,
) {
  return {
    description: row.description,
    organisationId: row.organisationId,
    ownerType: row.ownerType,
    ownerUserId: row.ownerUserId,
    ownerName: row.ownerName,
    dueDate: row.dueDate,
    agendaItemId: row.agendaItemId,
  };
}

function insertAction(
  tx: Tx,
  engagementId: number,
  a: ActionInput,
  position: number,
  input: EngagementInput,
  agendaIdByKey: Map<string, number>,
  actor: Actor,
) {
  const row = tx
    .insert(actions)
    .values({
      engagementId,
      kind: a.kind,
      description: a.description,
      organisationId: actionOrganisation(a, input.organisationIds),
      ownerType: a.ownerType,
      ownerUserId: actionOwner(a, input, actor),
      ownerName: a.ownerName,
      dueDate: a.dueDate,
      agendaItemId: a.agendaKey ? (agendaIdByKey.get(a.agendaKey) ?? null) : null,
      position,
    })
    .returning()
    .get();
  recordAudit(tx, {
    actor,
    action: "create",
    entityType: "action",
    entityId: row.id,
    summary: `${a.kind === "commitment" ? "Commitment" : "Follow-up"} #${row.id} recorded on engagement #${engagementId}`,
    after: actionAuditFields(row),
  });
  return row;
}

/**
 * Link a new engagement to the follow-up it resolves, inside the engagement's transaction: the
 * follow-up is marked done (when still open) with a note naming the engagement.
 */
function resolveFollowUp(tx: Tx, followUpId: number, engagement: Engagement, actor: Actor) {
  const followUp = tx.select().from(actions).where(eq(actions.id, followUpId)).get();
  if (!followUp || followUp.kind !== "follow_up")
    throw new EngagementRuleErrors({ resolvesActionId: "The follow-up this engagement resolves is not one we know" });
  if (followUp.resolvedByEngagementId && followUp.resolvedByEngagementId !== engagement.id)
    throw new EngagementRuleErrors({
      resolvesActionId: `That follow-up was already resolved by engagement #${followUp.resolvedByEngagementId}`,
    });
  // Resolving closes the follow-up: the rule of who may change it holds here as in the register.
  const itsEngagement = tx
    .select({ leadUserId: engagements.leadUserId, createdById: engagements.createdById })
    .from(engagements)
    .where(eq(engagements.id, followUp.engagementId))
    .get()!;
  const facts = {
    ownerUserId: followUp.ownerUserId,
    engagementLeadUserId: itsEngagement.leadUserId,
    engagementCreatedById: itsEngagement.createdById,
  };
  if (!mayChangeAction({ user: actor, facts }))
    throw new RefusedFieldsError(
      { resolvesActionId: "You may not close this follow-up: only its owner, the lead or recorder of its engagement, or a manager can" },
      [actionRefusal({ action: followUp, user: actor, what: "close by recording the engagement that resolves it" })],
    );
  const closes = isOutstanding(followUp.status);
  const now = nowIso();
  const next = {
    resolvedByEngagementId: engagement.id,
    ...(closes
      ? {
          status: "done" as const,
          closingNote: `Resolved by engagement “${engagement.title}” on ${formatDate(engagement.date)}`,
          closedAt: now,
          closedById: actor.id,
        }
      : {}),
  };
  tx.update(actions)
    .set({ ...next, updatedAt: now, version: followUp.version + 1 })
    .where(eq(actions.id, followUpId))
    .run();
  recordAudit(tx, {
    actor,
    action: closes ? "action_done" : "update",
    entityType: "action",
    entityId: followUpId,
    summary: `Follow-up #${followUpId} resolved by engagement #${engagement.id}`,
    before: { status: followUp.status, resolvedByEngagementId: null },
    after: { status: closes ? "done" : followUp.status, resolvedByEngagementId: engagement.id },
  });
}

/**
 * Record a new engagement with everything on its form, in one transaction. Resolving a follow-up the person
 * may not change is refused at `resolvesActionId` (RefusedFieldsError, audited) and nothing is written.
 */
export function recordEngagement(args: NewEngagementArgs): Promise<Engagement> {
  return withRefusalsRecorded(args.actor, () => writeNewEngagement(args));
}

type NewEngagementArgs = {
  input: EngagementInput;
  actor: Actor;
  isDemo?: boolean;
  /** The form's one-time key: a second post with it lands on the engagement the first recorded. */
  createKey?: string | null;
};

function writeNewEngagement({ input, actor, isDemo = false, createKey }: NewEngagementArgs): Promise<Engagement> {
  return writeTransaction(
    (tx) =>
      createOnce(
        tx,
        { key: createKey, userId: actor.id, entityType: "engagement" },
        {
          find: (id) => tx.select().from(engagements).where(eq(engagements.id, id)).get(),
          create: () => recordEngagementIn(tx, { input, actor, isDemo }),
        },
      ).record,
  );
}

function recordEngagementIn(tx: Tx, { input, actor, isDemo }: { input: EngagementInput; actor: Actor; isDemo: boolean }): Engagement {
  const named = namedRecommendations(input, new Set());
  throwIfErrors({ ...checkReferences(tx, input, NOTHING), ...named.errors });
  const themeIds = themeIdsWithNew(tx, input, actor);
  const now = nowIso();
  const engagement = tx
    .insert(engagements)
    .values({ ...engagementFields(input), createdById: actor.id, isDemo, createdAt: now, updatedAt: now })
    .returning()
    .get();
  for (const organisationId of input.organisationIds)
    tx.insert(engagementOrganisations).values({ engagementId: engagement.id, organisationId }).run();
  for (const themeId of themeIds) tx.insert(engagementThemes).values({ engagementId: engagement.id, themeId }).run();
  if (input.attendees.length) tx.insert(attendees).values(attendeeValues(engagement.id, input.attendees)).run();
  const agendaIdByKey = new Map<string, number>();
  input.agenda.forEach((item, position) => {
    const row = tx
      .insert(agendaItems)
      .values({ engagementId: engagement.id, position, title: item.title, notes: item.notes, outcome: item.outcome })
      .returning({ id: agendaItems.id })
      .get();
    agendaIdByKey.set(item.key, row.id);
  });
  const actionIds = new Map<ActionInput, number>();
  input.commitments.forEach((a, i) => actionIds.set(a, insertAction(tx, engagement.id, a, i, input, agendaIdByKey, actor).id));
  input.followUps.forEach((a, i) => actionIds.set(a, insertAction(tx, engagement.id, a, i, input, agendaIdByKey, actor).id));
  recordAudit(tx, {
    actor,
    action: "create",
    entityType: "engagement",
    entityId: engagement.id,
    summary: `Engagement “${engagement.title}” on ${formatDate(engagement.date)} recorded`,
    after: auditSnapshot(input, themeIds),
  });
  if (input.resolvesActionId) resolveFollowUp(tx, input.resolvesActionId, engagement, actor);
  saveEngagementLinks(tx, { engagementId: engagement.id, wanted: named.wanted(agendaIdByKey, actionIds), actor });
  return engagement;
}

/**
 * The recommendations the form's agenda items and actions name (docs/decisions/0021): their problems at each
 * row's `recommendations` field, the ids each action names (by action id, to compare with what is stored), and
 * the links to save once the rows have ids. `kept`: recommendations already linked, which may stay though archived.
 */
function namedRecommendations(input: EngagementInput, kept: ReadonlySet<number>) {
  const actionRows = [...input.commitments, ...input.followUps];
  const sectionOf = (a: ActionInput) => (a.kind === "commitment" ? "commitments" : "followUps");
  const { errors, ids } = resolveReferences(
    [
      ...input.agenda.map((item) => ({ field: `agenda.${item.formIndex}.recommendations`, text: item.recommendations })),
      ...actionRows.map((a) => ({ field: `${sectionOf(a)}.${a.formIndex}.recommendations`, text: a.recommendations })),
    ],
    kept,
  );
  const agendaIds = ids.slice(0, input.agenda.length);
  const actionIds = ids.slice(input.agenda.length);
  return {
    errors,
    /** The ids a stored action's row names now. */
    ofAction: new Map(actionRows.flatMap((a, i) => (a.id ? [[a.id, actionIds[i]] as const] : []))),
    wanted: (agendaIdByKey: Map<string, number>, savedActionIds: Map<ActionInput, number>) => [
      ...input.agenda.flatMap((item, i) =>
        agendaIds[i].map((recommendationId) => ({ recommendationId, agendaItemId: agendaIdByKey.get(item.key)!, actionId: null })),
      ),
      ...actionRows.flatMap((a, i) =>
        actionIds[i].map((recommendationId) => ({ recommendationId, agendaItemId: null, actionId: savedActionIds.get(a)! })),
      ),
    ],
  };
}

/**
 * Save an edited engagement. `input.loadedActions` are the actions (id and version) the form was
 * loaded with. Nothing is written when the engagement changed since (its version), or when an action the
 * edit touches or removes changed since in the register (its own version): ConflictError, whose
 * `current` says what is saved now.
 */
export function updateEngagement(args: { id: number; input: EditEngagementInput; actor: Actor }): Promise<Engagement> {
  return withRefusalsRecorded(args.actor, () => writeEngagementEdit(args));
}

function writeEngagementEdit({ id, input, actor }: { id: number; input: EditEngagementInput; actor: Actor }): Promise<Engagement> {
  const { loadedActions } = input;
  return writeTransaction((tx) => {
    const current = loadAggregate(tx, id);
    if (!current) throw new NotFoundError("Engagement");
    if (current.engagement.archivedAt) throw new RuleError("form", "This engagement is archived: restore it before editing it");
    const actionById = new Map(current.actions.map((a) => [a.id, a]));

    // Rows that claim an id must be this engagement's own.
    const errors: FieldErrors = {};
    for (const a of [...input.commitments, ...input.followUps]) {
      const row = a.id ? actionById.get(a.id) : undefined;
      const section = a.kind === "commitment" ? "commitments" : "followUps";
      if (a.id && (!row || row.kind !== a.kind))
        errors[`${section}.${a.formIndex}.description`] = "This action is not one of this engagement's: reload the page";
    }
    const agendaIds = new Set(current.agenda.map((a) => a.id));
    for (const item of input.agenda)
      if (item.id && !agendaIds.has(item.id))
        errors[`agenda.${item.formIndex}.title`] = "This agenda item is not one of this engagement's: reload the page";
    throwIfErrors(errors);

    // Optimistic concurrency: the engagement's version, and each action's own.
    const keptIds = new Set([...input.commitments, ...input.followUps].filter((a) => a.id).map((a) => a.id!));
    const staleActions = current.actions.filter((row) => {
      if (keptIds.has(row.id)) {
        const submitted = [...input.commitments, ...input.followUps].find((a) => a.id === row.id)!;
        return submitted.version !== row.version;
      }
      // Removed from the form: only if it is what the person saw.
      return loadedActions[row.id] !== undefined && loadedActions[row.id] !== row.version;
    });
    const addedSince = current.actions.filter((row) => !keptIds.has(row.id) && loadedActions[row.id] === undefined);
    if (current.engagement.version !== input.version || staleActions.length || addedSince.length)
      throw new ConflictError<Aggregate>("Someone else changed this engagement since you opened it", current);

    const removed = current.actions.filter((row) => !keptIds.has(row.id));
    const storedLinks = linksOfEngagement(id);
    const named = namedRecommendations(input, new Set(storedLinks.map((l) => l.recommendationId)));
    const storedOfAction = (actionId: number) =>
      storedLinks
        .filter((l) => l.actionId === actionId)
        .map((l) => l.recommendationId)
        .sort((a, b) => a - b)
        .join();
    const linksChanged = new Set(
      [...named.ofAction].filter(([actionId, ids]) => [...ids].sort((a, b) => a - b).join() !== storedOfAction(actionId)).map(([a]) => a),
    );
    const { locked } = throwIfRefused(refusalsOfEdit({ current, input, removed, actor, linksChanged }));
    throwIfErrors({ ...checkReferences(tx, input, existingOf(current)), ...named.errors });
    const themeIds = themeIdsWithNew(tx, input, actor);

    // Removing an action is allowed only while nothing has happened to it.
    for (const row of removed) {
      if (row.resolvedByEngagementId || !isOutstanding(row.status))
        throw new RuleError(
          row.kind === "commitment" ? "commitments" : "followUps",
          `${row.kind === "commitment" ? "Commitment" : "Follow-up"} “${truncate(row.description)}” is ${row.resolvedByEngagementId ? "resolved by a later engagement" : ACTION_STATUS_LABELS[row.status].toLowerCase()}: it cannot be removed`,
        );
    }

    const now = nowIso();
    const next = engagementFields(input);
    const before = {
      ...pick(current.engagement, ENGAGEMENT_FIELDS),
      organisationIds: current.organisationIds,
      themeIds: [...current.themeIds].sort((a, b) => a - b),
      attendees: current.attendees.map(attendeeRef),
      agenda: current.agenda.map((a) => a.title),
    };
    const after = {
      ...next,
      organisationIds: input.organisationIds,
      themeIds: [...themeIds].sort((a, b) => a - b),
      attendees: input.attendees.map(attendeeRef),
      agenda: input.agenda.map((a) => a.title),
    };
    const diff = diffFields(
      { ...before, organisationIds: [...before.organisationIds].sort((a, b) => a - b) },
      { ...after, organisationIds: [...after.organisationIds].sort((a, b) => a - b) },
    );

    // Organisations and themes: the sets as chosen.
    for (const oid of current.organisationIds)
      if (!input.organisationIds.includes(oid))
        tx.delete(engagementOrganisations)
          .where(and(eq(engagementOrganisations.engagementId, id), eq(engagementOrganisations.organisationId, oid)))
          .run();
    for (const oid of input.organisationIds)
      if (!current.organisationIds.includes(oid))
        tx.insert(engagementOrganisations).values({ engagementId: id, organisationId: oid }).run();
    for (const tid of current.themeIds)
      if (!themeIds.includes(tid))
        tx.delete(engagementThemes)
          .where(and(eq(engagementThemes.engagementId, id), eq(engagementThemes.themeId, tid)))
          .run();
    for (const tid of themeIds)
      if (!current.themeIds.includes(tid)) tx.insert(engagementThemes).values({ engagementId: id, themeId: tid }).run();

    // Attendees are nobody else's: replace them.
    tx.delete(attendees).where(eq(attendees.engagementId, id)).run();
    if (input.attendees.length) tx.insert(attendees).values(attendeeValues(id, input.attendees)).run();

    // Agenda items keep their ids (commitments point at them); new ones are added, removed ones deleted.
    const agendaIdByKey = new Map<string, number>();
    const keptAgenda = new Set(input.agenda.filter((a) => a.id).map((a) => a.id!));
    for (const item of current.agenda)
      if (!keptAgenda.has(item.id)) {
        tx.update(actions).set({ agendaItemId: null }).where(eq(actions.agendaItemId, item.id)).run();
        tx.delete(agendaItems).where(eq(agendaItems.id, item.id)).run();
      }
    input.agenda.forEach((item: AgendaInput, position) => {
      if (item.id) {
        tx.update(agendaItems)
          .set({ position, title: item.title, notes: item.notes, outcome: item.outcome })
          .where(eq(agendaItems.id, item.id))
          .run();
        agendaIdByKey.set(item.key, item.id);
      } else {
        const row = tx
          .insert(agendaItems)
          .values({ engagementId: id, position, title: item.title, notes: item.notes, outcome: item.outcome })
          .returning({ id: agendaItems.id })
          .get();
        agendaIdByKey.set(item.key, row.id);
      }
    });

    // Actions: removed ones deleted, kept ones updated under their own version, new ones added.
    for (const row of removed) {
      tx.delete(actions).where(eq(actions.id, row.id)).run();
      recordAudit(tx, {
        actor,
        action: "delete",
        entityType: "action",
        entityId: row.id,
        summary: `${row.kind === "commitment" ? "Commitment" : "Follow-up"} #${row.id} removed from engagement #${id}`,
        before: actionAuditFields(row),
      });
    }
    const savedActionIds = new Map<ActionInput, number>();
    for (const list of [input.commitments, input.followUps]) {
      list.forEach((a, position) => {
        if (!a.id) return void savedActionIds.set(a, insertAction(tx, id, a, position, input, agendaIdByKey, actor).id);
        savedActionIds.set(a, a.id);
        const row = actionById.get(a.id)!;
        // One the person may not change is kept exactly as stored (refusalsOfEdit found it posted unchanged).
        const wanted = locked.has(row.id)
          ? actionAuditFields(row)
          : {
              description: a.description,
              organisationId: actionOrganisation(a, input.organisationIds),
              ownerType: a.ownerType,
              ownerUserId: actionOwner(a, input, actor),
              ownerName: a.ownerName,
              dueDate: a.dueDate,
              agendaItemId: a.agendaKey ? (agendaIdByKey.get(a.agendaKey) ?? null) : null,
            };
        const actionDiff = diffFields(actionAuditFields(row), wanted);
        if (!actionDiff && row.position === position) return;
        const updated = tx
          .update(actions)
          .set({ ...wanted, position, ...(actionDiff ? { updatedAt: now, version: row.version + 1 } : {}) })
          .where(and(eq(actions.id, row.id), eq(actions.version, row.version)))
          .returning({ id: actions.id })
          .get();
        if (!updated) throw new ConflictError<Aggregate>("Someone else changed this engagement since you opened it", current);
        if (actionDiff)
          recordAudit(tx, {
            actor,
            action: "update",
            entityType: "action",
            entityId: row.id,
            summary: `${row.kind === "commitment" ? "Commitment" : "Follow-up"} #${row.id} edited with engagement #${id}`,
            ...actionDiff,
          });
      });
    }

    const saved = tx
      .update(engagements)
      .set({ ...next, updatedAt: now, version: current.engagement.version + 1 })
      .where(and(eq(engagements.id, id), eq(engagements.version, input.version)))
      .returning()
      .get();
    if (!saved) throw new ConflictError<Aggregate>("Someone else changed this engagement since you opened it", current);
    saveEngagementLinks(tx, { engagementId: id, wanted: named.wanted(agendaIdByKey, savedActionIds), actor });
    recordAudit(tx, {
      actor,
      action: "update",
      entityType: "engagement",
      entityId: id,
      summary: `Engagement “${saved.title}” updated`,
      before: diff?.before ?? null,
      after: diff?.after ?? null,
    });
    return saved;
  });
}

/** The action fields a change to which needs the right to change the action (its place in the list does not). */
const GUARDED_ACTION_FIELDS = [
  ["description", "description"],
  ["dueDate", "dueDate"],
  ["ownerType", "ownerType"],
  ["ownerUserId", "ownerUserId"],
  ["ownerName", "ownerName"],
  ["organisationId", "organisationId"],
  ["agendaItemId", "agendaKey"],
] as const;

/** What the edit would change that the person may not, and the ids of the actions they may not change. */
type EditRefusals = { fieldErrors: FieldErrors; refusals: Refusal[]; locked: Set<number> };

/** Posted text against stored: a browser posts a textarea's line breaks as CRLF, and the form trims. */
function sameValue(stored: unknown, posted: unknown): boolean {
  const normal = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n?/g, "\n").trim() || null : (v ?? null));
  return normal(stored) === normal(posted);
}

/**
 * What an edit would change that the person may not (docs/decisions/0012): each posted action compared
 * with the stored one, each action left out of the post (a removal), and the lead. Read before anything is
 * written; the stored engagement's lead and recorder decide, never the posted ones.
 */
function refusalsOfEdit({
  current,
  input,
  removed,
  actor,
  linksChanged,
}: {
  current: Aggregate;
  input: EditEngagementInput;
  removed: ActionRow[];
  actor: Actor;
  /** The stored actions whose posted recommendations differ from those linked now. */
  linksChanged: ReadonlySet<number>;
}): EditRefusals {
  const out: EditRefusals = { fieldErrors: {}, refusals: [], locked: new Set() };
  const { engagement } = current;
  const facts = { engagementLeadUserId: engagement.leadUserId, engagementCreatedById: engagement.createdById };
  const may = (row: ActionRow) => mayChangeAction({ user: actor, facts: { ownerUserId: row.ownerUserId, ...facts } });
  const actionById = new Map(current.actions.map((a) => [a.id, a]));
  // A commitment's agenda item as it would be saved: kept items keep their ids; a new item has none yet.
  const agendaIdByKey = new Map(input.agenda.map((item) => [item.key, item.id ?? -1]));

  for (const a of [...input.commitments, ...input.followUps]) {
    const row = a.id ? actionById.get(a.id) : undefined;
    if (!row || may(row)) continue;
    out.locked.add(row.id);
    const wanted: Record<string, unknown> = {
      description: a.description,
      organisationId: actionOrganisation(a, input.organisationIds),
      ownerType: a.ownerType,
      ownerUserId: actionOwner(a, input, actor),
      ownerName: a.ownerName,
      dueDate: a.dueDate,
      agendaItemId: a.agendaKey ? (agendaIdByKey.get(a.agendaKey) ?? null) : null,
    };
    const changed: (readonly [string, string])[] = GUARDED_ACTION_FIELDS.filter(([field]) => !sameValue(row[field], wanted[field]));
    if (linksChanged.has(row.id)) changed.push(["recommendations", "recommendations"]);
    if (!changed.length) continue;
    const section = a.kind === "commitment" ? "commitments" : "followUps";
    const noun = a.kind === "commitment" ? "commitment" : "follow-up";
    const formField = a.kind === "follow_up" && changed[0][1] === "ownerType" ? "ownerUserId" : changed[0][1];
    out.fieldErrors[`${section}.${a.formIndex}.${formField}`] =
      `You may not change ${noun} ${a.formIndex + 1}: only its owner, the engagement's lead or recorder, or a manager can. Put it back as it was`;
    out.refusals.push(
      actionRefusal({ action: row, user: actor, what: `change (${changed.map(([f]) => f).join(", ")}) with the engagement form` }),
    );
  }

  for (const row of removed) {
    if (may(row)) continue;
    const section = row.kind === "commitment" ? "commitments" : "followUps";
    out.fieldErrors[section] ??=
      `You may not remove ${row.kind === "commitment" ? "the commitment" : "the follow-up"} “${truncate(row.description)}”: only its owner, the engagement's lead or recorder, or a manager can`;
    out.refusals.push(actionRefusal({ action: row, user: actor, what: "removal with the engagement form" }));
  }

  if ((input.leadUserId ?? null) !== (engagement.leadUserId ?? null) && !mayManageEngagement({ user: actor, engagement })) {
    out.fieldErrors.leadUserId = LEAD_RULE;
    out.refusals.push({
      entityType: "engagement",
      entityId: engagement.id,
      summary: `Engagement #${engagement.id}: change of lead refused to ${actor.email} (${actor.role}): not its lead or recorder`,
    });
  }
  return out;
}

function throwIfRefused(found: EditRefusals): EditRefusals {
  if (found.refusals.length) throw new RefusedFieldsError(found.fieldErrors, found.refusals);
  return found;
}

function setArchived(change: VersionedChange, archived: boolean): Promise<Engagement> {
  return withRefusalsRecorded(change.actor, () => writeArchival(change, archived));
}

function writeArchival({ id, version: expectedVersion, actor }: VersionedChange, archived: boolean): Promise<Engagement> {
  return writeTransaction((tx) => {
    const current = tx.select().from(engagements).where(eq(engagements.id, id)).get();
    if (!current) throw new NotFoundError("Engagement");
    // Archiving takes every action of the engagement out of the register: the lead's right, not any officer's.
    if (!mayManageEngagement({ user: actor, engagement: current }))
      throw new ForbiddenError("Only the lead, whoever recorded the engagement, or a manager can archive or restore it", [
        {
          entityType: "engagement",
          entityId: id,
          summary: `Engagement #${id}: ${archived ? "archiving" : "restoring"} refused to ${actor.email} (${actor.role}): not its lead or recorder`,
        },
      ]);
    if (current.version !== expectedVersion)
      throw new ConflictError<Engagement>("Someone else changed this engagement since you opened it", current);
    if (Boolean(current.archivedAt) === archived) return current;
    const archivedAt = archived ? nowIso() : null;
    const row = tx
      .update(engagements)
      .set({ archivedAt, updatedAt: nowIso(), version: current.version + 1 })
      .where(and(eq(engagements.id, id), eq(engagements.version, expectedVersion)))
      .returning()
      .get();
    recordArchiving(tx, {
      actor,
      entityType: "engagement",
      entityId: id,
      named: `Engagement “${current.title}”`,
      archived,
      before: current.archivedAt,
      after: archivedAt,
    });
    return row;
  });
}

/** Archive: the engagement leaves lists and timelines but nothing is deleted, and it can be restored. */
export function archiveEngagement(change: VersionedChange): Promise<Engagement> {
  return setArchived(change, true);
}

export function restoreEngagement(change: VersionedChange): Promise<Engagement> {
  return setArchived(change, false);
}
