// The one place a model's error becomes a response. Actions call their model inside try, and
// `catch (error) { return modelErrorResponse(error, { values, ... }) }`:
//
//   NotFoundError      -> thrown 404 (the error boundary renders it)
//   ForbiddenError     -> thrown 403 (the model has already audited the refusal)
//   RuleError          -> 400 with each message at its field and the submitted values (or `rule(error)`)
//   ConflictError<T>   -> 409: `conflict(current)` where the page shows the record as it now stands,
//                         else the message at `conflictField` with the submitted values
//   DatabaseBusyError  -> 503 with the submitted values, saying nothing was saved and to try again
//
// Anything else is rethrown (a 500).
import { json, type TypedResponse } from "@remix-run/node";
import { DatabaseBusyError } from "~/models/database-busy.server";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "~/models/errors";
import type { FormFailure, FormValues } from "~/forms/form-data";
import { notFound } from "./http.server";

export const BUSY_MESSAGE = "The service is busy and your changes were not saved. Try again in a moment.";

type Options<T, C, U> = {
  /** What the person submitted, handed back so the form keeps it. */
  values: FormValues;
  /** What a 404 names ("Engagement"); by default what the model said it could not find. */
  notFound?: string;
  /**
   * The 409 of a page that shows the record as it now stands. `T` is what the model called names as
   * its ConflictError's `current` (documented on each model function that throws one).
   */
  conflict?: (current: T) => C;
  /** Where the conflict's message goes when there is no `conflict` (default "version"). */
  conflictField?: string;
  /** The 400 of a page that shows a rule's message somewhere other than at the model's field. */
  rule?: (error: RuleError) => U;
};

export function modelErrorResponse<T = never, C = never, U = never>(
  error: unknown,
  { values, notFound: what, conflict, conflictField = "version", rule }: Options<T, C, U>,
): C | U | TypedResponse<FormFailure> {
  if (error instanceof NotFoundError) notFound(what ?? error.what);
  if (error instanceof ForbiddenError) throw new Response(error.message, { status: 403, statusText: "Forbidden" });
  if (error instanceof RuleError) return rule ? rule(error) : json({ fieldErrors: error.fieldErrors, values }, { status: 400 });
  if (error instanceof ConflictError) {
    // The one unchecked step: a model throws ConflictError<T> with the T its callers are told of.
    if (conflict) return conflict(error.current as T);
    return json({ fieldErrors: { [conflictField]: error.message }, values }, { status: 409 });
  }
  if (error instanceof DatabaseBusyError) return json({ fieldErrors: { form: BUSY_MESSAGE }, values }, { status: 503 });
  throw error;
}

/**
 * A loader whose model reads throw NotFoundError for a missing record (a mistyped or stale address): the 404 page
 * instead of a 500. Anything else is rethrown.
 */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound(error.what);
    throw error;
  }
}
