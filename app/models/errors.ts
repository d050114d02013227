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

/** The person's role allows the page, but not this record (an officer changing someone else's action). */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
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
