// What the engagement form offers to choose from.
import { and, desc, eq, isNull } from "drizzle-orm";
import { db } from "~db/connection";
import { preparedStatement } from "~/models/prepared-statements.server";
import { listThemeOptions } from "~/models/theme.server";
import { engagementOrganisations, engagements, organisations } from "~db/schema";

/** What the form needs of an organisation to offer it (sent to the browser with the page: nothing more). */
export type OrganisationChoice = {
  id: number;
  name: string;
  shortName: string | null;
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
  // One statement each whatever is kept (a JSON list, maybe empty), prepared once: the form loads on every edit.
  const kept = (ids: number[] | undefined) => JSON.stringify(ids ?? []);
  const organisationRows = preparedStatement(
    `SELECT id, name, short_name AS shortName, archived_at AS archivedAt FROM organisations
     WHERE archived_at IS NULL OR id IN (SELECT value FROM json_each(?)) ORDER BY name`,
  ).all(kept(keep.organisationIds)) as (Omit<OrganisationChoice, "archived"> & { archivedAt: string | null })[];
  const staffRows = preparedStatement(
    `SELECT id, name, deactivated_at AS deactivatedAt FROM users
     WHERE deactivated_at IS NULL OR id IN (SELECT value FROM json_each(?)) ORDER BY name`,
  ).all(kept(keep.userIds)) as { id: number; name: string; deactivatedAt: string | null }[];
  const contactRows = preparedStatement(
    `SELECT id, organisation_id AS organisationId, name, role_title AS roleTitle FROM contacts WHERE in_post = 1 ORDER BY organisation_id, name`,
  ).all() as ContactChoice[];
  return {
    organisations: organisationRows.map(({ archivedAt, ...o }): OrganisationChoice => ({ ...o, archived: Boolean(archivedAt) })),
    staff: staffRows.map((u): StaffChoice => ({
      id: u.id,
      name: u.deactivatedAt ? `${u.name} (no longer active)` : u.name,
      active: !u.deactivatedAt,
    })),
    themes: listThemeOptions(keep.themeIds).map(({ id, name }) => ({ id, name })),
    contacts: contactRows,
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
