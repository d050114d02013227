// The report builder's choices (organisations, themes) and the checks and descriptions of its filters.
import { sql } from "drizzle-orm";
import { db } from "~db/connection";
import type { OrganisationKind } from "~db/schema";
import { ENGAGEMENT_KIND_LABELS } from "~/domain/engagement-labels";
import { formatDate, organisationKindLabel } from "~/domain/format";
import type { ReportEngagementFilters, FilterDescription, ReportFilters, ReportPart } from "~/domain/report-types";
import { preparedStatement } from "../prepared-statements.server";
import { list } from "./query.server";

export type ReportChoices = {
  organisations: { slug: string; name: string; shortName: string | null; kind: OrganisationKind; archived: boolean }[];
  themes: { id: number; name: string }[];
};

export function listReportChoices(): ReportChoices {
  const organisations = (
    preparedStatement(
      `select slug, name, short_name as shortName, kind, archived_at is not null as archived from organisations
       order by coalesce(short_name, name) collate nocase`,
    ).all() as { slug: string; name: string; shortName: string | null; kind: OrganisationKind; archived: number }[]
  ).map((o) => ({ ...o, archived: Boolean(o.archived) }));
  const themes = preparedStatement(`select id, name from themes order by name collate nocase`).all() as { id: number; name: string }[];
  return { organisations, themes };
}

/** The organisation slugs and theme ids in a query that name nothing: a stale bookmark or a tampered URL. */
export function findUnknownReportReferences(filters: Pick<ReportEngagementFilters, "organisation" | "theme">): {
  organisation: string[];
  theme: number[];
} {
  const knownSlugs = new Set(
    filters.organisation.length
      ? db()
          .all<{ slug: string }>(sql`select slug from organisations where slug in ${list(filters.organisation)}`)
          .map((r) => r.slug)
      : [],
  );
  const knownThemes = new Set(
    filters.theme.length
      ? db()
          .all<{ id: number }>(sql`select id from themes where id in ${list(filters.theme)}`)
          .map((r) => r.id)
      : [],
  );
  return {
    organisation: filters.organisation.filter((s) => !knownSlugs.has(s)),
    theme: filters.theme.filter((id) => !knownThemes.has(id)),
  };
}

const PART_WORDS: Record<ReportPart, string> = { attendees: "attendees", agenda: "agenda", actions: "commitments and follow-ups" };

export function describeReportFilters(filters: ReportFilters): FilterDescription {
  return {
    ...describeEngagementFilters(filters),
    period: `${formatDate(filters.from)} to ${formatDate(filters.to)}`,
    includes: filters.include.map((p) => PART_WORDS[p]),
  };
}

/** The engagement filters in words (no period, nothing to include): the calendar's. */
export function describeEngagementFilters(filters: ReportEngagementFilters): Omit<FilterDescription, "period" | "includes"> {
  const orgNames = filters.organisation.length
    ? db()
        .all<{ name: string }>(
          sql`select coalesce(short_name, name) as name from organisations where slug in ${list(filters.organisation)} order by 1`,
        )
        .map((r) => r.name)
    : [];
  const themeNames = filters.theme.length
    ? db()
        .all<{ name: string }>(sql`select name from themes where id in ${list(filters.theme)} order by name collate nocase`)
        .map((r) => r.name)
    : [];
  return {
    organisations: orgNames,
    organisationKinds: filters.orgKind.map(organisationKindLabel),
    themes: themeNames,
    engagementKinds: filters.kind.map((k) => ENGAGEMENT_KIND_LABELS[k] ?? k),
  };
}
