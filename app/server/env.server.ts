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

// Sessions end after this long without a request, and this long after sign-in whatever happens.
const sessionIdleMinutes = z.preprocess(unsetIfEmpty, wholeNumber("SESSION_IDLE_MINUTES", 1, 24 * 60).default(30));
const sessionMaxHours = z.preprocess(unsetIfEmpty, wholeNumber("SESSION_MAX_HOURS", 1, 24 * 30).default(12));

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
  DATABASE_WRITE_WAIT_SECONDS: z.preprocess(unsetIfEmpty, wholeNumber("DATABASE_WRITE_WAIT_SECONDS", 1, 600).default(10)),
  SESSION_IDLE_MINUTES: sessionIdleMinutes,
  SESSION_MAX_HOURS: sessionMaxHours,
  ...officeSignInFields(),
  // Everyone must have a second factor (as the admin setting does, but no admin can turn it off).
  REQUIRE_MFA: z.preprocess(unsetIfEmpty, z.enum(["true", "false"], { error: "REQUIRE_MFA must be true or false" }).default("false")),
});

export type Settings = z.output<typeof settingsSchema>;

// ---- office sign-in (OpenID Connect) ---------------------------------------

/** An https address; plain http only on this machine (the tests' provider on 127.0.0.1). */
function isHttpsOrLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function officeSignInFields() {
  const address = (name: string) =>
    z.preprocess(
      unsetIfEmpty,
      z.string().refine(isHttpsOrLoopback, `${name} must be an https:// web address (http:// only for localhost or 127.0.0.1)`).optional(),
    );
  return {
    OIDC_ISSUER: address("OIDC_ISSUER"),
    OIDC_CLIENT_ID: z.preprocess(unsetIfEmpty, z.string().optional()),
    OIDC_CLIENT_SECRET: z.preprocess(unsetIfEmpty, z.string().optional()),
    OIDC_REDIRECT_URL: address("OIDC_REDIRECT_URL"),
    OIDC_AUTO_CREATE_DOMAIN: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .transform((value) => value.trim().toLowerCase().replace(/^@/, ""))
        .refine(
          (value) => /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(value),
          "OIDC_AUTO_CREATE_DOMAIN must be an email domain such as example.org",
        )
        .optional(),
    ),
    // Entra ID sends no `email_verified`; its optional claim `xms_edov` says the same thing.
    OIDC_EMAIL_VERIFIED_CLAIM: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .regex(/^[A-Za-z0-9_.:-]{1,100}$/, "OIDC_EMAIL_VERIFIED_CLAIM must be a claim name such as email_verified")
        .default("email_verified"),
    ),
  };
}

/** The three settings without which office sign-in cannot work: all set, or none. */
const OFFICE_SIGN_IN_REQUIRED = ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const;
const OFFICE_SIGN_IN_OPTIONAL = ["OIDC_REDIRECT_URL", "OIDC_AUTO_CREATE_DOMAIN"] as const;

function checkOfficeSignInComplete(settings: Settings): void {
  const set = OFFICE_SIGN_IN_REQUIRED.filter((name) => settings[name] !== undefined);
  if (set.length === OFFICE_SIGN_IN_REQUIRED.length) return;
  if (set.length > 0) {
    const missing = OFFICE_SIGN_IN_REQUIRED.filter((name) => settings[name] === undefined);
    throw new SettingsError(
      `Office sign-in needs ${OFFICE_SIGN_IN_REQUIRED.join(", ")} all set (or none): ${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing`,
    );
  }
  const stray = OFFICE_SIGN_IN_OPTIONAL.find((name) => settings[name] !== undefined);
  if (stray)
    throw new SettingsError(`${stray} is set but office sign-in is not: set ${OFFICE_SIGN_IN_REQUIRED.join(", ")} too, or unset it`);
}

export type OfficeSignInSettings = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Unset: this site's /auth/oidc/callback, as the request reached it. */
  redirectUrl: URL | null;
  autoCreateDomain: string | null;
  emailVerifiedClaim: string;
};

const OFFICE_SIGN_IN_VARIABLES = [...OFFICE_SIGN_IN_REQUIRED, ...OFFICE_SIGN_IN_OPTIONAL, "OIDC_EMAIL_VERIFIED_CLAIM"] as const;
let lastRead: { key: string; settings: OfficeSignInSettings | null } | undefined;

/**
 * The office sign-in settings, or null when it is not configured. Asked on every request (the
 * Content-Security-Policy needs it), so the parse is kept until the variables change (tests change them).
 */
export function officeSignInSettings(env: NodeJS.ProcessEnv = process.env): OfficeSignInSettings | null {
  if (!officeSignInConfigured(env)) return null;
  const key = JSON.stringify(OFFICE_SIGN_IN_VARIABLES.map((name) => env[name] ?? ""));
  if (lastRead?.key !== key) lastRead = { key, settings: parseOfficeSignInSettings(env) };
  return lastRead.settings;
}

function parseOfficeSignInSettings(env: NodeJS.ProcessEnv): OfficeSignInSettings | null {
  const settings = readSettings(env);
  if (!settings.OIDC_ISSUER || !settings.OIDC_CLIENT_ID || !settings.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: new URL(settings.OIDC_ISSUER),
    clientId: settings.OIDC_CLIENT_ID,
    clientSecret: settings.OIDC_CLIENT_SECRET,
    redirectUrl: settings.OIDC_REDIRECT_URL ? new URL(settings.OIDC_REDIRECT_URL) : null,
    autoCreateDomain: settings.OIDC_AUTO_CREATE_DOMAIN ?? null,
    emailVerifiedClaim: settings.OIDC_EMAIL_VERIFIED_CLAIM,
  };
}

export function officeSignInConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

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
    const shown = name === "SESSION_SECRET" || name === "OIDC_CLIENT_SECRET" ? "" : ` (it is ${JSON.stringify(value)})`;
    const message = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    throw new SettingsError(`${message}${shown}`);
  }
  checkOfficeSignInComplete(parsed.data);
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

/** SESSION_IDLE_MINUTES (checked at start by checkSettings; the default when unset). */
export function sessionIdleMinutesSetting(): number {
  const parsed = sessionIdleMinutes.safeParse(process.env.SESSION_IDLE_MINUTES);
  return parsed.success ? parsed.data : 30;
}

/** SESSION_MAX_HOURS (checked at start by checkSettings; the default when unset). */
export function sessionMaxHoursSetting(): number {
  const parsed = sessionMaxHours.safeParse(process.env.SESSION_MAX_HOURS);
  return parsed.success ? parsed.data : 12;
}

export function quickExitUrl(): string {
  return process.env.QUICK_EXIT_URL || "https://www.bbc.co.uk/weather";
}

/** REQUIRE_MFA=true: everyone must set up a second factor, whatever the admin setting says. */
export function secondFactorRequiredByEnvironment(): boolean {
  return process.env.REQUIRE_MFA === "true";
}
