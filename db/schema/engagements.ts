import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { timestamps, version } from "./columns";
import { contacts, organisations } from "./organisations";
import { users } from "./users";

import {
  ACTION_KINDS,
  ACTION_OWNER_TYPES,
  ACTION_STATUSES,
  ATTENDEE_SIDES,
  ENGAGEMENT_FORMATS,
  ENGAGEMENT_KINDS,
  ENGAGEMENT_STATUSES,
  MARKINGS,
} from "../../app/domain/enums";

export * from "../../app/domain/enums";

export const themes = sqliteTable(
  "themes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    createdAt: text("created_at").notNull(),
    // An archived theme stays on the engagements that have it but is no longer offered for new ones.
    archivedAt: text("archived_at"),
  },
  // Theme names are unique regardless of case ("Prosecutions" = "prosecutions").
  (t) => [uniqueIndex("themes_name_unique").on(sql`lower(${t.name})`)],
);

export const engagements = sqliteTable(
  "engagements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    kind: text("kind", { enum: ENGAGEMENT_KINDS }).notNull(),
    status: text("status", { enum: ENGAGEMENT_STATUSES }).notNull(),
    date: text("date").notNull(), // YYYY-MM-DD, local (UK) date
    startTime: text("start_time"), // HH:MM
    endTime: text("end_time"), // HH:MM
    format: text("format", { enum: ENGAGEMENT_FORMATS }),
    location: text("location"),
    country: text("country"),
    purpose: text("purpose"),
    summary: text("summary"),
    marking: text("marking", { enum: MARKINGS }).notNull().default("OFFICIAL"),
    leadUserId: integer("lead_user_id").references(() => users.id),
    createdById: integer("created_by_id").references(() => users.id),
    archivedAt: text("archived_at"),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
    ...version,
  },
  (t) => [
    // Keyset pagination of the list, newest first: (date, id).
    index("engagements_date_id_idx").on(t.date, t.id),
    // The same for unarchived engagements only (what lists and counts show), so counting them reads
    // a compact index instead of every row.
    index("engagements_live_date_idx")
      .on(t.date, t.id)
      .where(sql`${t.archivedAt} is null`),
    // The archived ones (few): counts over many actions leave out those of archived engagements by looking in
    // this small list, instead of looking up each action's engagement.
    index("engagements_archived_idx")
      .on(t.id)
      .where(sql`${t.archivedAt} is not null`),
    index("engagements_status_date_idx").on(t.status, t.date),
    index("engagements_kind_date_idx").on(t.kind, t.date),
    index("engagements_lead_idx").on(t.leadUserId),
  ],
);

export const engagementOrganisations = sqliteTable(
  "engagement_organisations",
  {
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.engagementId, t.organisationId] }),
    // An organisation's timeline and last-engaged date.
    index("engagement_organisations_org_idx").on(t.organisationId, t.engagementId),
  ],
);

export const engagementThemes = sqliteTable(
  "engagement_themes",
  {
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id),
    themeId: integer("theme_id")
      .notNull()
      .references(() => themes.id),
  },
  (t) => [primaryKey({ columns: [t.engagementId, t.themeId] }), index("engagement_themes_theme_idx").on(t.themeId, t.engagementId)],
);

export const attendees = sqliteTable(
  "attendees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id),
    position: integer("position").notNull(),
    // Exactly one of userId, contactId, name identifies the attendee.
    userId: integer("user_id").references(() => users.id),
    contactId: integer("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    name: text("name"),
    roleTitle: text("role_title"),
    side: text("side", { enum: ATTENDEE_SIDES }).notNull(),
  },
  (t) => [
    index("attendees_engagement_idx").on(t.engagementId, t.position),
    // Erasing a contact finds the engagements they attended (and the foreign key's ON DELETE needs it).
    index("attendees_contact_idx").on(t.contactId),
  ],
);

export const agendaItems = sqliteTable(
  "agenda_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    notes: text("notes"),
    outcome: text("outcome"),
  },
  (t) => [index("agenda_items_engagement_idx").on(t.engagementId, t.position)],
);

// Commitments and follow-ups share one register (managers review them together).
export const actions = sqliteTable(
  "actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    engagementId: integer("engagement_id")
      .notNull()
      .references(() => engagements.id),
    kind: text("kind", { enum: ACTION_KINDS }).notNull(),
    description: text("description").notNull(),
    organisationId: integer("organisation_id").references(() => organisations.id),
    ownerType: text("owner_type", { enum: ACTION_OWNER_TYPES }).notNull(),
    ownerUserId: integer("owner_user_id").references(() => users.id),
    // A named person on the stakeholder's side, where known.
    ownerName: text("owner_name"),
    dueDate: text("due_date"), // YYYY-MM-DD
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    closingNote: text("closing_note"),
    closedAt: text("closed_at"),
    closedById: integer("closed_by_id").references(() => users.id),
    agendaItemId: integer("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    // A follow-up resolved by a later engagement: the chain between meetings.
    resolvedByEngagementId: integer("resolved_by_engagement_id").references((): AnySQLiteColumn => engagements.id),
    position: integer("position").notNull().default(0),
    ...timestamps,
    ...version,
  },
  (t) => [
    // The register: outstanding actions by due date, keyset on (due_date, id).
    index("actions_status_due_idx").on(t.status, t.dueDate, t.id),
    // The outstanding actions only, in register order, with what the register's words and counts read: a search
    // for words and the counts of what falls due read this small index, not each action's row. A query uses it
    // only when it says `status IN ('open', 'in_progress')` word for word (docs/decisions/0031).
    index("actions_outstanding_idx")
      .on(t.status, t.dueDate, t.id, t.kind, t.ownerUserId, t.ownerType, t.organisationId, t.engagementId, t.description, t.ownerName)
      .where(sql`status IN ('open', 'in_progress')`),
    index("actions_owner_status_due_idx").on(t.ownerUserId, t.status, t.dueDate),
    index("actions_org_status_due_idx").on(t.organisationId, t.status, t.dueDate),
    index("actions_engagement_idx").on(t.engagementId, t.kind, t.position),
    index("actions_resolved_by_idx").on(t.resolvedByEngagementId),
    // Removing an agenda item unlinks the commitments that came from it (ON DELETE SET NULL).
    index("actions_agenda_item_idx").on(t.agendaItemId),
  ],
);
