// The data part of an engagement's edit conflict: the names of what the saved engagement and the
// submitted form refer to. The comparison itself is app/domain/engagement-conflict.ts.
import { db } from "~db/connection";
import { idsToName, resolveEngagementConflict as compare } from "~/domain/engagement-conflict";
import type { EditEngagementInput, EngagementFormValues } from "~/forms/engagement";
import { engagementLinkTexts } from "../recommendation/links.server";
import { loadNames, type Aggregate } from "./aggregate.server";
import { formValuesOf } from "./read.server";

/**
 * After a refused save (ConflictError<Aggregate> from updateEngagement): the person's input re-based
 * on what is saved now, the versions to save against, and what changed, in words.
 */
export function resolveEngagementConflict({
  current,
  input,
  posted,
}: {
  current: Aggregate;
  input: EditEngagementInput;
  posted: EngagementFormValues;
}) {
  const names = loadNames(db(), idsToName(current, input));
  const resolved = compare<EngagementFormValues>({
    stored: current,
    savedForm: formValuesOf(current, engagementLinkTexts(current.engagement.id)),
    names,
    input,
    posted,
  });
  return { ...resolved, values: resolved.values as EngagementFormValues };
}
