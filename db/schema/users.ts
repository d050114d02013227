import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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
    expiresAt: text("expires_at").notNull(),
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
