// What the new and edit engagement routes share when a form arrives: the posted values, and the row
// buttons of a form posted without JavaScript.
import { json } from "@remix-run/node";
import { restructure } from "~/components/engagements/form-values";
import { formDataToObject, type FormFailure, type FormValues } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { withIsoDates, type EngagementFormValues } from "~/forms/engagement";

/**
 * The posted values, without the button that posted them and the edit form's bookkeeping. A date typed
 * in its three fields that reads as a real date comes back as YYYY-MM-DD, as the model compares dates.
 */
export function postedValues(formData: FormData): FormValues {
  const { intent: _intent, loadedActions: _loaded, baseline: _baseline, ...values } = formDataToObject(formData);
  return withIsoDates(values);
}

/**
 * "Add another agenda item", "Move up", "Remove" and the like, posted without JavaScript: hand the
 * form back restructured (nothing is saved), saying which field to put the person back at.
 * Null for a save. A button value we never render is a 400.
 */
export function rowButtonResponse(formData: FormData, ownerUserId: number) {
  const intent = formData.get("intent");
  if (intent === null || intent === "save") return null;
  const values = postedValues(formData) as EngagementFormValues;
  const result = typeof intent === "string" ? restructure(values, intent, { ownerUserId: String(ownerUserId) }) : null;
  if (!result) return badRequest({ fieldErrors: { form: "That button is not one this form has: reload the page" }, values });
  return json<FormFailure & { focus: string }>({ fieldErrors: {}, values: result.values as FormValues, focus: result.focus });
}
