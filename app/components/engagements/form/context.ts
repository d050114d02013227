import { useWatch, type UseFormReturn } from "react-hook-form";
import type { Option } from "~/components/govuk";
import type { ActionStatus } from "~/domain/engagement-labels";
import type { EngagementInput } from "~/forms/engagement";
import type { EngagementFormValues } from "~/forms/engagement-values";
import { datePartNames, type DateParts } from "~/forms/field-checks";
import type { FieldErrors } from "~/forms/form-data";

/** What every section of the engagement form needs: the form, its errors, and how it was rendered. */
export type FormContext = {
  form: UseFormReturn<EngagementFormValues, unknown, EngagementInput>;
  errors: FieldErrors;
  /** The values the form started from (loaded, or handed back after a failed post). */
  start: EngagementFormValues;
  /** Without JavaScript, the field (or row button) the server says to put the person back at. */
  focus?: string;
  /** JavaScript has run: show only the relevant fields, and row buttons work in the page. */
  enhanced: boolean;
  /** Where the row buttons post without JavaScript. */
  restructureAction: string;
};

export type FormOptions = {
  organisations: { id: number; name: string; shortName: string | null; archived: boolean }[];
  staff: { id: number; name: string; active: boolean }[];
  themes: { id: number; name: string }[];
  contacts: { id: number; organisationId: number; name: string; roleTitle: string | null }[];
};

export type ActionState = Record<string, { status: ActionStatus; resolved: boolean }>;

export type ChoiceLists = { staff: Option[]; agenda: Option[]; actionOrganisations: Option[] };

export function organisationLabel(o: { name: string; shortName: string | null; archived?: boolean }) {
  const name = o.shortName && o.shortName !== o.name ? `${o.name} (${o.shortName})` : o.name;
  return o.archived ? `${name} (archived)` : name;
}

/**
 * The engagement date's three fields as they are now, watched by the component that shows them. `watch()` renders the
 * whole form again when what it watches changes (and once more after every render of the form that called it);
 * `useWatch` renders only the component that asked (docs/decisions/0035).
 */
export function useDateParts(form: FormContext["form"]): DateParts {
  const names = datePartNames("date");
  const [day, month, year] = useWatch({ control: form.control, name: [names.day, names.month, names.year] });
  return { day, month, year };
}

/** The start value at a dotted path, as a string for an uncontrolled input's defaultValue. */
export function startValue(start: EngagementFormValues, path: string): string {
  let cursor: unknown = start;
  for (const key of path.split(".")) cursor = cursor && typeof cursor === "object" ? (cursor as Record<string, unknown>)[key] : undefined;
  return typeof cursor === "string" ? cursor : "";
}
