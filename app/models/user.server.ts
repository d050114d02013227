import { and, asc, count, eq, ne } from "drizzle-orm";
import { createOnce } from "./create-keys.server";
import { db, writeTransaction, type Tx } from "~db/connection";
import { sessions, users, type Role } from "~db/schema";
import { hashPassword, verifyPassword } from "~/models/password.server";
import { diffFields, nowIso, recordAudit, type Actor } from "./audit.server";
import { atVersion, NotFoundError, RuleError } from "./errors";

export type User = typeof users.$inferSelect;
/** What the app may show about a user: never the password hash. */
export type PublicUser = Omit<User, "passwordHash">;

function toPublic({ passwordHash: _omit, ...user }: User): PublicUser {
  return user;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function countUsers(): number {
  return db().select({ n: count() }).from(users).get()?.n ?? 0;
}

export function getUserById(id: number): PublicUser | undefined {
  const row = db().select().from(users).where(eq(users.id, id)).get();
  return row ? toPublic(row) : undefined;
}

export function listUsers(): PublicUser[] {
  return db().select().from(users).orderBy(asc(users.name)).all().map(toPublic);
}

export type NewUser = { email: string; name: string; role: Role; password: string; isDemo?: boolean };

export async function createUser({
  input,
  actor,
  createKey,
}: {
  input: NewUser;
  actor: Actor | null;
  /** The form's one-time key: a second post with it lands on the account the first created. */
  createKey?: string | null;
}): Promise<PublicUser> {
  const passwordHash = await hashPassword(input.password);
  const email = normaliseEmail(input.email);
  return writeTransaction(
    (tx) =>
      createOnce(
        tx,
        { key: createKey, userId: actor?.id, entityType: "user" },
        {
          find: (id) => {
            const row = tx.select().from(users).where(eq(users.id, id)).get();
            return row ? toPublic(row) : undefined;
          },
          create: () => createUserIn(tx, { input, actor, email, passwordHash }),
        },
      ).record,
  );
}

function createUserIn(
  tx: Tx,
  { input, actor, email, passwordHash }: { input: NewUser; actor: Actor | null; email: string; passwordHash: string },
): PublicUser {
  const existing = tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  if (existing) throw new RuleError("email", "An account with this email address already exists");
  const row = tx
    .insert(users)
    .values({ email, name: input.name.trim(), role: input.role, passwordHash, isDemo: input.isDemo ?? false })
    .returning()
    .get();
  recordAudit(tx, {
    actor,
    action: "create",
    entityType: "user",
    entityId: row.id,
    summary: `Account created for ${row.email} (${row.role})`,
    after: { email: row.email, name: row.name, role: row.role },
  });
  return toPublic(row);
}

/** What a change to an account is checked against: a conflict shows the account without its secrets. */
const ACCOUNT = { what: "User", thing: "this account", shown: toPublic };

export type UserChanges = { email: string; name: string; role: Role };

export function updateUser({
  id,
  version: expectedVersion,
  changes,
  actor,
}: {
  id: number;
  version: number;
  changes: UserChanges;
  actor: Actor;
}): Promise<PublicUser> {
  return writeTransaction((tx) => {
    const current = atVersion(tx.select().from(users).where(eq(users.id, id)).get(), expectedVersion, ACCOUNT);
    const next = { email: normaliseEmail(changes.email), name: changes.name.trim(), role: changes.role };
    if (next.email !== current.email) {
      const clash = tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, next.email), ne(users.id, id)))
        .get();
      if (clash) throw new RuleError("email", "An account with this email address already exists");
    }
    if (current.id === actor.id && next.role !== "admin") throw new RuleError("role", "You cannot remove your own admin role");
    const diff = diffFields(current, next);
    const row = tx
      .update(users)
      .set({ ...next, updatedAt: nowIso(), version: current.version + 1 })
      .where(and(eq(users.id, id), eq(users.version, expectedVersion)))
      .returning()
      .get();
    if (diff) {
      // A role change takes effect at once: end the person's sessions so no stale rights linger.
      if (diff.after.role) tx.delete(sessions).where(eq(sessions.userId, id)).run();
      recordAudit(tx, {
        actor,
        action: "update",
        entityType: "user",
        entityId: id,
        summary: `Account ${row.email} updated${diff.after.role ? `; role changed from ${current.role} to ${row.role}, so their sessions ended` : ""}`,
        ...diff,
      });
    }
    return toPublic(row);
  });
}

export function setUserActive({
  id,
  version: expectedVersion,
  active,
  actor,
}: {
  id: number;
  version: number;
  active: boolean;
  actor: Actor;
}): Promise<PublicUser> {
  return writeTransaction((tx) => {
    const current = atVersion(tx.select().from(users).where(eq(users.id, id)).get(), expectedVersion, ACCOUNT);
    if (!active && current.id === actor.id) throw new RuleError("account", "You cannot deactivate your own account");
    if (active === (current.deactivatedAt == null))
      throw new RuleError("account", active ? "This account is already active" : "This account is already deactivated");
    const deactivatedAt = active ? null : nowIso();
    const row = tx
      .update(users)
      .set({ deactivatedAt, updatedAt: nowIso(), version: current.version + 1 })
      .where(eq(users.id, id))
      .returning()
      .get();
    if (!active) tx.delete(sessions).where(eq(sessions.userId, id)).run();
    recordAudit(tx, {
      actor,
      action: active ? "reactivate" : "deactivate",
      entityType: "user",
      entityId: id,
      summary: `Account ${row.email} ${active ? "reactivated" : "deactivated; its sessions ended"}`,
      before: { deactivatedAt: current.deactivatedAt },
      after: { deactivatedAt },
    });
    return toPublic(row);
  });
}

export async function resetPassword({ id, password, actor }: { id: number; password: string; actor: Actor }): Promise<void> {
  const passwordHash = await hashPassword(password);
  await writeTransaction((tx) => {
    const current = tx.select().from(users).where(eq(users.id, id)).get();
    if (!current) throw new NotFoundError("User");
    tx.update(users)
      .set({ passwordHash, updatedAt: nowIso(), version: current.version + 1 })
      .where(eq(users.id, id))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, id)).run();
    recordAudit(tx, {
      actor,
      action: "reset_password",
      entityType: "user",
      entityId: id,
      summary: `Password reset for ${current.email}; their sessions ended`,
    });
  });
}

/**
 * A person changes their own password: the current one must be right (a wrong one is audited and changes nothing).
 * Every session of theirs ends, this one included: the caller starts a fresh one.
 */
export async function changeOwnPassword({
  currentPassword,
  newPassword,
  actor,
}: {
  currentPassword: string;
  newPassword: string;
  actor: Actor;
}): Promise<void> {
  const stored = db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id)).get();
  if (!stored) throw new NotFoundError("User");
  if (!(await verifyPassword(currentPassword, stored.passwordHash))) {
    await writeTransaction((tx) =>
      recordAudit(tx, {
        actor,
        action: "change_password_refused",
        entityType: "user",
        entityId: actor.id,
        summary: "Password not changed: the current password was wrong",
      }),
    );
    throw new RuleError("currentPassword", "Your current password is not right");
  }
  const passwordHash = await hashPassword(newPassword);
  await writeTransaction((tx) => {
    const current = tx.select().from(users).where(eq(users.id, actor.id)).get();
    if (!current) throw new NotFoundError("User");
    tx.update(users)
      .set({ passwordHash, updatedAt: nowIso(), version: current.version + 1 })
      .where(eq(users.id, actor.id))
      .run();
    tx.delete(sessions).where(eq(sessions.userId, actor.id)).run();
    recordAudit(tx, {
      actor,
      action: "change_password",
      entityType: "user",
      entityId: actor.id,
      summary: "Changed their own password; their other sessions ended",
    });
  });
}
