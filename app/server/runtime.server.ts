// What the production server (server.ts) needs from the app, reached through the Remix build
// (`build.entry.module.runtime`), so that the server and the routes share one copy of every module and
// one database connection.
import { issueSetupToken } from "~/models/auth.server";
import { backupDatabase } from "~/models/backup.server";
import { databaseAnswers } from "~/models/health.server";
import { purgeExpiredRecords } from "~/models/housekeeping.server";
import { moveOverdueCutoff } from "~/models/outstanding-counts.server";
import { todayInUk } from "~/domain/dates";
import {
  checkpointAndClose,
  prepareDatabase,
  recordCrossSiteRefusal,
  removeServerPidFile,
  writeServerPidFile,
} from "~/models/maintenance.server";
import {
  backupDirSetting,
  checkSettings,
  databasePathSetting,
  sessionIdleMinutesSetting,
  sessionSecretFile,
  SettingsError,
} from "./env.server";
import { officeSignInFormActionOrigins } from "./office-sign-in.server";
import { discoveryPatches, routeIdsReachedFrom } from "./render-manifest.server";

/** Requests whose loader or action failed because the database could not be written: answered 503. */
const unavailable = new WeakSet<Request>();

export function markDatabaseUnavailable(request: Request): void {
  unavailable.add(request);
}

export function wasDatabaseUnavailable(request: Request): boolean {
  return unavailable.has(request);
}

export const runtime = {
  checkSettings,
  SettingsError,
  databasePathSetting,
  sessionSecretFile,
  backupDirSetting,
  prepareDatabase,
  issueSetupToken,
  purgeExpiredRecords: () => purgeExpiredRecords({ sessionIdleMinutes: sessionIdleMinutesSetting() }),
  moveOverdueCutoff: () => moveOverdueCutoff(todayInUk()),
  backupDatabase,
  checkpointAndClose,
  writeServerPidFile,
  removeServerPidFile,
  recordCrossSiteRefusal,
  databaseAnswers,
  officeSignInFormActionOrigins,
  discoveryPatches,
  routeIdsReachedFrom,
};

export type ServerRuntime = typeof runtime;
