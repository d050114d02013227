// The import pages' forms: the upload (what the file holds), the column mapping, an organisation chosen for a
// name we do not know, and save. The file itself is read by the route (multipart); only its kind is parsed here.
import { z } from "zod";
import { IMPORT_KINDS } from "~/domain/import";
import { enumField, idField, requiredText } from "./fields";

export const importUploadSchema = z.object({
  kind: enumField(IMPORT_KINDS, "Select what the file holds"),
});

/** `column.<field>` is the chosen column's index, or empty for "not in this file". */
export const importMappingSchema = z.object({
  intent: z.literal("map"),
  column: z
    .record(
      z.string(),
      z.preprocess((v) => (v === "" || v == null ? undefined : v), z.coerce.number().int().min(0).max(999).optional()),
    )
    .default({}),
});

export const importAliasSchema = z.object({
  intent: z.literal("alias"),
  alias: requiredText("Name in the file", 200),
  organisationId: idField("Choose the organisation this name means"),
});

export const IMPORT_INTENTS = ["map", "alias", "save"] as const;
