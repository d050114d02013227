import { json } from "@remix-run/node";
import type { FieldErrors, FormFailure, FormValues } from "~/forms/form-data";

export function badRequest(failure: FormFailure) {
  return json(failure, { status: 400 });
}

export function fieldError(field: string, message: string, values: FormValues) {
  const fieldErrors: FieldErrors = { [field]: message };
  return badRequest({ fieldErrors, values });
}

export function notFound(what = "Page"): never {
  throw new Response(`${what} not found`, { status: 404, statusText: "Not Found" });
}

/** A positive integer route parameter, or a 404 (an id that is not a number names no record). */
export function requireIdParam(value: string | undefined, what = "Page"): number {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) notFound(what);
  const id = Number(value);
  if (!Number.isSafeInteger(id)) notFound(what);
  return id;
}
