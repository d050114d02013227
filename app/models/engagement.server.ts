// The engagement aggregate: an engagement with its organisations, themes, attendees, agenda items,
// and the actions (commitments and follow-ups) it gave rise to. Each business operation is one
// transaction with its audit rows. See docs/decisions/0004-engagement-form-saves-and-conflicts.md.
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "~db/connection";
import {
  actions,
  agendaItems,
  attendees,
  auditEvents,
  contacts,
  engagementOrganisations,
  engagements,
  engagementThemes,
  ORGANISATION_KINDS,
  organisations,
  themes,
  users,
  type OrganisationKind,
} from "~db/schema";
import { todayInUk } from "~/domain/dates";
import {
  ACTION_STATUS_LABELS,
  ENGAGEMENT_FIELD_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
} from "~/domain/engagement-labels";
import { formatDate } from "~/domain/format";
import type { FieldErrors } from "~/forms/form-data";
import type {
  ActionInput,
  AgendaInput,
  AttendeeInput,
  EditEngagementInput,
  EngagementFilters,
  EngagementFormValues,
  EngagementInput,
} from "~/forms/engagement";
import { diffFields, nowIso, recordAudit, type Actor } from "./audit.server";
import { ConflictError, NotFoundError, RuleError } from "./errors";
import { findOrCreateTheme } from "./theme.server";

export type Engagement = typeof engagements.$inferSelect;
export type ActionRow = typeof actions.$inferSelect;

/** Several rule failures at once (unknown or archived ids), each at its field. */
export class EngagementRuleErrors extends RuleError {
  constructor(public readonly fieldErrors: FieldErrors) {
    const [field, message] = Object.entries(fieldErrors)[0];
    super(field, message);
    this.name = "EngagementRuleErrors";
  }
}

// ---------------------------------------------------------------------------------------------
// Form options
// ---------------------------------------------------------------------------------------------

export type OrganisationChoice = {
  id: number;
  slug: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  archived: boolean;
};
export type StaffChoice = { id: number; name: string; active: boolean };
export type ContactChoice = { id: number; organisationId: number; name: string; roleTitle: string | null };

/**
 * What the engagement form offers: organisations, staff and themes that may be chosen, plus any
 * archived organisation, deactivated account or archived theme the engagement already has (so an
 * edit keeps them), and the in-post contacts of every organisation (the form shows those of the
 * organisations involved).
 */
export function getEngagementFormOptions(keep: { organisationIds?: number[]; userIds?: number[]; themeIds?: number[] } = {}) {
  const database = db();
  const organisationRows = database
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      shortName: organisations.shortName,
      kind: organisations.kind,
      archivedAt: organisations.archivedAt,
    })
    .from(organisations)
    .where(
      keep.organisationIds?.length
        ? or(isNull(organisations.archivedAt), inArray(organisations.id, keep.organisationIds))
        : isNull(organisations.archivedAt),
    )
    .orderBy(asc(organisations.name))
    .all();
  const staffRows = database
    .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(keep.userIds?.length ? or(isNull(users.deactivatedAt), inArray(users.id, keep.userIds)) : isNull(users.deactivatedAt))
    .orderBy(asc(users.name))
    .all();
  const themeRows = database
    .select({ id: themes.id, name: themes.name, archivedAt: themes.archivedAt })
    .from(themes)
    .where(keep.themeIds?.length ? or(isNull(themes.archivedAt), inArray(themes.id, keep.themeIds)) : isNull(themes.archivedAt))
    .orderBy(asc(sql`lower(${themes.name})`))
    .all();
  const contactRows = database
    .select({ id: contacts.id, organisationId: contacts.organisationId, name: contacts.name, roleTitle: contacts.roleTitle })
    .from(contacts)
    .where(eq(contacts.inPost, true))
    .orderBy(asc(contacts.organisationId), asc(contacts.name))
    .all();
  return {
    organisations: organisationRows.map(({ archivedAt, ...o }): OrganisationChoice => ({ ...o, archived: Boolean(archivedAt) })),
    staff: staffRows.map((u): StaffChoice => ({
      id: u.id,
      name: u.deactivatedAt ? `${u.name} (no longer active)` : u.name,
      active: !u.deactivatedAt,
    })),
    themes: themeRows.map((t) => ({ id: t.id, name: t.archivedAt ? `${t.name} (archived)` : t.name })),
    contacts: contactRows as ContactChoice[],
  };
}
export type EngagementFormOptions = ReturnType<typeof getEngagementFormOptions>;

export function getOrganisationIdBySlug(slug: string): { id: number; name: string; nation: string; archived: boolean } | undefined {
  const row = db()
    .select({ id: organisations.id, name: organisations.name, nation: organisations.nation, archivedAt: organisations.archivedAt })
    .from(organisations)
    .where(eq(organisations.slug, slug))
    .get();
  return row ? { id: row.id, name: row.name, nation: row.nation, archived: Boolean(row.archivedAt) } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Checking what a form refers to
// ---------------------------------------------------------------------------------------------

type Existing = { organisationIds: number[]; userIds: number[]; themeIds: number[]; contactIds: number[] };
const NOTHING: Existing = { organisationIds: [], userIds: [], themeIds: [], contactIds: [] };

/**
 * Every id the form names must exist and be choosable: not archived or deactivated, unless the
 * engagement already had it (an edit may keep what it has). Returns the problems, each at its field.
 */
function checkReferences(tx: Tx, input: EngagementInput, existing: Existing): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= message);

  const orgIds = input.organisationIds;
  const orgRows = orgIds.length
    ? tx
        .select({ id: organisations.id, name: organisations.name, archivedAt: organisations.archivedAt })
        .from(organisations)
        .where(inArray(organisations.id, orgIds))
        .all()
    : [];
  const orgById = new Map(orgRows.map((o) => [o.id, o]));
  // Report at the row where the person chose it: find its index in the posted rows.
  input.organisationIds.forEach((oid, i) => {
    const row = orgById.get(oid);
    const field = `organisations.${input.organisationFormIndex?.[i] ?? i}.organisationId`;
    if (!row) add(field, "Choose an organisation from the list");
    else if (row.archivedAt && !existing.organisationIds.includes(oid)) add(field, `${row.name} is archived: choose another organisation`);
  });

  const userIds = new Set<number>();
  if (input.leadUserId) userIds.add(input.leadUserId);
  for (const a of input.attendees) if (a.userId) userIds.add(a.userId);
  for (const a of [...input.commitments, ...input.followUps]) if (a.ownerUserId) userIds.add(a.ownerUserId);
  const userRows = userIds.size
    ? tx
        .select({ id: users.id, name: users.name, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(inArray(users.id, [...userIds]))
        .all()
    : [];
  const userById = new Map(userRows.map((u) => [u.id, u]));
  const checkUser = (uid: number | null, field: string) => {
    if (!uid) return;
    const row = userById.get(uid);
    if (!row) add(field, "Choose a member of staff from the list");
    else if (row.deactivatedAt && !existing.userIds.includes(uid))
      add(field, `${row.name}'s account is no longer active: choose someone else`);
  };
  checkUser(input.leadUserId, "leadUserId");
  for (const a of input.attendees) checkUser(a.userId, `attendees.${a.formIndex}.person`);
  for (const a of input.commitments) checkUser(a.ownerUserId, `commitments.${a.formIndex}.ownerUserId`);
  for (const a of input.followUps) checkUser(a.ownerUserId, `followUps.${a.formIndex}.ownerUserId`);

  const contactIds = input.attendees.filter((a) => a.contactId).map((a) => a.contactId!);
  const contactRows = contactIds.length
    ? tx
        .select({ id: contacts.id, organisationId: contacts.organisationId, name: contacts.name, inPost: contacts.inPost })
        .from(contacts)
        .where(inArray(contacts.id, contactIds))
        .all()
    : [];
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  for (const a of input.attendees) {
    if (!a.contactId) continue;
    const field = `attendees.${a.formIndex}.person`;
    const row = contactById.get(a.contactId);
    if (!row) add(field, "Choose a person from the list");
    else if (!orgIds.includes(row.organisationId))
      add(field, `${row.name} is not a contact of the organisations involved: add their organisation, or choose someone else`);
    else if (!row.inPost && !existing.contactIds.includes(a.contactId)) add(field, `${row.name} is no longer in post: choose someone else`);
  }

  if (input.themeIds.length) {
    const themeRows = tx
      .select({ id: themes.id, name: themes.name, archivedAt: themes.archivedAt })
      .from(themes)
      .where(inArray(themes.id, input.themeIds))
      .all();
    const themeById = new Map(themeRows.map((t) => [t.id, t]));
    for (const tid of input.themeIds) {
      const row = themeById.get(tid);
      if (!row) add("themeIds", "Choose themes from the list");
      else if (row.archivedAt && !existing.themeIds.includes(tid)) add("themeIds", `The theme “${row.name}” is archived: choose another`);
    }
  }

  for (const a of [...input.commitments, ...input.followUps]) {
    const section = a.kind === "commitment" ? "commitments" : "followUps";
    if (a.organisationId && !orgIds.includes(a.organisationId))
      add(`${section}.${a.formIndex}.organisationId`, "Choose one of the organisations involved");
    else if (!a.organisationId && orgIds.length > 1)
      add(
        `${section}.${a.formIndex}.organisationId`,
        `Choose which organisation this ${a.kind === "commitment" ? "commitment" : "follow-up"} concerns`,
      );
  }
  return errors;
}

function throwIfErrors(errors: FieldErrors) {
  if (Object.keys(errors).length) throw new EngagementRuleErrors(errors);
}

function existingOf(aggregate: Aggregate): Existing {
  return {
    organisationIds: aggregate.organisationIds,
    themeIds: aggregate.themeIds,
    userIds: [
      ...(aggregate.engagement.leadUserId ? [aggregate.engagement.leadUserId] : []),
      ...aggregate.attendees.filter((a) => a.userId).map((a) => a.userId!),
      ...aggregate.actions.filter((a) => a.ownerUserId).map((a) => a.ownerUserId!),
    ],
    contactIds: aggregate.attendees.filter((a) => a.contactId).map((a) => a.contactId!),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const ENGAGEMENT_FIELDS = [
  "title",
  "kind",
  "status",
  "date",
  "startTime",
  "endTime",
  "format",
  "location",
  "country",
  "purpose",
  "summary",
  "marking",
  "leadUserId",
] as const;

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
    const theme = findOrCreateTheme(tx, input.newTheme, actor, "newTheme");
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
  const closes = followUp.status === "open" || followUp.status === "in_progress";
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

/** Record a new engagement with everything on its form, in one transaction. */
export function recordEngagement(input: EngagementInput, actor: Actor, options: { isDemo?: boolean } = {}): Engagement {
  return db().transaction((tx) => {
    throwIfErrors(checkReferences(tx, input, NOTHING));
    const themeIds = themeIdsWithNew(tx, input, actor);
    const now = nowIso();
    const engagement = tx
      .insert(engagements)
      .values({ ...engagementFields(input), createdById: actor.id, isDemo: options.isDemo ?? false, createdAt: now, updatedAt: now })
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
    input.commitments.forEach((a, i) => insertAction(tx, engagement.id, a, i, input, agendaIdByKey, actor));
    input.followUps.forEach((a, i) => insertAction(tx, engagement.id, a, i, input, agendaIdByKey, actor));
    recordAudit(tx, {
      actor,
      action: "create",
      entityType: "engagement",
      entityId: engagement.id,
      summary: `Engagement “${engagement.title}” on ${formatDate(engagement.date)} recorded`,
      after: auditSnapshot(input, themeIds),
    });
    if (input.resolvesActionId) resolveFollowUp(tx, input.resolvesActionId, engagement, actor);
    return engagement;
  });
}

type Aggregate = {
  engagement: Engagement;
  organisationIds: number[];
  themeIds: number[];
  attendees: (typeof attendees.$inferSelect)[];
  agenda: (typeof agendaItems.$inferSelect)[];
  actions: ActionRow[];
};

function loadAggregate(tx: Tx | ReturnType<typeof db>, id: number): Aggregate | undefined {
  const engagement = tx.select().from(engagements).where(eq(engagements.id, id)).get();
  if (!engagement) return undefined;
  const organisationIds = tx
    .select({ id: engagementOrganisations.organisationId })
    .from(engagementOrganisations)
    .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
    .where(eq(engagementOrganisations.engagementId, id))
    .orderBy(asc(organisations.name))
    .all()
    .map((r) => r.id);
  const themeIds = tx
    .select({ id: engagementThemes.themeId })
    .from(engagementThemes)
    .where(eq(engagementThemes.engagementId, id))
    .all()
    .map((r) => r.id);
  return {
    engagement,
    organisationIds,
    themeIds,
    attendees: tx.select().from(attendees).where(eq(attendees.engagementId, id)).orderBy(asc(attendees.position)).all(),
    agenda: tx.select().from(agendaItems).where(eq(agendaItems.engagementId, id)).orderBy(asc(agendaItems.position)).all(),
    actions: tx.select().from(actions).where(eq(actions.engagementId, id)).orderBy(asc(actions.kind), asc(actions.position)).all(),
  };
}

/**
 * Save an edited engagement. `input.loadedActions` are the actions (id and version) the form was
 * loaded with. Nothing is written when the engagement changed since (its version), or when an action the
 * edit touches or removes changed since in the register (its own version): ConflictError, whose
 * `current` says what is saved now.
 */
export function updateEngagement(id: number, input: EditEngagementInput, actor: Actor): Engagement {
  const { loadedActions } = input;
  return db().transaction((tx) => {
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

    throwIfErrors(checkReferences(tx, input, existingOf(current)));
    const themeIds = themeIdsWithNew(tx, input, actor);

    // Removing an action is allowed only while nothing has happened to it.
    const removed = current.actions.filter((row) => !keptIds.has(row.id));
    for (const row of removed) {
      if (row.resolvedByEngagementId || row.status === "done" || row.status === "dropped")
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
    for (const list of [input.commitments, input.followUps]) {
      list.forEach((a, position) => {
        if (!a.id) return void insertAction(tx, id, a, position, input, agendaIdByKey, actor);
        const row = actionById.get(a.id)!;
        const wanted = {
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

function pick<T extends Record<string, unknown>, K extends readonly (keyof T)[]>(row: T, keys: K): Pick<T, K[number]> {
  const out = {} as Pick<T, K[number]>;
  for (const k of keys) out[k] = row[k];
  return out;
}

function truncate(text: string, max = 60) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function setArchived(id: number, expectedVersion: number, archived: boolean, actor: Actor): Engagement {
  return db().transaction((tx) => {
    const current = tx.select().from(engagements).where(eq(engagements.id, id)).get();
    if (!current) throw new NotFoundError("Engagement");
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
    recordAudit(tx, {
      actor,
      action: archived ? "archive" : "restore",
      entityType: "engagement",
      entityId: id,
      summary: `Engagement “${current.title}” ${archived ? "archived" : "restored"}`,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt },
    });
    return row;
  });
}

/** Archive: the engagement leaves lists and timelines but nothing is deleted, and it can be restored. */
export function archiveEngagement(id: number, expectedVersion: number, actor: Actor): Engagement {
  return setArchived(id, expectedVersion, true, actor);
}

export function restoreEngagement(id: number, expectedVersion: number, actor: Actor): Engagement {
  return setArchived(id, expectedVersion, false, actor);
}

// ---------------------------------------------------------------------------------------------
// Conflicts in words
// ---------------------------------------------------------------------------------------------

type Person = { userId: number | null; contactId: number | null; name: string | null };
type ActionShape = { description: string; dueDate: string | null; ownerType: string; ownerUserId: number | null; ownerName: string | null };
type Names = { orgs: Map<number, string>; themes: Map<number, string>; users: Map<number, string>; contacts: Map<number, string> };

function loadNames(ids: { orgs: number[]; themes: number[]; users: number[]; contacts: number[] }): Names {
  const database = db();
  const unique = (list: number[]) => [...new Set(list.filter((x) => Number.isSafeInteger(x) && x > 0))];
  const orgs = unique(ids.orgs);
  const themeIds = unique(ids.themes);
  const userIds = unique(ids.users);
  const contactIds = unique(ids.contacts);
  return {
    orgs: new Map(
      orgs.length
        ? database
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, orgs))
            .all()
            .map((o) => [o.id, o.name])
        : [],
    ),
    themes: new Map(
      themeIds.length
        ? database
            .select({ id: themes.id, name: themes.name })
            .from(themes)
            .where(inArray(themes.id, themeIds))
            .all()
            .map((t) => [t.id, t.name])
        : [],
    ),
    users: new Map(
      userIds.length
        ? database
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, userIds))
            .all()
            .map((u) => [u.id, u.name])
        : [],
    ),
    contacts: new Map(
      contactIds.length
        ? database
            .select({ id: contacts.id, name: contacts.name })
            .from(contacts)
            .where(inArray(contacts.id, contactIds))
            .all()
            .map((c) => [c.id, c.name])
        : [],
    ),
  };
}

function namesOf(aggregate: Aggregate, input?: EngagementInput): Names {
  const actionsIn = input ? [...input.commitments, ...input.followUps] : [];
  return loadNames({
    orgs: [...aggregate.organisationIds, ...(input?.organisationIds ?? [])],
    themes: [...aggregate.themeIds, ...(input?.themeIds ?? [])],
    users: [
      aggregate.engagement.leadUserId,
      input?.leadUserId,
      ...aggregate.attendees.map((a) => a.userId),
      ...(input?.attendees ?? []).map((a) => a.userId),
      ...aggregate.actions.map((a) => a.ownerUserId),
      ...actionsIn.map((a) => a.ownerUserId),
    ].filter((x): x is number => Boolean(x)),
    contacts: [...aggregate.attendees.map((a) => a.contactId), ...(input?.attendees ?? []).map((a) => a.contactId)].filter(
      (x): x is number => Boolean(x),
    ),
  });
}

/**
 * An engagement's fields as a person reads them ("National Crime Agency", "1. Referral trends"),
 * one string per field and per action (`action-ID`): what conflicts are compared and shown in.
 */
function describeFields(
  fields: Pick<Engagement, (typeof ENGAGEMENT_FIELDS)[number]> & {
    organisationIds: number[];
    themeIds: number[];
    attendees: Person[];
    agenda: string[];
    actions: Map<number, ActionShape>;
  },
  names: Names,
): Record<string, string> {
  const none = "None";
  const out: Record<string, string> = {};
  for (const field of ENGAGEMENT_FIELDS) {
    const value = fields[field];
    if (value === null || value === undefined || value === "") out[field] = none;
    else if (field === "kind") out[field] = ENGAGEMENT_KIND_LABELS[value as keyof typeof ENGAGEMENT_KIND_LABELS] ?? String(value);
    else if (field === "status") out[field] = ENGAGEMENT_STATUS_LABELS[value as keyof typeof ENGAGEMENT_STATUS_LABELS] ?? String(value);
    else if (field === "format") out[field] = ENGAGEMENT_FORMAT_LABELS[value as keyof typeof ENGAGEMENT_FORMAT_LABELS] ?? String(value);
    else if (field === "date") out[field] = formatDate(String(value));
    else if (field === "leadUserId") out[field] = names.users.get(value as number) ?? "Unknown";
    else out[field] = String(value);
  }
  const list = (items: string[]) => (items.length ? items.join("\n") : none);
  out.organisationIds = list(fields.organisationIds.map((i) => names.orgs.get(i) ?? "Unknown").sort());
  out.themeIds = list(fields.themeIds.map((i) => names.themes.get(i) ?? "Unknown").sort());
  out.attendees = list(
    fields.attendees.map((a) =>
      a.userId ? (names.users.get(a.userId) ?? "Unknown") : a.contactId ? (names.contacts.get(a.contactId) ?? "Unknown") : (a.name ?? ""),
    ),
  );
  out.agenda = list(fields.agenda.map((title, i) => `${i + 1}. ${title}`));
  for (const [id, a] of fields.actions)
    out[`action-${id}`] = [
      a.description,
      a.dueDate ? `due ${formatDate(a.dueDate)}` : "no due date",
      a.ownerType === "office"
        ? a.ownerUserId
          ? `owner ${names.users.get(a.ownerUserId) ?? "unknown"}`
          : "owner the office"
        : `owner ${a.ownerName ?? "the stakeholder"}`,
    ].join("; ");
  return out;
}

function describeAggregate(aggregate: Aggregate, names: Names) {
  return describeFields(
    {
      ...pick(aggregate.engagement, ENGAGEMENT_FIELDS),
      organisationIds: aggregate.organisationIds,
      themeIds: aggregate.themeIds,
      attendees: aggregate.attendees,
      agenda: aggregate.agenda.map((a) => a.title),
      actions: new Map(aggregate.actions.map((a) => [a.id, a])),
    },
    names,
  );
}

/** FNV-1a: a short, stable fingerprint of a field's text, so the form can carry what it was loaded with cheaply. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** Fingerprints of every field as loaded: the edit form posts them back, so a conflict can tell whose change is whose. */
function baselineOf(aggregate: Aggregate, names = namesOf(aggregate)): Record<string, string> {
  return Object.fromEntries(Object.entries(describeAggregate(aggregate, names)).map(([k, v]) => [k, fingerprint(v)]));
}

/** A change shown after a refused save: `both` changed it differently; `theirs` only someone else did (the form now shows their value). */
export type ConflictChange = { field: string; label: string; saved: string; yours: string; whose: "both" | "theirs" };

/**
 * After a refused save: a three-way comparison of what the form was loaded with (its baseline),
 * what is saved now, and what the person submitted. A field only someone else changed is taken
 * into the form (saving again will not undo their change); a field both changed keeps the
 * person's input and is shown beside what is saved now. Versions become the current ones, so
 * saving again applies the person's input on purpose. Without a baseline every difference counts
 * as changed by both.
 */
export function resolveEngagementConflict(current: unknown, input: EditEngagementInput, posted: EngagementFormValues) {
  const aggregate = current as Aggregate;
  const names = namesOf(aggregate, input);
  const saved = describeAggregate(aggregate, names);
  const submittedActions = new Map([...input.commitments, ...input.followUps].filter((a) => a.id).map((a) => [a.id!, a]));
  const yours = describeFields(
    {
      ...engagementFields(input),
      organisationIds: input.organisationIds,
      themeIds: input.themeIds,
      attendees: input.attendees,
      agenda: input.agenda.map((a) => a.title),
      actions: new Map(
        [...submittedActions].map(([id, a]) => [id, { ...a, ownerUserId: a.ownerType === "office" ? a.ownerUserId : null }]),
      ),
    },
    names,
  );
  const baseline = input.baseline ?? {};
  const hasBaseline = Object.keys(baseline).length > 0;
  const savedForm = formValuesOf(aggregate);
  const values: EngagementFormValues = { ...posted };
  const changes: ConflictChange[] = [];
  const FORM_KEY: Record<string, keyof EngagementFormValues> = {
    organisationIds: "organisations",
    themeIds: "themeIds",
    attendees: "attendees",
    agenda: "agenda",
  };

  for (const field of [...ENGAGEMENT_FIELDS, "organisationIds", "themeIds", "attendees", "agenda"]) {
    if (saved[field] === yours[field]) continue;
    const theirsChanged = !hasBaseline || baseline[field] !== fingerprint(saved[field]);
    const youChanged = !hasBaseline || baseline[field] !== fingerprint(yours[field]);
    if (!theirsChanged) continue; // only you changed it: your input stands, nothing to say
    const whose = youChanged ? "both" : "theirs";
    changes.push({ field, label: ENGAGEMENT_FIELD_LABELS[field], saved: saved[field], yours: yours[field], whose });
    if (whose === "theirs") {
      const key = FORM_KEY[field] ?? (field as keyof EngagementFormValues);
      (values as Record<string, unknown>)[key] = savedForm[key as keyof typeof savedForm];
    }
  }

  // Actions: each under its own version. Rows of actions someone removed become new rows; actions
  // someone added are added to the form; an action only someone else changed takes their values.
  const actionById = new Map(aggregate.actions.map((a) => [a.id, a]));
  type Row = NonNullable<EngagementFormValues["commitments"]>[number];
  const rows = (list: unknown): Row[] => (Array.isArray(list) ? list.filter((r) => r && typeof r === "object") : []) as Row[];
  const rebase = (row: Row): Row => {
    const existing = row.id ? actionById.get(Number(row.id)) : undefined;
    if (!existing) return row.id ? { ...row, id: "", version: "" } : row;
    const field = `action-${existing.id}`;
    const label = `${existing.kind === "commitment" ? "Commitment" : "Follow-up"} “${truncate(existing.description, 40)}”`;
    if (saved[field] !== yours[field]) {
      const theirsChanged = !hasBaseline || baseline[field] !== fingerprint(saved[field]);
      const youChanged = !hasBaseline || baseline[field] !== fingerprint(yours[field]);
      if (theirsChanged) {
        changes.push({ field, label, saved: saved[field], yours: yours[field], whose: youChanged ? "both" : "theirs" });
        if (!youChanged) return { ...actionValues(existing), agendaKey: row.agendaKey ?? "" };
      }
    }
    return { ...row, version: String(existing.version) };
  };
  const commitments = rows(values.commitments).map(rebase);
  const followUps = rows(values.followUps).map(rebase);
  const submittedIds = new Set([...commitments, ...followUps].map((r) => r.id).filter(Boolean));
  for (const a of aggregate.actions) {
    if (submittedIds.has(String(a.id))) continue;
    const label = `${a.kind === "commitment" ? "Commitment" : "Follow-up"} “${truncate(a.description, 40)}”`;
    if (input.loadedActions[a.id] === undefined) {
      (a.kind === "commitment" ? commitments : followUps).push(actionValues(a));
      changes.push({
        field: `action-${a.id}`,
        label,
        saved: saved[`action-${a.id}`],
        yours: "Added by someone else: now in your form",
        whose: "theirs",
      });
    } else if (input.loadedActions[a.id] !== a.version) {
      changes.push({ field: `action-${a.id}`, label, saved: saved[`action-${a.id}`], yours: "Removed", whose: "both" });
    }
  }
  const agendaIds = new Set(aggregate.agenda.map((a) => String(a.id)));
  const agenda = rows(values.agenda).map((row) => (row.id && !agendaIds.has(String(row.id)) ? { ...row, id: "" } : row));

  return {
    version: aggregate.engagement.version,
    actionVersions: Object.fromEntries(aggregate.actions.map((a) => [a.id, a.version])) as Record<number, number>,
    baseline: baselineOf(aggregate, names),
    values: { ...values, version: String(aggregate.engagement.version), agenda, commitments, followUps } as EngagementFormValues,
    changes,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading one engagement
// ---------------------------------------------------------------------------------------------

export function getEngagementVersion(
  id: number,
): { id: number; version: number; title: string; date: string; archivedAt: string | null } | undefined {
  return db()
    .select({
      id: engagements.id,
      version: engagements.version,
      title: engagements.title,
      date: engagements.date,
      archivedAt: engagements.archivedAt,
    })
    .from(engagements)
    .where(eq(engagements.id, id))
    .get();
}

/** One engagement with everything its page shows, names resolved. */
export function getEngagement(id: number) {
  const database = db();
  const aggregate = loadAggregate(database, id);
  if (!aggregate) return undefined;
  const { engagement } = aggregate;
  const orgs = database
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      nation: organisations.nation,
      archivedAt: organisations.archivedAt,
    })
    .from(engagementOrganisations)
    .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
    .where(eq(engagementOrganisations.engagementId, id))
    .orderBy(asc(organisations.name))
    .all();
  const themeRows = database
    .select({ id: themes.id, name: themes.name })
    .from(engagementThemes)
    .innerJoin(themes, eq(themes.id, engagementThemes.themeId))
    .where(eq(engagementThemes.engagementId, id))
    .orderBy(asc(sql`lower(${themes.name})`))
    .all();
  const userIds = [
    ...new Set(
      [
        engagement.leadUserId,
        engagement.createdById,
        ...aggregate.attendees.map((a) => a.userId),
        ...aggregate.actions.map((a) => a.ownerUserId),
        ...aggregate.actions.map((a) => a.closedById),
      ].filter((x): x is number => Boolean(x)),
    ),
  ];
  const userNames = new Map(
    userIds.length
      ? database
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, userIds))
          .all()
          .map((u) => [u.id, u.name])
      : [],
  );
  const contactIds = aggregate.attendees.filter((a) => a.contactId).map((a) => a.contactId!);
  const contactRows = contactIds.length
    ? database
        .select({ id: contacts.id, name: contacts.name, roleTitle: contacts.roleTitle, organisationName: organisations.name })
        .from(contacts)
        .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
        .where(inArray(contacts.id, contactIds))
        .all()
    : [];
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const extraOrgIds = aggregate.actions.map((a) => a.organisationId).filter((x): x is number => Boolean(x) && !orgName.has(x!));
  if (extraOrgIds.length)
    for (const o of database
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(inArray(organisations.id, extraOrgIds))
      .all())
      orgName.set(o.id, o.name);
  const agendaPosition = new Map(aggregate.agenda.map((a, i) => [a.id, { number: i + 1, title: a.title }]));
  const resolverIds = aggregate.actions.map((a) => a.resolvedByEngagementId).filter((x): x is number => Boolean(x));
  const resolvers = new Map(
    resolverIds.length
      ? database
          .select({ id: engagements.id, title: engagements.title, date: engagements.date })
          .from(engagements)
          .where(inArray(engagements.id, resolverIds))
          .all()
          .map((e) => [e.id, e])
      : [],
  );
  // The follow-ups (of earlier engagements) that this one resolved: the chain backwards.
  const resolves = database
    .select({
      actionId: actions.id,
      description: actions.description,
      engagementId: engagements.id,
      engagementTitle: engagements.title,
      engagementDate: engagements.date,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .where(eq(actions.resolvedByEngagementId, id))
    .all();

  const actionView = (a: ActionRow) => ({
    id: a.id,
    kind: a.kind,
    version: a.version,
    description: a.description,
    organisationName: a.organisationId ? (orgName.get(a.organisationId) ?? null) : null,
    ownerType: a.ownerType,
    ownerUserId: a.ownerUserId,
    ownerName:
      a.ownerType === "office"
        ? a.ownerUserId
          ? (userNames.get(a.ownerUserId) ?? "Unknown")
          : "The office"
        : (a.ownerName ?? "The stakeholder"),
    dueDate: a.dueDate,
    status: a.status,
    closingNote: a.closingNote,
    closedAt: a.closedAt,
    closedByName: a.closedById ? (userNames.get(a.closedById) ?? null) : null,
    agendaItem: a.agendaItemId ? (agendaPosition.get(a.agendaItemId) ?? null) : null,
    resolvedBy: a.resolvedByEngagementId
      ? (resolvers.get(a.resolvedByEngagementId) ?? { id: a.resolvedByEngagementId, title: "Engagement", date: "" })
      : null,
  });

  return {
    engagement: {
      ...engagement,
      leadName: engagement.leadUserId ? (userNames.get(engagement.leadUserId) ?? null) : null,
      createdByName: engagement.createdById ? (userNames.get(engagement.createdById) ?? null) : null,
    },
    organisations: orgs,
    themes: themeRows,
    attendees: aggregate.attendees.map((a) => {
      const contact = a.contactId ? contactById.get(a.contactId) : undefined;
      return {
        id: a.id,
        name: a.userId ? (userNames.get(a.userId) ?? "Unknown") : contact ? contact.name : (a.name ?? ""),
        roleTitle: a.roleTitle ?? contact?.roleTitle ?? null,
        organisationName: contact ? contact.organisationName : null,
        kind: a.userId ? ("staff" as const) : contact ? ("contact" as const) : ("named" as const),
        side: a.side,
      };
    }),
    agenda: aggregate.agenda.map((a) => ({ id: a.id, title: a.title, notes: a.notes, outcome: a.outcome })),
    commitments: aggregate.actions.filter((a) => a.kind === "commitment").map(actionView),
    followUps: aggregate.actions.filter((a) => a.kind === "follow_up").map(actionView),
    resolves,
  };
}
export type EngagementDetails = NonNullable<ReturnType<typeof getEngagement>>;

const str = (v: string | number | null | undefined) => (v == null ? "" : String(v));

/** An action as a row of the edit form. */
function actionValues(a: ActionRow) {
  return {
    id: String(a.id),
    version: String(a.version),
    description: a.description,
    organisationId: str(a.organisationId),
    ownerType: a.ownerType,
    ownerUserId: str(a.ownerUserId),
    ownerName: str(a.ownerName),
    dueDate: str(a.dueDate),
    // Agenda items are keyed by id in an edit form; new ones get a fresh key in the browser.
    agendaKey: a.agendaItemId ? `id${a.agendaItemId}` : "",
  };
}

/** An engagement as its edit form's values: strings, and arrays of row objects of strings. */
function formValuesOf(aggregate: Aggregate) {
  const { engagement: e } = aggregate;
  const s = str;
  return {
    version: String(e.version),
    title: e.title,
    kind: e.kind,
    status: e.status,
    date: e.date,
    startTime: s(e.startTime),
    endTime: s(e.endTime),
    durationMinutes: "",
    format: s(e.format),
    location: s(e.location),
    country: s(e.country),
    organisations: aggregate.organisationIds.map((oid) => ({ organisationId: String(oid) })),
    leadUserId: s(e.leadUserId),
    purpose: s(e.purpose),
    summary: s(e.summary),
    themeIds: aggregate.themeIds.map(String),
    newTheme: "",
    marking: e.marking,
    attendees: aggregate.attendees.map((a) => ({
      person: a.userId ? `user:${a.userId}` : a.contactId ? `contact:${a.contactId}` : "other",
      name: s(a.name),
      roleTitle: s(a.roleTitle),
      side: a.side,
    })),
    agenda: aggregate.agenda.map((a) => ({ key: `id${a.id}`, id: String(a.id), title: a.title, notes: s(a.notes), outcome: s(a.outcome) })),
    commitments: aggregate.actions.filter((a) => a.kind === "commitment").map(actionValues),
    followUps: aggregate.actions.filter((a) => a.kind === "follow_up").map(actionValues),
  };
}

/**
 * The engagement's edit form: its values, the actions (id to version) it is loaded with, and the
 * baseline fingerprints that let a conflict tell whose change is whose.
 */
export function engagementFormValues(id: number) {
  const aggregate = loadAggregate(db(), id);
  if (!aggregate) return undefined;
  const { engagement: e } = aggregate;
  const actionStatus = Object.fromEntries(
    aggregate.actions.map((a) => [a.id, { status: a.status, resolved: Boolean(a.resolvedByEngagementId) }]),
  );
  return {
    values: formValuesOf(aggregate),
    version: e.version,
    archived: Boolean(e.archivedAt),
    title: e.title,
    loadedActions: Object.fromEntries(aggregate.actions.map((a) => [a.id, a.version])) as Record<number, number>,
    baseline: baselineOf(aggregate),
    actionStatus,
    keep: existingOf(aggregate),
  };
}

/** An open follow-up a new engagement can resolve, with the engagement it came from. */
export function getFollowUpToResolve(actionId: number) {
  const row = db()
    .select({
      id: actions.id,
      kind: actions.kind,
      description: actions.description,
      status: actions.status,
      organisationId: actions.organisationId,
      resolvedByEngagementId: actions.resolvedByEngagementId,
      engagementId: engagements.id,
      engagementTitle: engagements.title,
      engagementDate: engagements.date,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .where(eq(actions.id, actionId))
    .get();
  if (!row || row.kind !== "follow_up") return undefined;
  const organisationIds = db()
    .select({ id: engagementOrganisations.organisationId })
    .from(engagementOrganisations)
    .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
    .where(and(eq(engagementOrganisations.engagementId, row.engagementId), isNull(organisations.archivedAt)))
    .all()
    .map((r) => r.id);
  return {
    ...row,
    organisationIds: row.organisationId && organisationIds.includes(row.organisationId) ? [row.organisationId] : organisationIds,
  };
}

/** One action of one engagement, for the page that changes its status. */
export function getEngagementAction(engagementId: number, actionId: number) {
  const row = db()
    .select()
    .from(actions)
    .where(and(eq(actions.id, actionId), eq(actions.engagementId, engagementId)))
    .get();
  if (!row) return undefined;
  const engagement = db()
    .select({
      id: engagements.id,
      title: engagements.title,
      date: engagements.date,
      archivedAt: engagements.archivedAt,
      leadUserId: engagements.leadUserId,
      createdById: engagements.createdById,
    })
    .from(engagements)
    .where(eq(engagements.id, engagementId))
    .get()!;
  const ownerName =
    row.ownerType === "office"
      ? row.ownerUserId
        ? (db().select({ name: users.name }).from(users).where(eq(users.id, row.ownerUserId)).get()?.name ?? "Unknown")
        : "The office"
      : (row.ownerName ?? "The stakeholder");
  return { action: { ...row, ownerName }, engagement };
}

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

/** The engagement's audit events and those of its actions, newest first. */
export function listEngagementHistory(id: number, limit = 500) {
  const actionIds = db()
    .select({ id: actions.id })
    .from(actions)
    .where(or(eq(actions.engagementId, id), eq(actions.resolvedByEngagementId, id)))
    .all()
    .map((a) => String(a.id));
  const conditions: SQL[] = [and(eq(auditEvents.entityType, "engagement"), eq(auditEvents.entityId, String(id)))!];
  if (actionIds.length) conditions.push(and(eq(auditEvents.entityType, "action"), inArray(auditEvents.entityId, actionIds))!);
  return db()
    .select()
    .from(auditEvents)
    .where(or(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(limit)
    .all();
}

/** Names for the ids an audit event's before/after hold, so the history reads in words. */
export function namesForHistory(events: { before: string | null; after: string | null }[]) {
  const orgIds = new Set<number>();
  const userIds = new Set<number>();
  const themeIds = new Set<number>();
  const contactIds = new Set<number>();
  const collect = (json: string | null) => {
    if (!json) return;
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(json) as Record<string, unknown>;
    } catch {
      return;
    }
    const ids = (v: unknown) => (Array.isArray(v) ? v : [v]).filter((x): x is number => typeof x === "number");
    for (const i of ids(value.organisationIds)) orgIds.add(i);
    for (const i of ids(value.organisationId)) orgIds.add(i);
    for (const i of ids(value.themeIds)) themeIds.add(i);
    for (const i of ids(value.leadUserId)) userIds.add(i);
    for (const i of ids(value.ownerUserId)) userIds.add(i);
    if (Array.isArray(value.attendees))
      for (const ref of value.attendees) {
        const m = /^(user|contact):(\d+)$/.exec(String(ref));
        if (m) (m[1] === "user" ? userIds : contactIds).add(Number(m[2]));
      }
  };
  for (const e of events) {
    collect(e.before);
    collect(e.after);
  }
  const database = db();
  const map = <T extends { id: number; name: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.id, r.name]));
  return {
    organisations: orgIds.size
      ? map(
          database
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(inArray(organisations.id, [...orgIds]))
            .all(),
        )
      : {},
    users: userIds.size
      ? map(
          database
            .select({ id: users.id, name: users.name })
            .from(users)
            .where(inArray(users.id, [...userIds]))
            .all(),
        )
      : {},
    themes: themeIds.size
      ? map(
          database
            .select({ id: themes.id, name: themes.name })
            .from(themes)
            .where(inArray(themes.id, [...themeIds]))
            .all(),
        )
      : {},
    contacts: contactIds.size
      ? map(
          database
            .select({ id: contacts.id, name: contacts.name })
            .from(contacts)
            .where(inArray(contacts.id, [...contactIds]))
            .all(),
        )
      : {},
  };
}

// ---------------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------------

export const ENGAGEMENT_PAGE_SIZE = 25;
export type Cursor = { date: string; id: number };

export function parseCursor(value: string | null): Cursor | null {
  const m = value ? /^(\d{4}-\d{2}-\d{2})\.([1-9]\d{0,15})$/.exec(value) : null;
  return m ? { date: m[1], id: Number(m[2]) } : null;
}
export function formatCursor(c: Cursor): string {
  return `${c.date}.${c.id}`;
}

/** A phrase for the trigram index: any text, quoted, so nothing in it is read as query syntax. */
function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function listConditions(filters: EngagementFilters & { organisationId?: number | null }): SQL[] {
  const where: SQL[] = [];
  if (filters.status === "archived") where.push(isNotNull(engagements.archivedAt));
  else {
    where.push(isNull(engagements.archivedAt));
    if (filters.status) where.push(eq(engagements.status, filters.status));
  }
  if (filters.from) where.push(gte(engagements.date, filters.from));
  if (filters.to) where.push(lte(engagements.date, filters.to));
  if (filters.kind) where.push(eq(engagements.kind, filters.kind));
  if (filters.organisationId)
    where.push(
      sql`${engagements.id} in (select ${engagementOrganisations.engagementId} from ${engagementOrganisations} where ${engagementOrganisations.organisationId} = ${filters.organisationId})`,
    );
  if (filters.organisationKind && (ORGANISATION_KINDS as readonly string[]).includes(filters.organisationKind))
    where.push(
      sql`${engagements.id} in (select eo.engagement_id from ${engagementOrganisations} eo join ${organisations} o on o.id = eo.organisation_id where o.kind = ${filters.organisationKind})`,
    );
  if (filters.theme)
    where.push(
      sql`${engagements.id} in (select ${engagementThemes.engagementId} from ${engagementThemes} where ${engagementThemes.themeId} = ${filters.theme})`,
    );
  if (filters.q) {
    if (filters.q.length >= 3)
      where.push(sql`${engagements.id} in (select rowid from engagements_fts where engagements_fts match ${ftsPhrase(filters.q)})`);
    // Shorter than a trigram: the index cannot serve it, so match titles only.
    else where.push(sql`${engagements.title} like ${`%${filters.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  }
  return where;
}

export type EngagementListRow = {
  id: number;
  title: string;
  date: string;
  startTime: string | null;
  kind: Engagement["kind"];
  status: Engagement["status"];
  marking: Engagement["marking"];
  archivedAt: string | null;
  organisations: { slug: string; name: string }[];
  openActions: number;
};

/**
 * One page of engagements matching the filters, newest first, by keyset on (date, id):
 * `after` continues to older ones, `before` goes back to newer ones.
 */
export function listEngagements(
  filters: EngagementFilters & { organisationId?: number | null },
  page: { after?: Cursor | null; before?: Cursor | null } = {},
  limit = ENGAGEMENT_PAGE_SIZE,
): { rows: EngagementListRow[]; next: Cursor | null; previous: Cursor | null } {
  const where = listConditions(filters);
  const backwards = Boolean(page.before);
  if (page.after) where.push(sql`(${engagements.date}, ${engagements.id}) < (${page.after.date}, ${page.after.id})`);
  if (page.before) where.push(sql`(${engagements.date}, ${engagements.id}) > (${page.before.date}, ${page.before.id})`);
  const found = db()
    .select({
      id: engagements.id,
      title: engagements.title,
      date: engagements.date,
      startTime: engagements.startTime,
      kind: engagements.kind,
      status: engagements.status,
      marking: engagements.marking,
      archivedAt: engagements.archivedAt,
    })
    .from(engagements)
    .where(and(...where))
    .orderBy(...(backwards ? [asc(engagements.date), asc(engagements.id)] : [desc(engagements.date), desc(engagements.id)]))
    .limit(limit + 1)
    .all();
  const more = found.length > limit;
  const slice = found.slice(0, limit);
  if (backwards) slice.reverse();
  const ids = slice.map((r) => r.id);
  const orgRows = ids.length
    ? db()
        .select({ engagementId: engagementOrganisations.engagementId, slug: organisations.slug, name: organisations.name })
        .from(engagementOrganisations)
        .innerJoin(organisations, eq(organisations.id, engagementOrganisations.organisationId))
        .where(inArray(engagementOrganisations.engagementId, ids))
        .orderBy(asc(organisations.name))
        .all()
    : [];
  const openRows = ids.length
    ? db()
        .select({ engagementId: actions.engagementId, n: count() })
        .from(actions)
        .where(and(inArray(actions.engagementId, ids), inArray(actions.status, ["open", "in_progress"])))
        .groupBy(actions.engagementId)
        .all()
    : [];
  const open = new Map(openRows.map((r) => [r.engagementId, r.n]));
  const rows = slice.map((r) => ({
    ...r,
    organisations: orgRows.filter((o) => o.engagementId === r.id).map(({ slug, name }) => ({ slug, name })),
    openActions: open.get(r.id) ?? 0,
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: last && (backwards || more) ? { date: last.date, id: last.id } : null,
    previous: first && (backwards ? more : Boolean(page.after)) ? { date: first.date, id: first.id } : null,
  };
}

/** How many engagements match (for "12 engagements"), capped so counting never scans everything. */
export function countEngagements(filters: EngagementFilters & { organisationId?: number | null }, cap = 10_000): number {
  const where = listConditions(filters);
  // Counted along the same ordered index walk as the list, and capped, so a count never reads the table.
  const row = db().get<{ n: number }>(
    sql`select count(*) as n from (select 1 from ${engagements} where ${and(...where)} order by ${engagements.date} desc, ${engagements.id} desc limit ${cap + 1})`,
  );
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// An organisation's timeline
// ---------------------------------------------------------------------------------------------

/**
 * What an organisation's page shows of its engagements: the latest ones (newest first), with the
 * chain links; its open commitments and follow-ups; when it was last engaged and next planned; and
 * how many engagements were held each year.
 */
export function getOrganisationEngagementSummary(organisationId: number, limit = 20, today = todayInUk()) {
  const database = db();
  const linked = sql`${engagements.id} in (select ${engagementOrganisations.engagementId} from ${engagementOrganisations} where ${engagementOrganisations.organisationId} = ${organisationId})`;
  const live = and(linked, isNull(engagements.archivedAt));
  const recent = database
    .select({
      id: engagements.id,
      title: engagements.title,
      date: engagements.date,
      kind: engagements.kind,
      status: engagements.status,
      summary: engagements.summary,
    })
    .from(engagements)
    .where(live)
    .orderBy(desc(engagements.date), desc(engagements.id))
    .limit(limit)
    .all();
  const ids = recent.map((e) => e.id);
  // The chain: which earlier engagement's follow-up each of these resolved.
  const resolvedFrom = ids.length
    ? database
        .select({
          resolverId: actions.resolvedByEngagementId,
          engagementId: engagements.id,
          title: engagements.title,
          date: engagements.date,
        })
        .from(actions)
        .innerJoin(engagements, eq(engagements.id, actions.engagementId))
        .where(inArray(actions.resolvedByEngagementId, ids))
        .all()
    : [];
  const actionCounts = ids.length
    ? database
        .select({ engagementId: actions.engagementId, kind: actions.kind, n: count() })
        .from(actions)
        .where(inArray(actions.engagementId, ids))
        .groupBy(actions.engagementId, actions.kind)
        .all()
    : [];
  const total = database.select({ n: count() }).from(engagements).where(live).get()?.n ?? 0;
  const lastEngagedOn =
    database
      .select({ date: sql<string | null>`max(${engagements.date})` })
      .from(engagements)
      .where(and(live, eq(engagements.status, "held"), lte(engagements.date, today)))
      .get()?.date ?? null;
  const nextPlanned =
    database
      .select({ id: engagements.id, title: engagements.title, date: engagements.date })
      .from(engagements)
      .where(and(live, eq(engagements.status, "planned"), gte(engagements.date, today)))
      .orderBy(asc(engagements.date), asc(engagements.id))
      .limit(1)
      .get() ?? null;
  const perYear = database
    .select({ year: sql<string>`substr(${engagements.date}, 1, 4)`, n: count() })
    .from(engagements)
    .where(and(live, eq(engagements.status, "held")))
    .groupBy(sql`substr(${engagements.date}, 1, 4)`)
    .orderBy(desc(sql`substr(${engagements.date}, 1, 4)`))
    .all();
  const openActions = database
    .select({
      id: actions.id,
      kind: actions.kind,
      description: actions.description,
      dueDate: actions.dueDate,
      status: actions.status,
      ownerType: actions.ownerType,
      ownerName: actions.ownerName,
      ownerUserName: users.name,
      engagementId: engagements.id,
      engagementTitle: engagements.title,
      engagementDate: engagements.date,
    })
    .from(actions)
    .innerJoin(engagements, eq(engagements.id, actions.engagementId))
    .leftJoin(users, eq(users.id, actions.ownerUserId))
    .where(
      and(eq(actions.organisationId, organisationId), inArray(actions.status, ["open", "in_progress"]), isNull(engagements.archivedAt)),
    )
    .orderBy(sql`${actions.dueDate} is null`, asc(actions.dueDate), asc(actions.id))
    .limit(200)
    .all();
  return {
    engagements: recent.map((e) => ({
      ...e,
      summary: e.summary ? truncate(e.summary, 200) : null,
      resolvesFrom: resolvedFrom
        .filter((r) => r.resolverId === e.id)
        .map(({ engagementId, title, date }) => ({ id: engagementId, title, date })),
      commitments: actionCounts.find((c) => c.engagementId === e.id && c.kind === "commitment")?.n ?? 0,
      followUps: actionCounts.find((c) => c.engagementId === e.id && c.kind === "follow_up")?.n ?? 0,
    })),
    total,
    lastEngagedOn,
    nextPlanned,
    perYear: perYear.map((r) => ({ year: r.year, count: r.n })),
    openActions: openActions.map(({ ownerUserName, ...a }) => ({
      ...a,
      ownerName: a.ownerType === "office" ? (ownerUserName ?? "The office") : (a.ownerName ?? "The stakeholder"),
      overdue: Boolean(a.dueDate && a.dueDate < today),
    })),
    today,
  };
}
export type OrganisationEngagementSummary = ReturnType<typeof getOrganisationEngagementSummary>;

/**
 * The date each organisation was last engaged (its latest held, unarchived engagement on or before
 * today), for the organisations list. One grouped query that walks each organisation's links on the
 * (organisation, engagement) index; the CROSS JOIN keeps SQLite from starting at the engagements
 * instead, which probes every link of every held engagement (20 times slower at 20,000 engagements).
 */
export function listLastEngagedDates(organisationIds: number[], today = todayInUk()): Record<number, string> {
  if (!organisationIds.length) return {};
  const rows = db()
    .select({ organisationId: engagementOrganisations.organisationId, date: sql<string>`max(${engagements.date})` })
    .from(engagementOrganisations)
    .crossJoin(engagements)
    .where(
      and(
        eq(engagements.id, engagementOrganisations.engagementId),
        inArray(engagementOrganisations.organisationId, organisationIds),
        isNull(engagements.archivedAt),
        eq(engagements.status, "held"),
        lte(engagements.date, today),
      ),
    )
    .groupBy(engagementOrganisations.organisationId)
    .all();
  return Object.fromEntries(rows.map((r) => [r.organisationId, r.date]));
}

// ---------------------------------------------------------------------------------------------
// Counting (tests prove that a refused request wrote nothing)
// ---------------------------------------------------------------------------------------------

export function countEngagementRows() {
  const database = db();
  const n = (
    table:
      | typeof engagements
      | typeof attendees
      | typeof agendaItems
      | typeof actions
      | typeof engagementOrganisations
      | typeof engagementThemes
      | typeof themes,
  ) => database.select({ n: count() }).from(table).get()?.n ?? 0;
  return {
    engagements: n(engagements),
    organisations: n(engagementOrganisations),
    themes: n(themes),
    engagementThemes: n(engagementThemes),
    attendees: n(attendees),
    agendaItems: n(agendaItems),
    actions: n(actions),
  };
}

/** Whether any engagement was recorded by people rather than by the demo-data generator. */
export function hasRealEngagements(): boolean {
  return Boolean(db().select({ id: engagements.id }).from(engagements).where(eq(engagements.isDemo, false)).limit(1).get());
}
