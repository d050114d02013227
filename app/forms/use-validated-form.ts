import { zodResolver } from "@hookform/resolvers/zod";
import { useSubmit } from "@remix-run/react";
import type { FormEvent } from "react";
import { useForm, type DefaultValues, type FieldErrors as RhfErrors, type FieldValues } from "react-hook-form";
import type { z } from "zod";
import type { FieldErrors, FormFailure } from "./form-data";

/** react-hook-form's nested errors as the dotted paths the server uses ("agenda.0.title"). */
export function flattenErrors(errors: RhfErrors<FieldValues>, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || key === "ref" || key === "root") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof (value as { message?: unknown }).message === "string") out[path] = (value as { message: string }).message;
    else if (typeof value === "object") Object.assign(out, flattenErrors(value as RhfErrors<FieldValues>, path));
  }
  return out;
}

/**
 * One form, one zod schema, validated twice: instantly in the browser with react-hook-form,
 * and again by the action, which is the authority. Without JavaScript the form is a plain
 * post and the server's errors (from `failure`) show instead.
 */
export function useValidatedForm<Input extends FieldValues, Output>(
  schema: z.ZodType<Output, Input>,
  { defaultValues, failure }: { defaultValues?: DefaultValues<Input>; failure?: FormFailure | null },
) {
  const submit = useSubmit();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(schema),
    defaultValues,
    // GOV.UK asks for validation on submit, not as people type: errors (and the summary's focus) change only then.
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    shouldFocusError: false, // the error summary takes focus instead, as GOV.UK asks
  });
  const clientErrors = flattenErrors(form.formState.errors);
  // The server's errors (the only ones without JavaScript, and rules only it can check) plus the browser's.
  const errors: FieldErrors = { ...(failure?.fieldErrors ?? {}), ...clientErrors };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget; // captured now: React clears currentTarget after the handler returns
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    return form.handleSubmit(() => submit(submitter?.name ? submitter : formElement, { method: "post" }))(event);
  };
  return { form, errors, onSubmit };
}
