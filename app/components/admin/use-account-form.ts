import type { DefaultValues, FieldValues } from "react-hook-form";
import { useErrorTitle } from "~/components/page-title";
import type { FormFailure } from "~/forms/form-data";
import { useValidatedForm, type SchemaSource } from "~/forms/use-validated-form";
import { useSummaryErrors } from "./use-summary-errors";

/**
 * An account form checked in the browser with its schema (and again by the action), with the error summary's
 * snapshot and "Error: " in the page title when there are errors, from either side.
 */
export function useAccountForm<Input extends FieldValues, Output>(
  schema: SchemaSource<Input, Output>,
  { failure, defaultValues, hasErrors }: { failure?: FormFailure | null; defaultValues?: DefaultValues<Input>; hasErrors: boolean },
) {
  const { form, errors, onSubmit } = useValidatedForm(schema, { failure, defaultValues });
  const summaryErrors = useSummaryErrors(errors, form.formState.submitCount, failure);
  useErrorTitle(hasErrors || Object.keys(summaryErrors).length > 0);
  return { form, errors, summaryErrors, onSubmit };
}
