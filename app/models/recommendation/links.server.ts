// Recommendations named by an engagement's agenda items, commitments and follow-ups: reading the references a
// person types ("HMICFRS 2024 R3"), saving the links with the engagement, and reading them back for the
// engagement's page, a recommendation's "discussed at" and a take-up's engagements.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Tx } from "~db/connection";
import {
  actions,
  agendaItems,
  engagementOrganisations,
  engagements,
  inspectionReports,
  organisations,
  recommendationAddressees,
  recommendationLinks,
  recommendations,
} from "~db/schema";
import { shortNameOf } from "~/domain/organisation-names";
import {
  MAX_LINKS_PER_ITEM,
  recommendationReference,
  referenceKey,
  splitReferences,
  type RecommendationKind,
} from "~/domain/recommendations";
import type { FieldErrors } from "~/forms/form-data";
import { preparedQuery } from "~/models/prepared-statements.server";
import { nowIso, recordAudit, type Actor } from "../audit.server";

export type RecommendationRef = {
  id: number;
  reference: string;
  number: string;
  kind: RecommendationKind;
  text: string;
  reportId: number;
  reportTitle: string;
  archived: boolean;
};

const directoryQuery = preparedQuery((database) =>
  database
    .select({
      id: recommendations.id,
      number: recommendations.number,
      kind: recommendations.kind,
      text: recommendations.text,
      archivedAt: recommendations.archivedAt,
      reportId: inspectionReports.id,
      reportTitle: inspectionReports.title,
      reportArchivedAt: inspectionReports.archivedAt,
      publishedOn: inspectionReports.publishedOn,
      publisherId: organisations.id,
      publisherName: organisations.name,
      publisherShortName: organisations.shortName,
      publisherSlug: organisations.slug,
    })
    .from(recommendations)
    .innerJoin(inspectionReports, eq(inspectionReports.id, recommendations.reportId))
    .innerJoin(organisations, eq(organisations.id, inspectionReports.publisherId))
    .orderBy(asc(inspectionReports.publishedOn), asc(inspectionReports.id), asc(recommendations.position))
    .prepare(),
);

/**
 * Every recommendation with its reference, and the words that find it: the publisher's short name, formal name
 * or slug, the year (with its place when the publisher published more than one report that year) and the number.
 * Recommendations stay few (hundreds), so this is read whole when a form names any.
 */
export function referenceDirectory() {
  const rows = directoryQuery().all();
  // A report's place among its publisher's reports of the same year, in order of publication.
  const sequence = new Map<number, number>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (sequence.has(r.reportId)) continue;
    const group = `${r.publisherId}:${r.publishedOn.slice(0, 4)}`;
    const n = (seen.get(group) ?? 0) + 1;
    seen.set(group, n);
    sequence.set(r.reportId, n);
  }
  const byId = new Map<number, RecommendationRef>();
  const byKey = new Map<string, RecommendationRef>();
  for (const r of rows) {
    const seq = sequence.get(r.reportId)!;
    const ref: RecommendationRef = {
      id: r.id,
      reference: recommendationReference({
        publisher: shortNameOf({ name: r.publisherName, shortName: r.publisherShortName }),
        publishedOn: r.publishedOn,
        sequence: seq,
        number: r.number,
      }),
      number: r.number,
      kind: r.kind,
      text: r.text,
      reportId: r.reportId,
      reportTitle: r.reportTitle,
      archived: Boolean(r.archivedAt || r.reportArchivedAt),
    };
    byId.set(r.id, ref);
    for (const publisher of new Set([r.publisherShortName, r.publisherName, r.publisherSlug].filter((p): p is string => Boolean(p))))
      byKey.set(referenceKey(recommendationReference({ publisher, publishedOn: r.publishedOn, sequence: seq, number: r.number })), ref);
  }
  return { byId, byKey };
}
export type ReferenceDirectory = ReturnType<typeof referenceDirectory>;

/** One field of the form that names recommendations: where its errors go, and what was typed. */
export type LinkField = { field: string; text: string | null };

/**
 * The recommendations each field names, in the order typed and each once. A reference that names nothing, or an
 * archived recommendation not already linked to this engagement (`kept`), is a problem at its field.
 */
export function resolveReferences(fields: LinkField[], kept: ReadonlySet<number> = new Set()): { errors: FieldErrors; ids: number[][] } {
  const errors: FieldErrors = {};
  if (!fields.some((f) => splitReferences(f.text).length)) return { errors, ids: fields.map(() => []) };
  const dir = referenceDirectory();
  const ids = fields.map(({ field, text }) => {
    const parts = splitReferences(text);
    const out: number[] = [];
    if (parts.length > MAX_LINKS_PER_ITEM) {
      errors[field] = `Name at most ${MAX_LINKS_PER_ITEM} recommendations here`;
      return out;
    }
    for (const part of parts) {
      const ref = dir.byKey.get(referenceKey(part));
      if (!ref) {
        errors[field] ??= `“${part.slice(0, 60)}” is not a recommendation we know: type it as its page shows it, like HMICFRS 2024 R3`;
        continue;
      }
      if (ref.archived && !kept.has(ref.id)) {
        errors[field] ??= `${ref.reference} is archived: name a recommendation in use`;
        continue;
      }
      if (!out.includes(ref.id)) out.push(ref.id);
    }
    return out;
  });
  return { errors, ids };
}

type LinkRow = { recommendationId: number; agendaItemId: number | null; actionId: number | null };
const linkKey = (l: LinkRow) => `${l.agendaItemId ? `agenda:${l.agendaItemId}` : `action:${l.actionId}`}:${l.recommendationId}`;

const linksQuery = preparedQuery((database) =>
  database
    .select({
      recommendationId: recommendationLinks.recommendationId,
      agendaItemId: recommendationLinks.agendaItemId,
      actionId: recommendationLinks.actionId,
    })
    .from(recommendationLinks)
    .where(eq(recommendationLinks.engagementId, sql.placeholder("engagementId")))
    .orderBy(asc(recommendationLinks.id))
    .prepare(),
);

/** The links an engagement has now (read on the connection, inside the caller's transaction when there is one). */
export function linksOfEngagement(engagementId: number): LinkRow[] {
  return linksQuery().all({ engagementId });
}

/**
 * Make an engagement's links what its form names (inside the engagement's own transaction), audited when they
 * change. `wanted` lists, for each agenda item and action by id, the recommendations it names.
 */
export function saveEngagementLinks(
  tx: Tx,
  { engagementId, wanted, actor }: { engagementId: number; wanted: LinkRow[]; actor: Actor },
): void {
  const current = linksOfEngagement(engagementId);
  const before = current.map(linkKey).sort();
  const after = [...new Set(wanted.map(linkKey))].sort();
  if (before.join() === after.join()) return;
  tx.delete(recommendationLinks).where(eq(recommendationLinks.engagementId, engagementId)).run();
  const now = nowIso();
  const seen = new Set<string>();
  for (const l of wanted) {
    if (seen.has(linkKey(l))) continue;
    seen.add(linkKey(l));
    tx.insert(recommendationLinks)
      .values({ engagementId, recommendationId: l.recommendationId, agendaItemId: l.agendaItemId, actionId: l.actionId, createdAt: now })
      .run();
  }
  recordAudit(tx, {
    actor,
    action: "update",
    entityType: "engagement",
    entityId: engagementId,
    summary: `Recommendations named by engagement #${engagementId} changed`,
    before: { recommendationLinks: before },
    after: { recommendationLinks: after },
  });
}

/** An engagement's links as its page and form show them: by agenda item id and by action id, each a list of references. */
export function engagementLinkViews(engagementId: number) {
  const links = linksOfEngagement(engagementId);
  const agenda = new Map<number, RecommendationRef[]>();
  const byAction = new Map<number, RecommendationRef[]>();
  if (!links.length) return { agenda, actions: byAction };
  const dir = referenceDirectory();
  for (const l of links) {
    const ref = dir.byId.get(l.recommendationId);
    if (!ref) continue;
    const map = l.agendaItemId ? agenda : byAction;
    const id = (l.agendaItemId ?? l.actionId)!;
    map.set(id, [...(map.get(id) ?? []), ref]);
  }
  return { agenda, actions: byAction };
}

/** The references an engagement's form rows show: "HMICFRS 2024 R3; NCA 2025 2", keyed agenda:<id> and action:<id>. */
export function engagementLinkTexts(engagementId: number): Map<string, string> {
  const views = engagementLinkViews(engagementId);
  const out = new Map<string, string>();
  for (const [id, refs] of views.agenda) out.set(`agenda:${id}`, refs.map((r) => r.reference).join("; "));
  for (const [id, refs] of views.actions) out.set(`action:${id}`, refs.map((r) => r.reference).join("; "));
  return out;
}

const linksOfRecommendation = (toOrganisation: boolean) =>
  preparedQuery((database) =>
    database
      .select({
        engagementId: engagements.id,
        title: engagements.title,
        date: engagements.date,
        agendaTitle: agendaItems.title,
        actionKind: actions.kind,
        actionDescription: actions.description,
      })
      .from(recommendationLinks)
      .innerJoin(engagements, eq(engagements.id, recommendationLinks.engagementId))
      .leftJoin(agendaItems, eq(agendaItems.id, recommendationLinks.agendaItemId))
      .leftJoin(actions, eq(actions.id, recommendationLinks.actionId))
      .where(
        and(
          eq(recommendationLinks.recommendationId, sql.placeholder("recommendationId")),
          isNull(engagements.archivedAt),
          toOrganisation
            ? inArray(
                recommendationLinks.engagementId,
                database
                  .select({ id: engagementOrganisations.engagementId })
                  .from(engagementOrganisations)
                  .where(eq(engagementOrganisations.organisationId, sql.placeholder("organisationId"))),
              )
            : undefined,
        ),
      )
      .orderBy(desc(engagements.date), desc(engagements.id), asc(recommendationLinks.id))
      .limit(200)
      .prepare(),
  );
const linksOfRecommendationAnywhere = linksOfRecommendation(false);
const linksOfRecommendationWithOrganisation = linksOfRecommendation(true);

/**
 * The live engagements where a recommendation was discussed (an agenda item) or worked on (a commitment or
 * follow-up), newest first; with `organisationId`, only those that body took part in (a take-up's evidence).
 */
export function engagementsOfRecommendation({ recommendationId, organisationId }: { recommendationId: number; organisationId?: number }) {
  const rows =
    organisationId === undefined
      ? linksOfRecommendationAnywhere().all({ recommendationId })
      : linksOfRecommendationWithOrganisation().all({ recommendationId, organisationId });
  // One entry an engagement, saying each way it named the recommendation.
  const byEngagement = new Map<number, { id: number; title: string; date: string; how: string[] }>();
  for (const r of rows) {
    const entry = byEngagement.get(r.engagementId) ?? { id: r.engagementId, title: r.title, date: r.date, how: [] };
    if (r.agendaTitle) entry.how.push(`Agenda: ${r.agendaTitle}`);
    if (r.actionDescription) entry.how.push(`${r.actionKind === "follow_up" ? "Follow-up" : "Commitment"}: ${r.actionDescription}`);
    byEngagement.set(r.engagementId, entry);
  }
  return [...byEngagement.values()];
}

/**
 * The live recommendations a form's picker offers: those addressed (with a live take-up) to any of the chosen
 * organisations first, then the rest; each with its reference.
 */
export function recommendationChoices({ organisationIds }: { organisationIds: number[] }) {
  const dir = referenceDirectory();
  const addressed = new Set(
    organisationIds.length
      ? db()
          .selectDistinct({ id: recommendationAddressees.recommendationId })
          .from(recommendationAddressees)
          .where(and(inArray(recommendationAddressees.organisationId, organisationIds), isNull(recommendationAddressees.archivedAt)))
          .all()
          .map((r) => r.id)
      : [],
  );
  const live = [...dir.byId.values()].filter((r) => !r.archived);
  return [...live.filter((r) => addressed.has(r.id)), ...live.filter((r) => !addressed.has(r.id))].map((r) => ({
    reference: r.reference,
    label: `${r.reference}: ${r.text.length > 90 ? `${r.text.slice(0, 89)}…` : r.text}`,
    addressed: addressed.has(r.id),
  }));
}

/** How the engagement form names one recommendation ("HMICFRS 2024 R3"), or null when there is none. */
export function referenceOf(recommendationId: number): string | null {
  return referenceDirectory().byId.get(recommendationId)?.reference ?? null;
}
