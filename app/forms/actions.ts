import { z } from "zod";
import { OUTSTANDING_ACTION_STATUSES } from "~/domain/actions";
import { ACTION_KINDS, ORGANISATION_KINDS } from "~/domain/enums";
import { DUE_WINDOWS } from "./action-register";
import { optionalText, requiredText, versionField, withDates, type DateOptions } from "./fields";

export * from "./action-register";

// ---------------------------------------------------------------------------------------------
// The register's filters (GET /actions and /actions.csv). Filters come from a URL anyone can
// edit: a value that is not one of the choices is ignored rather than refused, so a stale
// bookmark still opens the register.

/**
 * `owner`: "mine" (mine and my meetings': what I own, and every action of an engagement I lead or
 * recorded, the stakeholders' commitments included), "me" (what I own), "all", "office" (the office,
 * no named person), "stakeholder", or a staff id.
 */
const ownerFilter = z.union([z.enum(["mine", "me", "all", "office", "stakeholder"]), z.string().regex(/^[1-9]\d{0,9}$/)]);

const cursor = z.string().regex(/^(\d{4}-\d{2}-\d{2}|none)_[1-9]\d{0,14}$/);

function lenient<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" || v == null ? undefined : Array.isArray(v) ? v[0] : v), schema.optional()).catch(undefined);
}

const registerFiltersSchema = z.object({
  kind: lenient(z.enum(ACTION_KINDS)),
  status: lenient(z.enum(OUTSTANDING_ACTION_STATUSES)),
  owner: lenient(ownerFilter),
  // One slug, or several joined by commas (a force and its policing body, linked from the coverage page).
  organisation: lenient(z.string().regex(/^[a-z0-9-]{1,100}(,[a-z0-9-]{1,100}){0,9}$/)),
  orgKind: lenient(z.enum(ORGANISATION_KINDS)),
  theme: lenient(z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)),
  due: lenient(z.enum(DUE_WINDOWS)),
  q: lenient(
    z
      .string()
      .trim()
      .max(200)
      .transform((s) => s || undefined),
  ),
  after: lenient(cursor),
  before: lenient(cursor),
});
export type RegisterFilters = z.output<typeof registerFiltersSchema>;

/** The register's filters from a URL's query string. Never fails. */
export function parseRegisterFilters(params: URLSearchParams): RegisterFilters {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(registerFiltersSchema.shape)) {
    const value = params.get(key);
    if (value != null) raw[key] = value;
  }
  return registerFiltersSchema.parse(raw);
}

// ---------------------------------------------------------------------------------------------
// Changing one action (the forms on /actions/:id). One schema per form; `intent` says which.

const closingNote = requiredText("a closing note saying what was done", 2000, { lines: "many" });
const dropReason = requiredText("the reason for dropping it", 2000, { lines: "many" });

/** Who should own it: the office (no named person), the stakeholder, or a member of staff (their id). */
const ownerChoice = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : v),
  z
    .string({ error: "Choose who owns it" })
    .refine((v) => v === "office" || v === "stakeholder" || /^[1-9]\d{0,9}$/.test(v), "Choose who owns it"),
);

/** A due date typed in a date input: dueDate-day, dueDate-month, dueDate-year (bulkDueDate-… on the register). */
export const DUE_DATE: DateOptions = { label: "due date", required: true };
export const BULK_DUE_DATE: DateOptions = { label: "due date" };

export const markInProgressSchema = z.object({ intent: z.literal("in_progress"), version: versionField });
export const markDoneSchema = z.object({ intent: z.literal("done"), version: versionField, closingNote });
export const dropActionSchema = z.object({ intent: z.literal("drop"), version: versionField, reason: dropReason });
export const reopenActionSchema = z.object({ intent: z.literal("reopen"), version: versionField });
export const changeDueDateSchema = withDates(z.object({ intent: z.literal("due_date"), version: versionField }), { dueDate: DUE_DATE });
export const reassignActionSchema = z.object({
  intent: z.literal("reassign"),
  version: versionField,
  owner: ownerChoice,
  ownerName: optionalText("the name of the person", 200),
});

export const ACTION_INTENTS = ["in_progress", "done", "drop", "reopen", "due_date", "reassign"] as const;
export type ActionIntent = (typeof ACTION_INTENTS)[number];

export const singleChangeSchemas = {
  in_progress: markInProgressSchema,
  done: markDoneSchema,
  drop: dropActionSchema,
  reopen: reopenActionSchema,
  due_date: changeDueDateSchema,
  reassign: reassignActionSchema,
} as const;

// ---------------------------------------------------------------------------------------------
// Changing several at once (the register's bulk form). Each ticked row sends "id:version", so
// every item carries the version its user saw.

const selectedItem = z.string().regex(/^[1-9]\d{0,14}:[1-9]\d{0,9}$/, "The selection could not be read; reload the page");

const BULK_INTENTS = ["in_progress", "done", "drop", "due_date", "reassign"] as const;

export const bulkChangeSchema = withDates(
  z.object({
    selected: z.preprocess(
      (v) => (v == null || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z.array(selectedItem).min(1, "Select at least one action").max(200, "Select at most 200 actions at once"),
    ),
    bulkIntent: z.enum(BULK_INTENTS, { error: "Choose what to do with the selected actions" }),
    bulkClosingNote: optionalText("the closing note", 2000, { lines: "many" }),
    bulkReason: optionalText("the reason", 2000, { lines: "many" }),
    bulkOwner: z.preprocess((v) => (v === "" ? undefined : v), ownerChoice.optional()),
    bulkOwnerName: optionalText("the name of the person", 200),
    // Where to come back to: the register with the filters the user was looking at.
    returnTo: z.string().max(2000).optional(),
  }),
  { bulkDueDate: BULK_DUE_DATE },
).superRefine((value, ctx) => {
  if (value.bulkIntent === "done" && !value.bulkClosingNote)
    ctx.addIssue({ code: "custom", path: ["bulkClosingNote"], message: "Enter a closing note saying what was done" });
  if (value.bulkIntent === "drop" && !value.bulkReason)
    ctx.addIssue({ code: "custom", path: ["bulkReason"], message: "Enter the reason for dropping them" });
  if (value.bulkIntent === "due_date" && !value.bulkDueDate)
    ctx.addIssue({ code: "custom", path: ["bulkDueDate"], message: "Enter the new due date" });
  if (value.bulkIntent === "reassign" && !value.bulkOwner)
    ctx.addIssue({ code: "custom", path: ["bulkOwner"], message: "Choose who should own them" });
});
export type BulkChange = z.output<typeof bulkChangeSchema>;

/** "12:3" -> {id: 12, version: 3}. */
export function parseSelectedItem(item: string): { id: number; version: number } {
  const [id, version] = item.split(":").map(Number);
  return { id, version };
}
