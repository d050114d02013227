export class NotFoundError extends Error {
  constructor(what: string) {
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

/** A business rule the schema cannot see (a duplicate email, an archived organisation). */
export class RuleError extends Error {
  constructor(
    public readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "RuleError";
  }
}
