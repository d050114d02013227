import { z } from "zod";
import { ORGANISATION_KINDS } from "~/domain/enums";
import { enumField, optionalIdField, optionalText, requiredText, textCharacterProblem, versionField } from "./fields";

// A bare domain ("europol.europa.eu") as the reference data has it, or an http(s) address.
// Anything else (javascript:, data:, spaces) is refused so the page can link to it safely.
const WEBSITE = /^(https?:\/\/)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?(\/[^\s<>"]*)?$/i;

const websiteField = z.preprocess(
  (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v),
  z
    .string({ error: "Website must be text" })
    .max(200, "Website must be 200 characters or fewer")
    .refine((v) => textCharacterProblem(v, "website", "one") === null, "Website must not contain control characters")
    .regex(WEBSITE, "Enter a website address like example.org or https://www.example.org")
    .optional(),
);

const NO_MARKUP = /^[^<>]*$/;

/** Names are plain text: markup characters in one are a paste mistake or an attack, never a name. */
export function withoutMarkup<T extends z.ZodType<string | undefined>>(schema: T, label: string) {
  return schema.refine((v) => v === undefined || NO_MARKUP.test(v), `${label} must not contain < or >`);
}

const organisationFields = {
  name: withoutMarkup(requiredText("the organisation's name", 200), "Name"),
  shortName: withoutMarkup(optionalText("short name", 200), "Short name"),
  kind: enumField(ORGANISATION_KINDS, "Select the kind of organisation"),
  nation: withoutMarkup(requiredText("the nation or country", 100), "Nation or country"),
  parentId: optionalIdField("Select a parent body from the list"),
  forceId: optionalIdField("Select a police force from the list"),
  website: websiteField,
  notes: optionalText("notes", 5000, { lines: "many" }),
};

type Fields = { kind?: string; forceId?: number };

// Only a local policing body oversees a force; the model checks the force exists and is one.
function forceOnlyForPolicingBodies(value: Fields, ctx: z.RefinementCtx) {
  if (value.forceId !== undefined && value.kind !== "pcc")
    ctx.addIssue({
      code: "custom",
      path: ["forceId"],
      message: "Only a local policing body oversees a force: leave this empty or choose that kind",
    });
}

/** The "Add an organisation" form. */
export const newOrganisationSchema = z.object(organisationFields).superRefine(forceOnlyForPolicingBodies);

/** The "Edit organisation" form: the same fields plus the version it was loaded with. */
export const editOrganisationSchema = z.object({ ...organisationFields, version: versionField }).superRefine(forceOnlyForPolicingBodies);

/** Archive and restore: a confirmation that carries the version the person saw. */
export const archiveOrganisationSchema = z.object({ version: versionField });

/** The list's filter form (GET). Unknown or malformed filters are ignored rather than refused. */
export const organisationFiltersSchema = z.object({
  q: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 200) : undefined), z.string().optional()).catch(undefined),
  kind: z.enum(ORGANISATION_KINDS).optional().catch(undefined),
  nation: z
    .preprocess((v) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 100) : undefined), z.string().optional())
    .catch(undefined),
  archived: z.preprocess((v) => v === "show" || v === "on" || v === "true", z.boolean()).catch(false),
});
