// The settings, read from the environment (and `.env`, which the server loads first), checked once at start.
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be a whole number from ${min} to ${max}`);

const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

const settingsSchema = z.object({
  NODE_ENV: z.preprocess(unsetIfEmpty, z.enum(["production", "development", "test"]).default("production")),
  PORT: z.preprocess(unsetIfEmpty, wholeNumber("PORT", 1, 65535).default(3000)),
  DATABASE_PATH: z.preprocess(unsetIfEmpty, z.string().default("data/tracker.db")),
  SESSION_SECRET: z.preprocess(
    unsetIfEmpty,
    z.string().min(32, "SESSION_SECRET must be at least 32 characters long (or unset it to have one generated)").optional(),
  ),
  // A web address, or a path on this site (the tests use one).
  QUICK_EXIT_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .refine(
        (value) => /^\/(?!\/)/.test(value) || z.url({ protocol: /^https?$/ }).safeParse(value).success,
        "QUICK_EXIT_URL must be an http(s) web address or a path starting with /",
      )
      .optional(),
  ),
  BACKUP_DIR: z.preprocess(unsetIfEmpty, z.string().optional()),
  BACKUP_KEEP: z.preprocess(unsetIfEmpty, wholeNumber("BACKUP_KEEP", 1, 10_000).default(14)),
  BACKUP_INTERVAL_HOURS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: "BACKUP_INTERVAL_HOURS must be a number of hours, like 24 or 0.5" })
      .positive("BACKUP_INTERVAL_HOURS must be more than 0 (unset it for no scheduled backups)")
      .optional(),
  ),
  SHUTDOWN_TIMEOUT_SECONDS: z.preprocess(unsetIfEmpty, wholeNumber("SHUTDOWN_TIMEOUT_SECONDS", 1, 3600).default(30)),
  // Everyone must have a second factor (as the admin setting does, but no admin can turn it off).
  REQUIRE_MFA: z.preprocess(unsetIfEmpty, z.enum(["true", "false"], { error: "REQUIRE_MFA must be true or false" }).default("false")),
});

export type Settings = z.output<typeof settingsSchema>;

/** A setting is wrong: the message is one line a person can act on. */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingsError";
  }
}

/** Parse the settings; a wrong one throws SettingsError naming it. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    const value = env[name];
    const shown = name === "SESSION_SECRET" ? "" : ` (it is ${JSON.stringify(value)})`;
    const message = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    throw new SettingsError(`${message}${shown}`);
  }
  return parsed.data;
}

/**
 * Everything the server checks before it starts: the settings, and that the database's folder and file
 * (when it exists) can be written. Returns the settings.
 */
export function checkSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const settings = readSettings(env);
  const file = path.resolve(settings.DATABASE_PATH);
  const folder = path.dirname(file);
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch {
    throw new SettingsError(`DATABASE_PATH: the folder ${folder} cannot be created or written by this user`);
  }
  if (existsSync(file)) {
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
    } catch {
      throw new SettingsError(`DATABASE_PATH: the database file ${file} is read-only or cannot be read by this user`);
    }
  }
  const backups = backupDirSetting(env);
  if (existsSync(backups)) {
    try {
      accessSync(backups, constants.W_OK);
    } catch {
      throw new SettingsError(`BACKUP_DIR: the folder ${backups} cannot be written by this user`);
    }
  }
  return settings;
}

export function isProduction(): boolean {
  return process.env.NODE_ENV === "production";
}

export function databasePathSetting(): string {
  return process.env.DATABASE_PATH || "data/tracker.db";
}

/** Where backups go: BACKUP_DIR, or `backups` beside the database (data/backups by default). */
export function backupDirSetting(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.BACKUP_DIR || path.join(path.dirname(path.resolve(env.DATABASE_PATH || "data/tracker.db")), "backups"));
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

/** REQUIRE_MFA=true: everyone must set up a second factor, whatever the admin setting says. */
export function secondFactorRequiredByEnvironment(): boolean {
  return process.env.REQUIRE_MFA === "true";
}

/** Office sign-in (OpenID Connect) is configured: OIDC_ISSUER is set. Password sign-in may be switched off only then. */
export function officeSignInConfigured(): boolean {
  return Boolean(process.env.OIDC_ISSUER?.trim());
}
