import { json } from "@remix-run/node";
import type { FormFailure } from "~/forms/form-data";

// Helpers the second-factor routes share.

/** The JSON a passkey ceremony's answer arrives as (a hidden field), or undefined when it is not an object. */
export function parsePasskeyAnswer<T>(value: FormDataEntryValue | null): T | undefined {
  if (typeof value !== "string" || value.length > 20_000) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as T) : undefined;
  } catch {
    return undefined;
  }
}

export function fieldFailure(field: string, message: string, status = 400, values: Record<string, unknown> = {}) {
  return json<FormFailure>({ fieldErrors: { [field]: message }, values }, { status });
}
