// Reading the counters the database keeps of outstanding actions (db/schema/counts.ts, kept by the
// triggers of migrations/*_count-triggers.sql): the dashboard, the register's filter counts and
// coverage read a few hundred rows here instead of every outstanding action. See docs/decisions/0017.
import { preparedRaw } from "./prepared-statements.server";
import { ne } from "drizzle-orm";
import { writeTransaction } from "~db/connection";
import { outstandingActionCutoff, type ActionOwnerType, type OrganisationKind } from "~db/schema";
import { dueSoonUntil, dueWithinMonthUntil } from "~/domain/actions";

/** One facet of the whole office's outstanding actions (outstanding_action_facet_counts, person 0): a row per value. */
function readFacetTotals(facet: "owner" | "organisation"): { value: string; outstanding: number; dated: number }[] {
  const rows = preparedRaw(
    `SELECT value, sum(n), sum(CASE WHEN dated > 0 THEN n ELSE 0 END) FROM outstanding_action_facet_counts
    WHERE person_id = 0 AND facet = ? GROUP BY value`,
  ).all(facet) as [string, number, number][];
  return rows.map(([value, outstanding, dated]) => ({ value, outstanding, dated }));
}

/** All outstanding actions by owner (ownerKey): a row per owner, with how many have a due date. */
export function readOutstandingByOwner(): { ownerUserId: number | null; ownerType: ActionOwnerType; outstanding: number; dated: number }[] {
  // The facet's value is the owner's staff id (a named owner is always of the office), or the owner type when no one is named.
  return readFacetTotals("owner").map(({ value, outstanding, dated }) =>
    /^\d+$/.test(value)
      ? { ownerUserId: Number(value), ownerType: "office", outstanding, dated }
      : { ownerUserId: null, ownerType: value as ActionOwnerType, outstanding, dated },
  );
}

/** All outstanding actions by the kind of their organisation (null: no organisation). */
export function readOutstandingByOrganisationKind(): { kind: OrganisationKind | null; outstanding: number; dated: number }[] {
  const rows = preparedRaw(
    `SELECT o.kind, sum(c.n), sum(CASE WHEN c.dated > 0 THEN c.n ELSE 0 END) FROM outstanding_action_facet_counts c
    LEFT JOIN organisations o ON o.id = CAST(c.value AS INTEGER)
    WHERE c.person_id = 0 AND c.facet = 'organisation' GROUP BY o.kind`,
  ).all() as [OrganisationKind | null, number, number][];
  return rows.map(([kind, outstanding, dated]) => ({ kind, outstanding, dated }));
}

/** Outstanding actions per organisation (those with one). */
export function readOutstandingByOrganisation(): Map<number, number> {
  return new Map(
    readFacetTotals("organisation").flatMap(({ value, outstanding }) => (value === "0" ? [] : [[Number(value), outstanding]])),
  );
}

/** How many outstanding actions one organisation has, and how many of them have a due date. */
export function readOutstandingOfOrganisation(organisationId: number): { outstanding: number; dated: number } {
  const row = preparedRaw(
    `SELECT coalesce(sum(n), 0), coalesce(sum(CASE WHEN dated > 0 THEN n END), 0) FROM outstanding_action_facet_counts
    WHERE person_id = 0 AND facet = 'organisation' AND value = ?`,
  ).get(String(organisationId)) as [number, number];
  return { outstanding: row[0], dated: row[1] };
}

/** How many outstanding actions a staff member owns that have a due date. */
export function countDatedOwnedBy(ownerUserId: number): number {
  const row = preparedRaw(
    `SELECT coalesce(sum(n), 0) FROM outstanding_action_facet_counts WHERE person_id = 0 AND facet = 'owner' AND value = ? AND dated > 0`,
  ).get(String(ownerUserId)) as [number];
  return row[0];
}

/** The day that splits the dated counters into due and overdue (null: its row is missing). */
export function readOverdueCutoff(): string | null {
  const row = preparedRaw(`SELECT day FROM outstanding_action_cutoff`).get() as [string] | undefined;
  return row?.[0] ?? null;
}

/**
 * Moves the day that splits the dated counters into due and overdue (outstanding_action_cutoff) to `today`: its
 * trigger moves the counts of the actions due in between. The server does it at start and every hour; a day of
 * history costs nothing here, only the actions due between the two days.
 */
export async function moveOverdueCutoff(today: string): Promise<boolean> {
  return writeTransaction(
    (tx) => tx.update(outstandingActionCutoff).set({ day: today }).where(ne(outstandingActionCutoff.day, today)).run().changes > 0,
  );
}

/** The facets of outstanding_action_due_counts: one filter at a time. */
export type DueFacet = "all" | "owner" | "mine" | "orgKind" | "kind" | "status" | "organisation" | "theme";

/** Of the dated outstanding actions with one facet value: those due today or later, in the next 7 days, in the next 30. */
export type DueWindows = { fromToday: number; week: number; month: number };

/**
 * The due-date windows of the outstanding actions of each value of a facet (all values, or those given).
 * Reads the rows from today on only: what is overdue is the dated count less those, so the cost follows
 * how far ahead things fall due, not how many were ever left overdue.
 */
export function readDueWindows({ facet, values, today }: { facet: DueFacet; values?: string[]; today: string }): Map<string, DueWindows> {
  // Every value: the covering index (facet, due_date, value, n) reads only the rows from today on, where the primary key
  // would read every date. Some values: the primary key (facet, value, due_date) seeks each value's days from today on,
  // where that index would read every value's (a seventh of the cost for one organisation).
  const rows = preparedRaw(
    `SELECT value, sum(n), coalesce(sum(CASE WHEN due_date <= ? THEN n END), 0), coalesce(sum(CASE WHEN due_date <= ? THEN n END), 0)
    FROM outstanding_action_due_counts${values ? "" : " INDEXED BY outstanding_action_due_counts_facet_due_idx"}
    WHERE facet = ? AND due_date >= ?${values ? ` AND value IN (${values.map(() => "?").join(", ")})` : ""} GROUP BY value`,
  ).all(dueSoonUntil(today), dueWithinMonthUntil(today), facet, today, ...(values ?? [])) as [string, number, number, number][];
  return new Map(rows.map(([value, fromToday, week, month]) => [value, { fromToday, week, month }]));
}

/** How many outstanding actions with one value of a facet fall due after a date. */
export function countDueAfter({ facet, value, after }: { facet: DueFacet; value: string; after: string }): number {
  const row = preparedRaw(
    `SELECT coalesce(sum(n), 0) FROM outstanding_action_due_counts WHERE facet = ? AND value = ? AND due_date > ?`,
  ).get(facet, value, after) as [number];
  return row[0];
}

/** The due windows of every outstanding action whose due date is still to come, of one value of a facet. */
export function readDueWindowsOf({ facet, value, today }: { facet: DueFacet; value: string; today: string }): DueWindows {
  return readDueWindows({ facet, values: [value], today }).get(value) ?? NO_DUE_WINDOWS;
}

export const NO_DUE_WINDOWS: DueWindows = { fromToday: 0, week: 0, month: 0 };

/** The key the dashboard and the register give an owner: a staff id as text, or "office" / "stakeholder". */
export function ownerKey(g: { ownerUserId: number | null; ownerType: string }): string {
  return g.ownerUserId != null ? String(g.ownerUserId) : g.ownerType;
}
