// Sign-in with the office's identity provider (OpenID Connect): who may come in, decided here; the protocol
// itself (discovery, state, nonce, PKCE, the code exchange) is in app/server/office-sign-in.server.ts.
// An account is matched by the provider's verified email; roles stay in the tracker.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { writeTransaction, type Tx } from "~db/connection";
import { users } from "~db/schema";
import { hashPassword } from "~/models/password.server";
import { recordAudit } from "./audit.server";
import { normaliseEmail, type PublicUser } from "./user.server";

/** Why an office sign-in was refused; each is audited and shown as its own page. */
export type OfficeSignInRefusal =
  | "not_set_up" // no account for this email (and no auto-create for its domain)
  | "deactivated"
  | "email_not_verified" // the provider sent no email, or did not say it was verified
  | "flow_expired" // no sign-in started in this browser (expired cookie, another browser, a replayed callback)
  | "state_mismatch"
  | "provider_refused" // the provider answered an error: the person cancelled, or the code was refused (used twice, expired)
  | "invalid_response" // the ID token failed its checks (nonce, signature, issuer, audience)
  | "provider_unavailable"; // the provider could not be reached (not the person's doing, but they were not let in)

const REFUSAL_SUMMARIES: Record<OfficeSignInRefusal, string> = {
  not_set_up: "no account in the tracker for this email",
  deactivated: "the account is deactivated",
  email_not_verified: "the provider did not send a verified email address",
  flow_expired: "no sign-in was started in this browser, or it expired",
  state_mismatch: "the state sent back did not match the one this browser started with",
  provider_refused: "the provider refused",
  invalid_response: "the provider's answer failed its checks",
  provider_unavailable: "the provider could not be reached",
};

export type OfficeSignInResult = { ok: true; user: PublicUser; created: boolean } | { ok: false; reason: "not_set_up" | "deactivated" };

export type OfficeIdentity = {
  /** Verified by the provider: the caller passes only an email it said was verified. */
  email: string;
  name: string | null;
  issuer: string;
  subject: string;
};

const MAX_NAME_LENGTH = 100;
// What the provider sends is outside input: control characters never reach a name or the audit trail.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The name an auto-created account gets: the provider's display name, tidied, else the email's local part. */
function accountName(identity: OfficeIdentity, email: string): string {
  const cleaned = (identity.name ?? "").replace(CONTROL_CHARACTERS, " ").replace(/\s+/g, " ").trim();
  return (cleaned || email.split("@")[0]).slice(0, MAX_NAME_LENGTH);
}

function emailDomain(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1);
}

/**
 * Sign a person in by the email their office's provider verified: an active account with that email (any
 * case) comes in with its own role; with `autoCreateDomain` set, an email on that domain with no account gets
 * a new viewer account. Every outcome is audited in the same transaction.
 */
export async function signInWithOfficeAccount({
  identity,
  autoCreateDomain,
  ip,
}: {
  identity: OfficeIdentity;
  autoCreateDomain: string | null;
  ip: string | null;
}): Promise<OfficeSignInResult> {
  const email = normaliseEmail(identity.email);
  const mayCreate = Boolean(autoCreateDomain) && emailDomain(email) === autoCreateDomain;
  // The hash of a password nobody knows: the account signs in through the office only, until an admin sets one.
  // Made before the transaction (it is slow); only used when the account is created.
  const unusablePasswordHash = mayCreate ? await hashPassword(randomBytes(32).toString("base64url")) : null;
  const provider = { issuer: identity.issuer, subject: identity.subject };
  return writeTransaction((tx): OfficeSignInResult => {
    const existing = tx.select().from(users).where(eq(users.email, email)).get();
    if (existing?.deactivatedAt) {
      recordOfficeRefusal(tx, { reason: "deactivated", email, userId: existing.id, ip, provider });
      return { ok: false, reason: "deactivated" };
    }
    if (existing) {
      recordAudit(tx, {
        actor: { id: existing.id, email: existing.email, ip },
        action: "sign_in",
        entityType: "user",
        entityId: existing.id,
        summary: "Signed in with their office account",
        after: { method: "office", ...provider },
      });
      const { passwordHash: _omit, ...user } = existing;
      return { ok: true, user, created: false };
    }
    if (!unusablePasswordHash) {
      recordOfficeRefusal(tx, { reason: "not_set_up", email, userId: null, ip, provider });
      return { ok: false, reason: "not_set_up" };
    }
    const created = tx
      .insert(users)
      .values({ email, name: accountName(identity, email), role: "viewer", passwordHash: unusablePasswordHash })
      .returning()
      .get();
    const actor = { id: created.id, email: created.email, ip };
    recordAudit(tx, {
      actor,
      action: "create",
      entityType: "user",
      entityId: created.id,
      summary: `Account created for ${created.email} (viewer) at their first office sign-in, as an email on ${autoCreateDomain}`,
      after: { email: created.email, name: created.name, role: created.role },
    });
    recordAudit(tx, {
      actor,
      action: "sign_in",
      entityType: "user",
      entityId: created.id,
      summary: "Signed in with their office account",
      after: { method: "office", ...provider },
    });
    const { passwordHash: _omit, ...user } = created;
    return { ok: true, user, created: true };
  });
}

function recordOfficeRefusal(
  tx: Tx,
  {
    reason,
    email,
    userId,
    ip,
    provider,
    detail,
  }: {
    reason: OfficeSignInRefusal;
    email: string | null;
    userId: number | null;
    ip: string | null;
    provider?: { issuer: string; subject?: string };
    detail?: string;
  },
): void {
  recordAudit(tx, {
    actor: null,
    action: "sign_in_refused",
    entityType: "user",
    entityId: userId,
    summary: `Office sign-in refused${email ? ` for ${email}` : ""}: ${REFUSAL_SUMMARIES[reason]}${detail ? ` (${detail})` : ""}`,
    after: { method: "office", reason, ...(provider ?? {}) },
    ip,
  });
}

/** A refusal decided before an account was looked at (the protocol's checks failed): audited on its own. */
export async function recordOfficeSignInRefusal({
  reason,
  email = null,
  ip,
  issuer,
  detail,
}: {
  reason: OfficeSignInRefusal;
  email?: string | null;
  ip: string | null;
  issuer: string;
  detail?: string;
}): Promise<void> {
  await writeTransaction((tx) =>
    recordOfficeRefusal(tx, {
      reason,
      email: email ? normaliseEmail(email) : null,
      userId: null,
      ip,
      provider: { issuer },
      detail: detail?.replace(CONTROL_CHARACTERS, " ").slice(0, 200),
    }),
  );
}
