import { forwardRef, useMemo, useState, type ReactNode } from "react";
import { optionsMarkup } from "~/components/escape-html";
import { fieldId } from "~/forms/form-data";

type Common = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  id?: string;
  /** Render the label as the page heading (a one-question page). */
  isPageHeading?: boolean;
  labelClassName?: string;
};

export function ErrorMessage({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

export function Hint({ id, children, className }: { id?: string; children: ReactNode; className?: string }) {
  return (
    <div id={id} className={["govuk-hint", className].filter(Boolean).join(" ")}>
      {children}
    </div>
  );
}

/** GOV.UK fieldset: a legend (optionally the page heading) and its contents. */
export function Fieldset({
  legend,
  legendClassName,
  isPageHeading,
  describedBy,
  role,
  children,
}: {
  legend: ReactNode;
  legendClassName?: string;
  isPageHeading?: boolean;
  describedBy?: string;
  role?: "group";
  children?: ReactNode;
}) {
  return (
    <fieldset className="govuk-fieldset" role={role} aria-describedby={describedBy}>
      <legend className={["govuk-fieldset__legend", legendClassName].filter(Boolean).join(" ")}>
        {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
      </legend>
      {children}
    </fieldset>
  );
}

export function Label({
  htmlFor,
  children,
  isPageHeading,
  className,
}: {
  htmlFor?: string;
  children: ReactNode;
  isPageHeading?: boolean;
  className?: string;
}) {
  const label = (
    <label className={`govuk-label ${className ?? (isPageHeading ? "govuk-label--l" : "")}`.trim()} htmlFor={htmlFor}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label;
}

export function describedBy(id: string, hint?: ReactNode, error?: string) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** The form group every single-control field shares: its label, then its hint and error message above the control. */
function LabelledGroup({
  inputId,
  label,
  hint,
  error,
  isPageHeading,
  labelClassName,
  children,
}: Pick<Common, "label" | "hint" | "error" | "isPageHeading" | "labelClassName"> & { inputId: string; children: ReactNode }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label htmlFor={inputId} isPageHeading={isPageHeading} className={labelClassName}>
        {label}
      </Label>
      {hint ? <Hint id={`${inputId}-hint`}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={`${inputId}-error`}>{error}</ErrorMessage> : null}
      {children}
    </div>
  );
}

type InputProps = Common & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "id"> & { widthClass?: string };

export const TextInput = forwardRef<HTMLInputElement, InputProps>(function TextInput(
  { name, label, hint, error, id, isPageHeading, labelClassName, widthClass, className, type = "text", ...rest },
  ref,
) {
  const inputId = id ?? fieldId(name);
  return (
    <LabelledGroup inputId={inputId} label={label} hint={hint} error={error} isPageHeading={isPageHeading} labelClassName={labelClassName}>
      <input
        ref={ref}
        className={["govuk-input", widthClass, error ? "govuk-input--error" : null, className].filter(Boolean).join(" ")}
        id={inputId}
        name={name}
        type={type}
        aria-describedby={describedBy(inputId, hint, error)}
        {...rest}
      />
    </LabelledGroup>
  );
});

type TextareaProps = Common & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">;

export const Textarea = forwardRef<HTMLTextAreaElement, TextareaProps>(function Textarea(
  { name, label, hint, error, id, isPageHeading, labelClassName, rows = 5, ...rest },
  ref,
) {
  const inputId = id ?? fieldId(name);
  return (
    <LabelledGroup inputId={inputId} label={label} hint={hint} error={error} isPageHeading={isPageHeading} labelClassName={labelClassName}>
      <textarea
        ref={ref}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        id={inputId}
        name={name}
        rows={rows}
        aria-describedby={describedBy(inputId, hint, error)}
        {...rest}
      />
    </LabelledGroup>
  );
});

export type Option = { value: string; label: string; disabled?: boolean };

type SelectProps = Common &
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "id"> & {
    options: Option[];
    placeholder?: string;
    /**
     * The options as markup (`defaultValue`'s marked), not React elements: for a long list that never changes while the
     * select is on the page. React then neither renders nor hydrates them one by one. Where the same place can later
     * hold a select of React options, give this one its own `key`: React would otherwise replace every option of the
     * same select, which falls back to its first; a new select is given its value again by react-hook-form.
     */
    optionsAsMarkup?: boolean;
  };

/**
 * A select's options as markup (the placeholder first) when `enabled`, for `dangerouslySetInnerHTML`: see `Select`'s
 * `optionsAsMarkup`. The markup marks the value the select is first drawn with; after that the browser keeps the
 * option chosen, and React the select's value.
 */
export function useOptionsMarkup(enabled: boolean, options: Option[], placeholder: string | undefined, firstValue: unknown) {
  const [servedValue] = useState(firstValue);
  return useMemo(() => {
    if (!enabled) return undefined;
    const all = placeholder !== undefined ? [{ value: "", label: placeholder }, ...options] : options;
    return optionsMarkup(all, typeof servedValue === "string" ? servedValue : undefined);
  }, [enabled, options, placeholder, servedValue]);
}

export const Select = forwardRef<HTMLSelectElement, SelectProps>(function Select(
  { name, label, hint, error, id, isPageHeading, labelClassName, options, placeholder, className, optionsAsMarkup: asMarkup, ...rest },
  ref,
) {
  const inputId = id ?? fieldId(name);
  const markup = useOptionsMarkup(asMarkup === true, options, placeholder, rest.defaultValue);
  return (
    <LabelledGroup inputId={inputId} label={label} hint={hint} error={error} isPageHeading={isPageHeading} labelClassName={labelClassName}>
      <select
        ref={ref}
        className={["govuk-select", error ? "govuk-select--error" : null, className].filter(Boolean).join(" ")}
        id={inputId}
        name={name}
        aria-describedby={describedBy(inputId, hint, error)}
        {...rest}
        dangerouslySetInnerHTML={markup !== undefined ? { __html: markup } : undefined}
      >
        {markup !== undefined ? undefined : (
          <>
            {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
            {options.map((o) => (
              <option key={o.value} value={o.value} disabled={o.disabled}>
                {o.label}
              </option>
            ))}
          </>
        )}
      </select>
    </LabelledGroup>
  );
});

type ChoiceProps = {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  id?: string;
  items: (Option & { hint?: string })[];
  type: "radio" | "checkbox";
  /** Checked values, for uncontrolled server rendering. */
  defaultValue?: string | string[];
  inline?: boolean;
  small?: boolean;
  legendClassName?: string;
  isPageHeading?: boolean;
  /** react-hook-form's register(name), spread onto each input. */
  inputProps?: Record<string, unknown>;
};

/** GOV.UK radios or checkboxes in a fieldset. */
export function Choices({
  name,
  legend,
  hint,
  error,
  id,
  items,
  type,
  defaultValue,
  inline,
  small,
  legendClassName,
  isPageHeading,
  inputProps,
}: ChoiceProps) {
  const baseId = id ?? fieldId(name);
  const checked = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue != null ? [defaultValue] : []);
  const block = type === "radio" ? "govuk-radios" : "govuk-checkboxes";
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Fieldset
        legend={legend}
        legendClassName={legendClassName ?? (isPageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--s")}
        isPageHeading={isPageHeading}
        describedBy={describedBy(baseId, hint, error)}
      >
        {hint ? <Hint id={`${baseId}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${baseId}-error`}>{error}</ErrorMessage> : null}
        <div
          className={[block, inline ? `${block}--inline` : null, small ? `${block}--small` : null].filter(Boolean).join(" ")}
          data-module={block}
        >
          {items.map((item, i) => {
            const itemId = i === 0 ? baseId : `${baseId}-${i + 1}`;
            return (
              <div className={`${block}__item`} key={item.value}>
                <input
                  className={`${block}__input`}
                  id={itemId}
                  name={name}
                  type={type}
                  value={item.value}
                  defaultChecked={checked.has(item.value)}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                  {...inputProps}
                />
                <label className={`govuk-label ${block}__label`} htmlFor={itemId}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div id={`${itemId}-item-hint`} className={`govuk-hint ${block}__hint`}>
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
