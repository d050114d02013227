// What the engagement form offers to choose from.
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { db } from "~db/connection";
import { organisationOptionColumns } from "../organisation/read.server";
import { contacts, engagementOrganisations, engagements, organisations, themes, users, type OrganisationKind } from "~db/schema";

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
    .select({ ...organisationOptionColumns, archivedAt: organisations.archivedAt })
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

/**
 * The last meeting held with an organisation (not archived), for "Copy from the last meeting with …" on the
 * new engagement form. Served by the organisation's index of its engagements: one organisation at a time.
 */
export function getLastMeetingWith(organisationId: number): { id: number; title: string; date: string } | undefined {
  return db()
    .select({ id: engagements.id, title: engagements.title, date: engagements.date })
    .from(engagementOrganisations)
    .innerJoin(engagements, eq(engagements.id, engagementOrganisations.engagementId))
    .where(
      and(
        eq(engagementOrganisations.organisationId, organisationId),
        isNull(engagements.archivedAt),
        eq(engagements.status, "held"),
        eq(engagements.kind, "meeting"),
      ),
    )
    .orderBy(desc(engagements.date), desc(engagements.id))
    .limit(1)
    .get();
}
