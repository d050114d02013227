import { db, writeTransaction } from "~db/connection";
import { settings } from "~db/schema";
import { nowIso, recordAudit, type Actor } from "./audit.server";

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

function storedSettings(): Partial<SecuritySettings> {
  const rows = db().select().from(settings).all();
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

export function readSecuritySettings({ requireSecondFactorByEnvironment = false } = {}): SecuritySettings & {
  requireSecondFactorByEnvironment: boolean;
} {
  const current = { ...DEFAULTS, ...storedSettings() };
  return {
    ...current,
    requireSecondFactor: current.requireSecondFactor || requireSecondFactorByEnvironment,
    requireSecondFactorByEnvironment,
  };
}

/** Change some settings; each change is audited in the same transaction. Returns the settings as stored. */
export async function updateSecuritySettings({
  changes,
  actor,
}: {
  changes: Partial<SecuritySettings>;
  actor: Actor;
}): Promise<SecuritySettings> {
  return writeTransaction((tx) => {
    const before = { ...DEFAULTS, ...storedSettings() };
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
    return { ...DEFAULTS, ...storedSettings() };
  });
}
