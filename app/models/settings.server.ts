import { sql } from "drizzle-orm";
import { db, writeTransaction, type Db, type Tx } from "~db/connection";
import { settings } from "~db/schema";
import { nowIso, recordAudit, type Actor } from "./audit.server";
import { preparedStatement } from "./prepared-statements.server";
import { RuleError } from "./errors";

/**
 * The office-wide sign-in settings an admin can change. `requireSecondFactor` may also be forced on by the
 * environment (REQUIRE_MFA=true): the caller passes that in, because models do not read the environment.
 */
export type SecuritySettings = { requireSecondFactor: boolean; passwordSignIn: boolean };

const DEFAULTS: SecuritySettings = { requireSecondFactor: false, passwordSignIn: true };

const LABELS: Record<keyof SecuritySettings, string> = {
  requireSecondFactor: "Require a second factor",
  passwordSignIn: "Password sign-in",
};

const SETTINGS_ROWS = "SELECT key, value FROM settings";

function storedSettings(database: Tx | Db = db()): Partial<SecuritySettings> {
  // Read on every signed-in request: on the process's connection from a statement prepared once (0025); inside a
  // caller's transaction, through it.
  const rows = (database === db() ? preparedStatement(SETTINGS_ROWS).all() : database.all(sql.raw(SETTINGS_ROWS))) as {
    key: string;
    value: string;
  }[];
  const stored: Partial<SecuritySettings> = {};
  for (const row of rows) {
    if (!(row.key in DEFAULTS)) continue;
    try {
      const value: unknown = JSON.parse(row.value);
      if (typeof value === "boolean") stored[row.key as keyof SecuritySettings] = value;
    } catch {
      // A hand-edited row that is not JSON falls back to the default.
    }
  }
  return stored;
}

/**
 * The settings in force: the stored ones over the defaults, with a second factor also required when the environment
 * requires it. Pass `database` to read inside a caller's transaction.
 */
export function readSecuritySettings({
  database = db(),
  requireSecondFactorByEnvironment = false,
}: { database?: Tx | Db; requireSecondFactorByEnvironment?: boolean } = {}): SecuritySettings & {
  requireSecondFactorByEnvironment: boolean;
} {
  const current = { ...DEFAULTS, ...storedSettings(database) };
  return {
    ...current,
    requireSecondFactor: current.requireSecondFactor || requireSecondFactorByEnvironment,
    requireSecondFactorByEnvironment,
  };
}

/**
 * Change some settings; each change is audited in the same transaction. Returns the settings as stored.
 * Password sign-in may be switched off only while office sign-in is configured (`officeSignInConfigured`, which
 * the caller reads from the environment); otherwise nothing changes, the refusal is audited and a RuleError thrown.
 */
export async function updateSecuritySettings({
  changes,
  actor,
  officeSignInConfigured = false,
}: {
  changes: Partial<SecuritySettings>;
  actor: Actor;
  officeSignInConfigured?: boolean;
}): Promise<SecuritySettings> {
  const result = await writeTransaction((tx) => {
    const before = { ...DEFAULTS, ...storedSettings(tx) };
    if (changes.passwordSignIn === false && before.passwordSignIn && !officeSignInConfigured) {
      recordAudit(tx, {
        actor,
        action: "update_refused",
        entityType: "setting",
        entityId: "passwordSignIn",
        summary: "Password sign-in not turned off: office sign-in is not configured, so no one could sign in",
      });
      return undefined;
    }
    const at = nowIso();
    for (const key of Object.keys(changes) as (keyof SecuritySettings)[]) {
      const value = changes[key];
      if (typeof value !== "boolean" || value === before[key]) continue;
      tx.insert(settings)
        .values({ key, value: JSON.stringify(value), updatedAt: at, updatedByUserId: actor.id })
        .onConflictDoUpdate({ target: settings.key, set: { value: JSON.stringify(value), updatedAt: at, updatedByUserId: actor.id } })
        .run();
      recordAudit(tx, {
        actor,
        action: "update",
        entityType: "setting",
        entityId: key,
        summary: `${LABELS[key]} turned ${value ? "on" : "off"}`,
        before: { [key]: before[key] },
        after: { [key]: value },
      });
    }
    return { ...DEFAULTS, ...storedSettings(tx) };
  });
  if (!result) {
    throw new RuleError("passwordSignIn", "Password sign-in cannot be turned off until office sign-in is configured (OIDC_ISSUER)");
  }
  return result;
}
