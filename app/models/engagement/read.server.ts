// Reading one engagement: its page, its edit form's values, its version, and the follow-up a new one resolves.
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "~db/connection";
import { preparedStatement } from "~/models/prepared-statements.server";
import type { OrganisationListRow } from "~/models/organisation/read.server";
import { actions, contacts, engagementOrganisations, engagements, organisations } from "~db/schema";
import { engagementBaseline, idsToName } from "~/domain/engagement-conflict";
import { ACTION_OWNER_TYPE_LABELS } from "~/domain/engagement-labels";
import { shortNameOf } from "~/domain/organisation-names";
import { engagementLinkTexts, engagementLinkViews } from "../recommendation/links.server";
import { existingOf } from "./references.server";
import { loadAggregate, loadNames, type ActionRow, type Aggregate } from "./aggregate.server";

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

/** The engagement an action was agreed at, as a list of actions names it (select it joined on actions.engagementId). */
const ITS_ENGAGEMENT = { engagementId: engagements.id, engagementTitle: engagements.title, engagementDate: engagements.date };

/** The short names of organisations by id (an action's body that is no longer among the engagement's own). */
function loadShortOrganisationNames(database: ReturnType<typeof db>, ids: number[]): Map<number, string> {
  if (!ids.length) return new Map();
  return new Map(
    database
      .select({ id: organisations.id, name: organisations.name, shortName: organisations.shortName })
      .from(organisations)
      .where(inArray(organisations.id, [...new Set(ids)]))
      .all()
      .map((o) => [o.id, shortNameOf(o)]),
  );
}

/** One engagement with everything its page shows, names resolved. */
export function getEngagement(id: number) {
  const database = db();
  const aggregate = loadAggregate(database, id);
  if (!aggregate) return undefined;
  const { engagement } = aggregate;
  // Statements prepared once: this page is read on every visit (docs/decisions/0025-page-cost.md).
  const orgs = preparedStatement(
    `SELECT o.id, o.slug, o.name, o.short_name AS shortName, o.kind, o.nation, o.archived_at AS archivedAt
     FROM engagement_organisations eo JOIN organisations o ON o.id = eo.organisation_id
     WHERE eo.engagement_id = ? ORDER BY coalesce(o.short_name, o.name)`,
  ).all(id) as OrganisationListRow[];
  const themeRows = preparedStatement(
    `SELECT t.id, t.name FROM engagement_themes et JOIN themes t ON t.id = et.theme_id WHERE et.engagement_id = ? ORDER BY lower(t.name)`,
  ).all(id) as { id: number; name: string }[];
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
  const contactIds = aggregate.attendees.filter((a) => a.contactId).map((a) => a.contactId!);
  const contactRows = contactIds.length
    ? database
        .select({
          id: contacts.id,
          name: contacts.name,
          roleTitle: contacts.roleTitle,
          organisationName: sql<string>`coalesce(${organisations.shortName}, ${organisations.name})`,
        })
        .from(contacts)
        .innerJoin(organisations, eq(organisations.id, contacts.organisationId))
        .where(inArray(contacts.id, contactIds))
        .all()
    : [];
  const contactById = new Map(contactRows.map((c) => [c.id, c]));
  // Short names ("Europol"), as people say them, wherever a body is named in passing.
  const orgName = new Map(orgs.map((o) => [o.id, shortNameOf(o)]));
  const extraOrgIds = aggregate.actions.map((a) => a.organisationId).filter((x): x is number => Boolean(x) && !orgName.has(x!));
  // Staff, and the organisations of actions that are no longer among the engagement's own.
  const names = loadNames(database, { orgs: [], themes: [], users: userIds, contacts: [] });
  const userNames = names.users;
  for (const [orgId, name] of loadShortOrganisationNames(database, extraOrgIds)) orgName.set(orgId, name);
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
  const resolves = preparedStatement(
    `SELECT a.id AS actionId, a.description, e.id AS engagementId, e.title AS engagementTitle, e.date AS engagementDate
     FROM actions a JOIN engagements e ON e.id = a.engagement_id WHERE a.resolved_by_engagement_id = ?`,
  ).all(id) as { actionId: number; description: string; engagementId: number; engagementTitle: string; engagementDate: string }[];
  // The recommendations its agenda items and actions name (docs/decisions/0021).
  const named = engagementLinkViews(id);
  const refsOf = (list: { id: number; reference: string }[] | undefined) => (list ?? []).map((r) => ({ id: r.id, reference: r.reference }));

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
          : ACTION_OWNER_TYPE_LABELS.office
        : (a.ownerName ?? ACTION_OWNER_TYPE_LABELS.stakeholder),
    dueDate: a.dueDate,
    status: a.status,
    closingNote: a.closingNote,
    closedAt: a.closedAt,
    closedByName: a.closedById ? (userNames.get(a.closedById) ?? null) : null,
    agendaItem: a.agendaItemId ? (agendaPosition.get(a.agendaItemId) ?? null) : null,
    resolvedBy: a.resolvedByEngagementId
      ? (resolvers.get(a.resolvedByEngagementId) ?? { id: a.resolvedByEngagementId, title: "Engagement", date: "" })
      : null,
    recommendations: refsOf(named.actions.get(a.id)),
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
    agenda: aggregate.agenda.map((a) => ({
      id: a.id,
      title: a.title,
      notes: a.notes,
      outcome: a.outcome,
      recommendations: refsOf(named.agenda.get(a.id)),
    })),
    commitments: aggregate.actions.filter((a) => a.kind === "commitment").map(actionView),
    followUps: aggregate.actions.filter((a) => a.kind === "follow_up").map(actionView),
    resolves,
  };
}
export type EngagementDetails = NonNullable<ReturnType<typeof getEngagement>>;

const str = (v: string | number | null | undefined) => (v == null ? "" : String(v));

/** An action as a row of the edit form. */
function actionValues(a: ActionRow, refs: Map<string, string>) {
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
    recommendations: refs.get(`action:${a.id}`) ?? "",
  };
}

/**
 * An engagement as its edit form's values: strings, and arrays of row objects of strings. `refs`: the references
 * its rows name (engagementLinkTexts), keyed agenda:<id> and action:<id>.
 */
export function formValuesOf(aggregate: Aggregate, refs: Map<string, string> = new Map()) {
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
    agenda: aggregate.agenda.map((a) => ({
      key: `id${a.id}`,
      id: String(a.id),
      title: a.title,
      notes: s(a.notes),
      outcome: s(a.outcome),
      recommendations: refs.get(`agenda:${a.id}`) ?? "",
    })),
    commitments: aggregate.actions.filter((a) => a.kind === "commitment").map((a) => actionValues(a, refs)),
    followUps: aggregate.actions.filter((a) => a.kind === "follow_up").map((a) => actionValues(a, refs)),
  };
}

/**
 * The engagement's edit form: its values, the actions (id to version) it is loaded with, and the
 * baseline fingerprints that let a conflict tell whose change is whose.
 */
export function engagementFormValues(id: number) {
  const database = db();
  const aggregate = loadAggregate(database, id);
  if (!aggregate) return undefined;
  const { engagement: e } = aggregate;
  const actionStatus = Object.fromEntries(
    aggregate.actions.map((a) => [a.id, { status: a.status, resolved: Boolean(a.resolvedByEngagementId) }]),
  );
  return {
    values: formValuesOf(aggregate, engagementLinkTexts(id)),
    version: e.version,
    archived: Boolean(e.archivedAt),
    title: e.title,
    loadedActions: Object.fromEntries(aggregate.actions.map((a) => [a.id, a.version])) as Record<number, number>,
    baseline: engagementBaseline(aggregate, loadNames(database, idsToName(aggregate))),
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
      ...ITS_ENGAGEMENT,
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
