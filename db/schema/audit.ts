import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

// Append-only. Written by the models in the same transaction as the change it records.
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: text("at").notNull(),
    actorUserId: integer("actor_user_id"), // no FK: the trail outlives accounts
    actorEmail: text("actor_email"), // as it was at the time
    action: text("action").notNull(), // create, update, archive, restore, delete, sign_in, sign_in_failed, sign_out, denied, export, ...
    entityType: text("entity_type"), // organisation, contact, user, engagement, action, session, report, ...
    entityId: text("entity_id"),
    summary: text("summary").notNull(),
    before: text("before"), // JSON of the changed fields before
    after: text("after"), // JSON of the changed fields after
    ip: text("ip"),
  },
  (t) => [
    // An entity's own history (an organisation's, an engagement's), newest first.
    index("audit_entity_idx").on(t.entityType, t.entityId, t.id),
    // The admin's trail browser: filters by actor and action, newest first by id.
    index("audit_actor_idx").on(t.actorUserId, t.id),
    index("audit_action_idx").on(t.action, t.id),
    index("audit_at_idx").on(t.at),
  ],
);
