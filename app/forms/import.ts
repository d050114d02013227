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

/** Cells typed again on the preview page: `cell.L<line>-C<column>` is the cell's new text. */
export const importCellsSchema = z.object({
  intent: z.literal("cells"),
  cell: z.record(z.string().regex(/^L\d+-C\d+$/), z.string().max(1000, "Write at most 1,000 characters")).default({}),
});

export const importPersonSchema = z.object({
  intent: z.literal("person"),
  text: requiredText("Name in the file", 200),
  userId: idField("Choose the member of staff this name means"),
});

export const IMPORT_INTENTS = ["map", "alias", "cells", "person", "save"] as const;
