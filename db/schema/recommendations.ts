import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { MARKINGS } from "../../app/domain/enums";
import { ADDRESSEE_GROUPS, RECOMMENDATION_KINDS, TAKE_UP_STATUSES } from "../../app/domain/recommendations";
import { timestamps, version } from "./columns";
import { actions, agendaItems, engagements } from "./engagements";
import { organisations } from "./organisations";
import { users } from "./users";

export {
  ADDRESSEE_GROUPS,
  RECOMMENDATION_KINDS,
  TAKE_UP_STATUSES,
  type AddresseeGroup,
  type RecommendationKind,
  type TakeUpStatus,
} from "../../app/domain/recommendations";

// An inspection or review whose recommendations the office follows up.
export const inspectionReports = sqliteTable(
  "inspection_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    publisherId: integer("publisher_id")
      .notNull()
      .references(() => organisations.id),
    publishedOn: text("published_on").notNull(), // YYYY-MM-DD
    link: text("link"),
    marking: text("marking", { enum: MARKINGS }).notNull().default("OFFICIAL"),
    summary: text("summary"),
    // A report about one force: its local policing body's statutory response is due 56 days after publication.
    subjectForceId: integer("subject_force_id").references(() => organisations.id),
    responseReceivedOn: text("response_received_on"),
    createdById: integer("created_by_id").references(() => users.id),
    archivedAt: text("archived_at"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
    ...version,
  },
  (t) => [
    // The reports list, newest first.
    index("inspection_reports_published_idx").on(t.publishedOn, t.id),
    index("inspection_reports_publisher_idx").on(t.publisherId),
  ],
);

export const recommendations = sqliteTable(
  "recommendations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => inspectionReports.id),
    number: text("number").notNull(), // as printed: "3", "R7", "AFI 2"
    position: integer("position").notNull(),
    text: text("text").notNull(),
    kind: text("kind", { enum: RECOMMENDATION_KINDS }).notNull(),
    dueOn: text("due_on"), // YYYY-MM-DD: the date to be met by
    archivedAt: text("archived_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    // A number appears once in a report ("r7" is "R7"); an archived one keeps its number.
    uniqueIndex("recommendations_report_number_unique").on(t.reportId, sql`lower(${t.number})`),
    index("recommendations_report_position_idx").on(t.reportId, t.position),
  ],
);

// One body a recommendation is addressed to, and where that body stands with it (its take-up).
export const recommendationAddressees = sqliteTable(
  "recommendation_addressees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
    // The group it was chosen through ("All 43 territorial forces"), expanded once when saved.
    viaGroup: text("via_group", { enum: ADDRESSEE_GROUPS }),
    status: text("status", { enum: TAKE_UP_STATUSES }).notNull().default("not_known"),
    statusOn: text("status_on"), // YYYY-MM-DD: the date of the latest status
    source: text("source"),
    note: text("note"),
    // A body taken off the recommendation: its take-up and history are kept, it leaves the lists and counts.
    archivedAt: text("archived_at"),
    ...timestamps,
    ...version,
  },
  (t) => [
    uniqueIndex("recommendation_addressees_unique").on(t.recommendationId, t.organisationId),
    // An organisation's recommendations; the list's body and status filters.
    index("recommendation_addressees_org_idx").on(t.organisationId, t.status),
    index("recommendation_addressees_status_idx").on(t.status),
  ],
);

// Every change of a take-up's status, shown as its history on the take-up page (the audit trail has it too,
// but only admins read that, and people following a recommendation need to see how it moved).
export const takeUpChanges = sqliteTable(
  "take_up_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    addresseeId: integer("addressee_id")
      .notNull()
      .references(() => recommendationAddressees.id),
    // What happened: a status recorded, or the body taken off the recommendation or put back (the status kept).
    change: text("change", { enum: ["status", "removed", "restored"] })
      .notNull()
      .default("status"),
    status: text("status", { enum: TAKE_UP_STATUSES }).notNull(),
    statusOn: text("status_on"),
    source: text("source"),
    note: text("note"),
    changedAt: text("changed_at").notNull(),
    changedById: integer("changed_by_id").references(() => users.id),
  },
  (t) => [index("take_up_changes_addressee_idx").on(t.addresseeId, t.id)],
);

// An agenda item, commitment or follow-up that names a recommendation: the evidence of the meetings that moved it.
// Exactly one of agendaItemId and actionId is set; engagementId is kept on the row so "discussed at" reads one index.
export const recommendationLinks = sqliteTable(
  "recommendation_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recommendationId: integer("recommendation_id")
      .notNull()
      .references(() => recommendations.id),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "cascade" }),
    actionId: integer("action_id").references(() => actions.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
  },
  (t) => [
    // A recommendation's "discussed at", newest engagement first (joined to engagements by id).
    index("recommendation_links_recommendation_idx").on(t.recommendationId, t.engagementId),
    // An engagement's page and form read its links.
    index("recommendation_links_engagement_idx").on(t.engagementId),
    // Deleting an agenda item or action removes its links (ON DELETE CASCADE needs these).
    index("recommendation_links_agenda_item_idx").on(t.agendaItemId),
    index("recommendation_links_action_idx").on(t.actionId),
  ],
);
