import { useSubmit } from "@remix-run/react";
import { useEffect, useMemo, useRef, type FormEvent } from "react";
import { useForm, type DefaultValues, type FieldErrors as RhfErrors, type FieldValues, type Resolver } from "react-hook-form";
import type { zodResolver as ZodResolver } from "@hookform/resolvers/zod";
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
 * A form's schema, or a function that loads it (`() => import("~/forms/x").then((m) => m.schema)`). Loaded, zod
 * and the schema stay out of the page's scripts: they are fetched when the person first types in the page, and
 * the first check waits for them if need be.
 */
export type SchemaSource<Input, Output> = z.ZodType<Output, Input> | (() => Promise<z.ZodType<Output, Input>>);

/** react-hook-form's resolver for a schema that may still have to be loaded. */
function lazyZodResolver<Input extends FieldValues, Output>(source: SchemaSource<Input, Output>): Resolver<Input, unknown, Output> {
  return async (values, context, options) => {
    let schema: z.ZodType<Output, Input>;
    let zodResolver: typeof ZodResolver;
    try {
      [schema, { zodResolver }] = await Promise.all([typeof source === "function" ? source() : source, import("@hookform/resolvers/zod")]);
    } catch {
      // The checks could not be fetched (offline, or a new version deployed): post the form, the action checks it.
      return { values: values as unknown as Output, errors: {} };
    }
    return zodResolver(schema)(values, context, options);
  };
}

/**
 * One form, one zod schema, validated twice: instantly in the browser with react-hook-form,
 * and again by the action, which is the authority. Without JavaScript the form is a plain
 * post and the server's errors (from `failure`) show instead.
 */
export function useValidatedForm<Input extends FieldValues, Output>(
  schema: SchemaSource<Input, Output>,
  { defaultValues, failure }: { defaultValues?: DefaultValues<Input>; failure?: FormFailure | null },
) {
  const submit = useSubmit();
  const form = useForm<Input, unknown, Output>({
    resolver: lazyZodResolver(schema),
    defaultValues,
    // GOV.UK asks for validation on submit, not as people type: errors (and the summary's focus) change only then.
    mode: "onSubmit",
    reValidateMode: "onSubmit",
    shouldFocusError: false, // the error summary takes focus instead, as GOV.UK asks
  });
  // register(name) hands back a new ref callback at each call, so each render of a field made React detach its ref and
  // attach the new one, and react-hook-form register the field all over again (on the engagement form, a key in an
  // agenda item's title took 13.3 ms of script with it, 11.2 without: docs/decisions/0035). Without options (which no
  // form here passes) it hands back the same props for a name each time, so they are made once per name. A field that
  // goes and comes back is registered again through its ref, as before; so is a row's field whose index moves, as its
  // ref is then another name's.
  const registered = useRef<Map<string, unknown>>(undefined);
  if (!registered.current) {
    const propsByName = (registered.current = new Map());
    const register = form.register;
    form.register = ((name, options) => {
      if (options) return register(name, options);
      if (!propsByName.has(name)) propsByName.set(name, register(name));
      return propsByName.get(name);
    }) as typeof register;
  }
  useEffect(() => {
    if (typeof schema !== "function") return;
    // Fetched once the person starts filling the form in, so that Save rarely waits for it.
    const load = () => void schema().catch(() => undefined);
    document.addEventListener("input", load, { once: true });
    return () => document.removeEventListener("input", load);
  }, [schema]);
  const clientErrors = flattenErrors(form.formState.errors);
  // The server's errors (the only ones without JavaScript, and rules only it can check) plus the browser's. The same
  // object until they change, so that the parts of a form that are given it are not rendered again for nothing.
  const errorsKey = JSON.stringify({ ...(failure?.fieldErrors ?? {}), ...clientErrors });
  const errors = useMemo(() => JSON.parse(errorsKey) as FieldErrors, [errorsKey]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    const formElement = event.currentTarget; // captured now: React clears currentTarget after the handler returns
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    return form.handleSubmit(() => submit(submitter?.name ? submitter : formElement, { method: "post" }))(event);
  };
  return { form, errors, onSubmit };
}
