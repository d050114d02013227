import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
}

export function databasePathSetting(): string {
  return process.env.DATABASE_PATH || "data/tracker.db";
}

/** Where the generated session secret lives when SESSION_SECRET is unset: beside the database. */
export function sessionSecretFile(): string {
  return path.join(path.dirname(path.resolve(databasePathSetting())), "session-secret");
}

export function sessionSecret(): string {
  const fromEnv = process.env.SESSION_SECRET;
  if (fromEnv) return fromEnv;
  const file = sessionSecretFile();
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  throw new Error("SESSION_SECRET is not set and no generated secret exists; start the server with `npm start` first");
}

export function quickExitUrl(): string {
  return process.env.QUICK_EXIT_URL || "https://www.bbc.co.uk/weather";
}
