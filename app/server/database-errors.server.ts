// Request plumbing may not import db/: the test for "the database could not be written" without it.
// DatabaseBusyError (from writeTransaction), or SQLite's busy, locked, read-only, disk-full or I/O codes,
// found on the error or its `cause` (drizzle wraps the driver's errors).
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { name?: unknown; code?: unknown; cause?: unknown } | null, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.name === "DatabaseBusyError") return true;
    if (typeof e.code === "string" && /^SQLITE_(BUSY|LOCKED|READONLY|FULL|IOERR|CANTOPEN|PROTOCOL)/.test(e.code)) return true;
  }
  return false;
}
