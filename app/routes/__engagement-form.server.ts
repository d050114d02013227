// What the new and edit engagement routes share when a form arrives: the posted values, the row
// buttons of a form posted without JavaScript, and the edit form's bookkeeping handed back with them.
import { json } from "@remix-run/node";
import type { ConflictChange } from "~/components/engagements/EngagementConflictNotice";
import type { CarriedState, EngagementFailure } from "~/components/engagements/EngagementForm";
import { copyFromEngagement, restructure } from "~/components/engagements/form-values";
import { ACTION_STATUS_LABELS } from "~/domain/engagement-labels";
import { truncate } from "~/domain/engagement-conflict";
import { formDataToObject, type FormFailure, type FormValues } from "~/forms/form-data";
import type { Aggregate } from "~/models/engagement/aggregate.server";
import { getLastMeetingWith } from "~/models/engagement/options.server";
import { engagementFormValues } from "~/models/engagement/read.server";
import { badRequest } from "~/server/http.server";
import { inFormShape, withIsoDates, type EngagementFormValues } from "~/forms/engagement";

/**
 * The posted values, without the button that posted them and the edit form's bookkeeping. A date typed
 * in its three fields that reads as a real date comes back as YYYY-MM-DD, as the model compares dates.
 */
export function postedValues(formData: FormData): FormValues {
  const { intent: _intent, loadedActions: _loaded, baseline: _baseline, ...values } = formDataToObject(formData);
  return withIsoDates(inFormShape(values));
}

/**
 * The edit form's bookkeeping as posted: the actions (id:version) and the fingerprints it was loaded
 * with. Every page that hands the form back (a row button, a refused save) returns these with the
 * posted `version`, so the three always describe the same state: the state the person last saw. Were
 * the page to take them from the database instead, the next save would pass the version check
 * against a baseline the person never saw, and quietly undo a colleague's change.
 */
export function carriedState(formData: FormData): CarriedState | undefined {
  const loadedActions = formData.get("loadedActions");
  const baseline = formData.get("baseline");
  if (typeof loadedActions !== "string" && typeof baseline !== "string") return undefined;
  return {
    loadedActions: typeof loadedActions === "string" ? loadedActions.slice(0, 50_000) : "",
    baseline: typeof baseline === "string" ? baseline.slice(0, 50_000) : "",
  };
}

/** A save refused before the model ran (the schema's errors): 400, the input and the bookkeeping kept. */
export function refusedForm(failure: FormFailure, formData: FormData) {
  return badRequest({ ...failure, values: inFormShape(failure.values), carried: carriedState(formData) } as FormFailure);
}

/** A save the model refused (a rule, a busy database): its response, with the bookkeeping kept. */
export async function withCarriedState(response: Response, formData: FormData): Promise<Response> {
  const carried = carriedState(formData);
  if (!carried || response.headers.get("Content-Type")?.includes("application/json") !== true) return response;
  const body = (await response.clone().json()) as Record<string, unknown>;
  if (!body || typeof body !== "object" || body.conflict) return response;
  return json({ ...body, carried }, { status: response.status, headers: response.headers });
}

/**
 * "Add another agenda item", "Move up", "Remove", "Copy from the last meeting" and the like, posted
 * without JavaScript (copying also with it): hand the form back restructured (nothing is saved),
 * saying which field to put the person back at. Null for a save. A button value we never render is a 400.
 */
export function rowButtonResponse(formData: FormData, ownerUserId: number) {
  const intent = formData.get("intent");
  if (intent === null || intent === "save") return null;
  const values = postedValues(formData) as EngagementFormValues;
  const carried = carriedState(formData);
  const copy = typeof intent === "string" ? /^copy:([1-9]\d{0,15})$/.exec(intent) : null;
  if (copy) {
    // "Copy from the last meeting with …": that organisation's last held meeting, found now.
    const organisationId = Number(copy[1]);
    const last = getLastMeetingWith(organisationId);
    const source = last ? engagementFormValues(last.id) : undefined;
    if (!last || !source)
      return json<EngagementFailure>({
        fieldErrors: {},
        values: values as FormValues,
        focus: "copied",
        copied: { none: organisationId },
        carried,
      });
    const copied = copyFromEngagement(values, source.values, { id: last.id, title: last.title });
    return json<EngagementFailure>({
      fieldErrors: {},
      values: copied.values as FormValues,
      focus: copied.focus,
      copied: copied.copied,
      carried,
    });
  }
  const result = typeof intent === "string" ? restructure(values, intent, { ownerUserId: String(ownerUserId) }) : null;
  if (!result) return badRequest({ fieldErrors: { form: "That button is not one this form has: reload the page" }, values });
  return json<EngagementFailure>({ fieldErrors: {}, values: result.values as FormValues, focus: result.focus, carried });
}

/**
 * What a conflict's field-by-field comparison cannot see, so the notice lists it too: a commitment or
 * follow-up closed, reopened or re-dated in the register (its version moved, its words did not), and
 * an agenda item whose notes or outcome differ from what is saved.
 */
export function unseenChanges({
  current,
  loadedActions,
  posted,
  listed,
}: {
  current: Aggregate;
  loadedActions: Record<number, number>;
  posted: EngagementFormValues;
  listed: ConflictChange[];
}): ConflictChange[] {
  const out: ConflictChange[] = [];
  const seen = new Set(listed.map((c) => c.field));
  for (const a of current.actions) {
    const field = `action-${a.id}`;
    if (seen.has(field) || loadedActions[a.id] === undefined || loadedActions[a.id] === a.version) continue;
    out.push({
      field,
      label: `${a.kind === "commitment" ? "Commitment" : "Follow-up"} “${truncate(a.description, 40)}”`,
      saved: `Changed in the actions register: now ${ACTION_STATUS_LABELS[a.status].toLowerCase()}${a.closingNote ? ` (“${truncate(a.closingNote, 80)}”)` : ""}`,
      yours: "",
      whose: "theirs",
    });
  }
  const postedAgenda = new Map((posted.agenda ?? []).filter((r) => r && r.id).map((r) => [String(r.id), r]));
  current.agenda.forEach((item, i) => {
    const row = postedAgenda.get(String(item.id));
    if (!row) return;
    for (const [part, label] of [
      ["notes", "discussion notes"],
      ["outcome", "outcome"],
    ] as const) {
      const saved = (item[part] ?? "").trim();
      const yours = (row[part] ?? "").trim();
      if (saved !== yours)
        out.push({
          field: `agenda-${item.id}-${part}`,
          label: `Agenda item ${i + 1} “${truncate(item.title, 40)}”: ${label}`,
          saved: saved || "None",
          yours: yours || "None",
          whose: "unknown",
        });
    }
  });
  return out;
}

// The form's schemas, for the routes' actions: imported through this .server module they (and zod) stay out of
// the form page's scripts; the form loads its schema itself when the person starts typing.
export { editEngagementSchema, newEngagementSchema } from "~/forms/engagement";
