// The errors models throw, for app/server/model-errors.server.ts to turn into responses (with
// DatabaseBusyError from ./database-busy.server). Client-safe: route modules import these.

export class NotFoundError extends Error {
  constructor(public readonly what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** An update based on a stale version: nothing was written. `current` is the record as it now stands. */
export class ConflictError<T = unknown> extends Error {
  constructor(
    message: string,
    public readonly current: T,
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/**
 * A business rule the schema cannot see (a duplicate email, an archived organisation): nothing was
 * written. `fieldErrors` holds every failure at its field; `field` and `message` are the first.
 */
export class RuleError extends Error {
  readonly fieldErrors: Record<string, string>;
  constructor(
    public readonly field: string,
    message: string,
    fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = "RuleError";
    this.fieldErrors = fieldErrors ?? { [field]: message };
  }
}

/**
 * What was refused, for the audit trail: the record (or "route" and the path) and a sentence saying who was
 * refused what and why. A model that refuses says so by throwing ForbiddenError or RefusedFieldsError with
 * its refusals; `withRefusalsRecorded` (audit.server.ts) writes them once the refused transaction rolled back.
 */
export type Refusal = { entityType: string; entityId: string | number; summary: string };

/** The person's role allows the page, but not this record (an officer changing someone else's action): a 403. */
export class ForbiddenError extends Error {
  constructor(
    message: string,
    public readonly refusals: Refusal[] = [],
  ) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/**
 * A change refused at its fields, for a form that also holds what the person may change (another officer's
 * commitment on an engagement they edit): a 400 with each message at its field and the input kept, nothing
 * written, and each refusal audited like a 403's.
 */
export class RefusedFieldsError extends RuleError {
  constructor(
    fieldErrors: Record<string, string>,
    public readonly refusals: Refusal[],
  ) {
    const [field, message] = Object.entries(fieldErrors)[0];
    super(field, message, fieldErrors);
    this.name = "RefusedFieldsError";
  }
}

/**
 * The record a change is based on, checked: it must exist (NotFoundError naming `what`) and still be at the
 * version the person saw (ConflictError saying someone else changed `thing`, with the record as it now stands,
 * passed through `shown` when the page must not see all of it).
 */
export function atVersion<T extends { version: number }, S = T>(
  current: T | undefined,
  expectedVersion: number,
  { what, thing, shown }: { what: string; thing: string; shown?: (row: T) => S },
): T {
  if (!current) throw new NotFoundError(what);
  if (current.version !== expectedVersion)
    throw new ConflictError<S | T>(`Someone else changed ${thing} since you opened it`, shown ? shown(current) : current);
  return current;
}
