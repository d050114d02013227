import { monthName } from "./dates";
import type { OrganisationKind } from "./enums";

// Shared by routes and components (client-safe: no server imports, type-only from the schema).

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  police_force: "Police force",
  pcc: "Local policing body",
  national_policing_body: "National policing body",
  border_immigration: "Border and immigration",
  inspectorate: "Inspectorate",
  prosecutor: "Prosecutor",
  government_department: "Government",
  international_agency: "International agency",
  overseas_agency: "Overseas agency",
};

/** Kinds of organisation as group headings (reports, the print page and Word). */
export const ORGANISATION_KIND_PLURALS: Record<OrganisationKind, string> = {
  police_force: "Police forces",
  pcc: "Local policing bodies",
  national_policing_body: "National policing bodies",
  border_immigration: "Border and immigration",
  inspectorate: "Inspectorates",
  prosecutor: "Prosecutors",
  government_department: "Government",
  international_agency: "International agencies",
  overseas_agency: "Overseas agencies",
};

/** A readable label for an organisation kind; an unknown kind is shown as it is. */
export function organisationKindLabel(kind: string | null | undefined): string {
  if (!kind) return "";
  return (ORGANISATION_KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/**
 * "2026-11-28" -> "28 November 2026" (GOV.UK style). Parsed as text, not through Date,
 * so a calendar date never shifts by the server's or browser's time zone.
 * Anything that is not a YYYY-MM-DD date is returned unchanged.
 */
export function formatDate(value: string | null | undefined): string {
  if (!value) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const [, year, month, day] = match;
  const name = monthName(Number(month));
  if (!name) return value;
  return `${Number(day)} ${name} ${year}`;
}

// Made on first use (as in dates.ts): a formatter with a time zone loads the browser's time-zone data, which most
// pages that load this module never need.
let londonParts: Intl.DateTimeFormat | undefined;

/**
 * An ISO timestamp (UTC) as UK local time in GOV.UK style: "28 November 2026 at 2:05pm".
 * Invalid input is returned unchanged.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  londonParts ??= new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const part of londonParts.formatToParts(date)) parts[part.type] = part.value;
  const hour24 = Number(parts.hour);
  const minute = parts.minute;
  const suffix = hour24 >= 12 ? "pm" : "am";
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  const time = hour24 === 12 && minute === "00" ? "midday" : hour24 === 0 && minute === "00" ? "midnight" : `${hour12}:${minute}${suffix}`;
  return `${formatDate(`${parts.year}-${parts.month}-${parts.day}`)} at ${time}`;
}

/** A size limit as the pages say it: 5 MB (megabytes of 1,024 × 1,024 bytes, to one decimal place). */
export function megabytes(bytes: number): string {
  return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toLocaleString("en-GB")} MB`;
}

/** A count with its noun: 1 organisation, 2 organisations. */
export function pluralise(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : plural}`;
}
