import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ROLES } from "../../app/domain/enums";
import { timestamps, version } from "./columns";

export { ROLES, type Role } from "../../app/domain/enums";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(), // stored lower-cased
    name: text("name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    deactivatedAt: text("deactivated_at"),
    // True for accounts made by the demo-data generator, so it can tell demo from real data.
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    ...timestamps,
    ...version,
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

// Database-backed sessions so that an admin can revoke them. The id is the
// SHA-256 of the cookie token: a leaked database row cannot be replayed.
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    // The absolute end; the idle end is lastSeenAt plus SESSION_IDLE_MINUTES.
    expiresAt: text("expires_at").notNull(),
    // Written at most once a minute per session, not on every request.
    lastSeenAt: text("last_seen_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  // Revoking all of a user's sessions on deactivation.
  (t) => [index("sessions_user_idx").on(t.userId)],
);

// Failed sign-ins by key ("email:x" or "ip:y"), pruned as they age; serves the throttle.
export const signInFailures = sqliteTable(
  "sign_in_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    failedAt: text("failed_at").notNull(),
  },
  (t) => [index("sign_in_failures_key_idx").on(t.key, t.failedAt)],
);

// Addresses an account has signed in from with its password: the throttle keeps the account's ceiling
// off these, so someone hammering the account from elsewhere does not lock its holder out.
export const knownSignInAddresses = sqliteTable(
  "known_sign_in_addresses",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ip: text("ip").notNull(),
    lastSignInAt: text("last_sign_in_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);

// One-time keys carried by create forms: a repeated post with the same key finds the record the first made.
// Purged after a day by housekeeping.
export const createKeys = sqliteTable(
  "create_keys",
  {
    key: text("key").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    entityType: text("entity_type").notNull(),
    entityId: integer("entity_id").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.entityType, t.key] }), index("create_keys_created_idx").on(t.createdAt)],
);

// One-time link printed on first start to create the first admin. Stored hashed.
export const setupTokens = sqliteTable("setup_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  createdAt: text("created_at").notNull(),
  usedAt: text("used_at"),
});

// Office-wide settings an admin changes on the security page, one row per key (absent = the default).
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(), // JSON
  updatedAt: text("updated_at").notNull(),
  updatedByUserId: integer("updated_by_user_id"),
});
