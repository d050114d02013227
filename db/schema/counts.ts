// Figures kept up to date by SQLite triggers (migrations/*_count-triggers.sql) in the same transaction as the
// change that moves them, so the dashboard, the actions register, coverage and the organisations list
// read a few hundred rows whatever the length of the history. See docs/decisions/0017.
// Only the triggers write these tables (the server moves the one day of outstanding_action_cutoff);
// tests/integration/counts-recount.test.ts proves they equal a recount.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Outstanding actions (open, in progress) of unarchived engagements, counted by every register filter
 * that is not time-dependent. Each action counts once under theme 0 and once under each theme of its
 * engagement; once under person 0 and once under each distinct person it concerns (its owner, the
 * engagement's lead and recorder: the "mine" of the register). Nulls are stored as 0, so that they
 * take part in the key. `dated`: 0 without a due date; with one, 1 if it falls due on or after the day in
 * outstanding_action_cutoff, 2 if before it (overdue as of that day): the register's overdue counts under any filter
 * are a sum of the counters, however many actions are left overdue (docs/decisions/0037).
 */
export const outstandingActionCounts = sqliteTable(
  "outstanding_action_counts",
  {
    themeId: integer("theme_id").notNull(),
    personId: integer("person_id").notNull(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    ownerUserId: integer("owner_user_id").notNull(),
    ownerType: text("owner_type").notNull(),
    organisationId: integer("organisation_id").notNull(),
    dated: integer("dated").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.themeId, t.personId, t.kind, t.status, t.ownerUserId, t.ownerType, t.organisationId, t.dated] }),
    // The same with n: a slice (one theme, one person) is read from the index alone, in order, without a lookup per row.
    index("outstanding_action_counts_slice_idx").on(
      t.themeId,
      t.personId,
      t.kind,
      t.status,
      t.ownerUserId,
      t.ownerType,
      t.organisationId,
      t.dated,
      t.n,
    ),
  ],
);

/**
 * The one day (YYYY-MM-DD) that splits the dated counters into due from that day on (1) and overdue (2). Moved to
 * today by the server at start and hourly; a trigger on it moves the counts of the actions due in between. A reader
 * whose today differs counts only the actions due between the two days (app/models/action-register.server.ts).
 */
export const outstandingActionCutoff = sqliteTable(
  "outstanding_action_cutoff",
  {
    id: integer("id").primaryKey(),
    day: text("day").notNull(),
  },
  (t) => [check("outstanding_action_cutoff_one_row", sql`${t.id} = 1`)],
);

/**
 * outstanding_action_counts summed per theme slice, person and class of due date (its `dated`), kept by triggers on
 * that table: the register's theme choices when no other filter is set, without summing every theme's slice.
 */
export const outstandingActionThemeCounts = sqliteTable(
  "outstanding_action_theme_counts",
  {
    themeId: integer("theme_id").notNull(),
    personId: integer("person_id").notNull(),
    dated: integer("dated").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.themeId, t.personId, t.dated] })],
);

/**
 * The whole-office slice of outstanding_action_counts (theme 0) summed one filter at a time, per person (0: everyone)
 * and class of due date (its `dated`), kept by triggers on that table: facet "kind", "status", "owner" (a staff id, or
 * "office" / "stakeholder" when no one is named) and "organisation" (an id, "0" for none). The dashboard, coverage and
 * the register without filters read these few hundred rows instead of grouping the slice's thousands, once per facet.
 */
export const outstandingActionFacetCounts = sqliteTable(
  "outstanding_action_facet_counts",
  {
    personId: integer("person_id").notNull(),
    facet: text("facet").notNull(),
    value: text("value").notNull(),
    dated: integer("dated").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.facet, t.value, t.dated] })],
);

/**
 * The same actions with a due date, by due date, for one filter at a time: facet "all" (value ""),
 * "owner" (a staff id, "office", "stakeholder"), "mine" (a staff id), "orgKind" (a kind, "" for none),
 * "kind", "status", "organisation" (an id, "0" for none), "theme" (an id). What is overdue or due soon
 * is worked out per request from today: the rows from today on are the ones still to fall due.
 */
export const outstandingActionDueCounts = sqliteTable(
  "outstanding_action_due_counts",
  {
    facet: text("facet").notNull(),
    value: text("value").notNull(),
    dueDate: text("due_date").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.facet, t.value, t.dueDate] }),
    index("outstanding_action_due_counts_facet_due_idx").on(t.facet, t.dueDate, t.value, t.n),
  ],
);

/**
 * Every organisation link of an unarchived engagement with the engagement's status and date, so that
 * "last engaged", "next planned" and the engagements in a period are a seek per organisation.
 */
export const organisationEngagementDates = sqliteTable(
  "organisation_engagement_dates",
  {
    organisationId: integer("organisation_id").notNull(),
    status: text("status").notNull(),
    date: text("date").notNull(),
    engagementId: integer("engagement_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.status, t.date, t.engagementId] }),
    index("organisation_engagement_dates_engagement_idx").on(t.engagementId),
  ],
);

/**
 * organisation_engagement_dates counted per organisation, status and month (YYYY-MM), kept by triggers on that table:
 * an organisation's engagements in a period are its whole months read here and the days of a partial first or last
 * month read there, and its engagements per year are a dozen rows a year, whatever the number of engagements.
 */
export const organisationEngagementMonthCounts = sqliteTable(
  "organisation_engagement_month_counts",
  {
    organisationId: integer("organisation_id").notNull(),
    status: text("status").notNull(),
    month: text("month").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.status, t.month] })],
);

/**
 * Engagements held or planned (not cancelled, not archived) each day: kind "" counts each engagement
 * once, an organisation kind counts the engagements with at least one organisation of that kind.
 */
export const engagementDayCounts = sqliteTable(
  "engagement_day_counts",
  {
    date: text("date").notNull(),
    kind: text("kind").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.date, t.kind] })],
);

/**
 * engagement_day_counts summed per month (YYYY-MM), kept by triggers on that table: the dashboard's twelve months
 * are eleven whole months read here and the current month's days up to today read there.
 */
export const engagementMonthCounts = sqliteTable(
  "engagement_month_counts",
  {
    month: text("month").notNull(),
    kind: text("kind").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.kind] })],
);

// ---- the report builder's statistics (docs/decisions/0030) ----------------------------------------
// Each figure is kept per day (`grain` 'd', `period` YYYY-MM-DD) and per month (`grain` 'm', `period` YYYY-MM),
// so that a period is read as its whole months plus the days of its partial first and last months.
// `org_kinds` is the sorted, comma-separated set of the kinds of the engagement's organisations ('' for none).
// Each figure is also kept under four facets, so that a request reads only the rows its filters need: facet 0
// counts every engagement kind and set of kinds together (both stored as '*'), facet 1 keeps the engagement kind
// (sets as '*'), facet 2 keeps the set of kinds (engagement kinds as '*'), facet 3 keeps both. Engagements and actions
// are counted once in `slice` 0 and again in the slice of each of the engagement's organisations (its id), there per
// month only (actions in facets 0 and 1 only), so that one organisation's whole months are read as those of all.

/** Each unarchived engagement's key in the counters below: what it is counted under, so that a change moves it. */
export const reportEngagementKeys = sqliteTable("report_engagement_keys", {
  engagementId: integer("engagement_id").primaryKey(),
  date: text("date").notNull(),
  kind: text("kind").notNull(),
  status: text("status").notNull(),
  sensitive: integer("sensitive").notNull(),
  orgKinds: text("org_kinds").notNull(),
});

/** Unarchived engagements by date, kind, set of kinds of organisation, status and marking (sensitive 1 or 0). */
export const reportEngagementCounts = sqliteTable(
  "report_engagement_counts",
  {
    grain: text("grain").notNull(),
    facet: integer("facet").notNull(),
    slice: integer("slice").notNull(),
    period: text("period").notNull(),
    kind: text("kind").notNull(),
    orgKinds: text("org_kinds").notNull(),
    status: text("status").notNull(),
    sensitive: integer("sensitive").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.facet, t.slice, t.period, t.kind, t.orgKinds, t.status, t.sensitive] }),
    // The same with n: a period is read from the index alone.
    index("report_engagement_counts_period_idx").on(t.grain, t.facet, t.slice, t.period, t.kind, t.orgKinds, t.status, t.sensitive, t.n),
  ],
);

/**
 * The actions of unarchived engagements by their engagement's date, kind and set of kinds of organisation, and by
 * kind and outcome ('done', 'dropped', 'outstanding'). `due_date` is kept for outstanding actions only ('' otherwise,
 * or when none): what is overdue is worked out per request from today.
 */
export const reportActionCounts = sqliteTable(
  "report_action_counts",
  {
    grain: text("grain").notNull(),
    facet: integer("facet").notNull(),
    slice: integer("slice").notNull(),
    period: text("period").notNull(),
    engagementKind: text("engagement_kind").notNull(),
    orgKinds: text("org_kinds").notNull(),
    actionKind: text("action_kind").notNull(),
    outcome: text("outcome").notNull(),
    dueDate: text("due_date").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.facet, t.slice, t.period, t.engagementKind, t.orgKinds, t.actionKind, t.outcome, t.dueDate] }),
    index("report_action_counts_period_idx").on(
      t.grain,
      t.facet,
      t.slice,
      t.period,
      t.engagementKind,
      t.orgKinds,
      t.actionKind,
      t.outcome,
      t.dueDate,
      t.n,
    ),
  ],
);

/** The organisation links of unarchived engagements by organisation, the engagement's date, kind and set of kinds of organisation. */
export const reportOrganisationCounts = sqliteTable(
  "report_organisation_counts",
  {
    grain: text("grain").notNull(),
    facet: integer("facet").notNull(),
    organisationId: integer("organisation_id").notNull(),
    period: text("period").notNull(),
    engagementKind: text("engagement_kind").notNull(),
    orgKinds: text("org_kinds").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.grain, t.facet, t.organisationId, t.period, t.engagementKind, t.orgKinds] }),
    // Per organisation, its period read from the index alone, and its last day one backward seek.
    index("report_organisation_counts_period_idx").on(t.grain, t.facet, t.organisationId, t.period, t.engagementKind, t.orgKinds, t.n),
  ],
);
