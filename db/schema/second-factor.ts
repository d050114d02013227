import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

// A person's authenticator app (TOTP). One per person; `confirmedAt` is null while they are setting it up
// (the secret exists, no code has proved it yet). The secret is AES-256-GCM encrypted with a key derived from
// the session secret (docs/decisions/0010-second-factor.md).
export const totpFactors = sqliteTable("totp_factors", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEncrypted: text("secret_encrypted").notNull(),
  createdAt: text("created_at").notNull(),
  confirmedAt: text("confirmed_at"),
  // The 30-second step of the last accepted code: a code is accepted only for a later step, so none is replayed.
  lastUsedStep: integer("last_used_step"),
});

// Ten single-use codes for when the app or passkey is lost. Stored as SHA-256: they are random (50 bits).
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: text("created_at").notNull(),
    usedAt: text("used_at"),
  },
  // Checking a code: the person's unused codes.
  (t) => [index("recovery_codes_user_idx").on(t.userId, t.codeHash)],
);

// Passkeys (WebAuthn credentials), several per person, each named by them.
export const passkeys = sqliteTable(
  "passkeys",
  {
    credentialId: text("credential_id").primaryKey(), // base64url, as the browser sends it
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    publicKey: text("public_key").notNull(), // base64url of the COSE key
    counter: integer("counter").notNull().default(0),
    transports: text("transports"), // JSON array
    createdAt: text("created_at").notNull(),
    lastUsedAt: text("last_used_at"),
  },
  // Listing a person's passkeys and offering them at sign-in.
  (t) => [index("passkeys_user_idx").on(t.userId)],
);

// The challenge of a WebAuthn ceremony in progress, one per person and purpose, consumed when checked.
export const webauthnChallenges = sqliteTable(
  "webauthn_challenges",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["register", "authenticate"] }).notNull(),
    challenge: text("challenge").notNull(),
    expiresAt: text("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.purpose] })],
);

// A sign-in whose password was right and whose second factor is awaited: no session yet. The id is the
// SHA-256 of the cookie token, as for sessions.
export const pendingSignIns = sqliteTable(
  "pending_sign_ins",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: text("created_at").notNull(),
    expiresAt: text("expires_at").notNull(),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    redirectTo: text("redirect_to").notNull().default("/"),
    ip: text("ip"),
  },
  // Ending a person's pending sign-ins on a reset; purging expired ones.
  (t) => [index("pending_sign_ins_user_idx").on(t.userId), index("pending_sign_ins_expires_idx").on(t.expiresAt)],
);
