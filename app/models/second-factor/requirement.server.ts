import type { Db, Tx } from "~db/connection";
import { db } from "~db/connection";
import { readSecuritySettings } from "../settings.server";
import { hasSecondFactor } from "./shared.server";

/** A second factor is required of everyone: by the admin setting, or by the environment (REQUIRE_MFA, passed in). */
export function secondFactorRequired(tx: Tx | Db, requiredByEnvironment: boolean): boolean {
  return readSecuritySettings({ database: tx, requireSecondFactorByEnvironment: requiredByEnvironment }).requireSecondFactor;
}

/** The person must set up a second factor before anything else: one is required and they have none. */
export function mustSetUpSecondFactor({ userId, requiredByEnvironment }: { userId: number; requiredByEnvironment: boolean }): boolean {
  const database = db();
  return secondFactorRequired(database, requiredByEnvironment) && !hasSecondFactor(database, userId);
}
