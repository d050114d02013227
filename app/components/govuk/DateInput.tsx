import type { InputHTMLAttributes, ReactNode } from "react";
import { DATE_HINT, DATE_PARTS, type DatePart, type DateParts } from "~/forms/field-checks";
import { fieldId } from "~/forms/form-data";
import { ErrorMessage, Fieldset, Hint } from "./Fields";

const PART_LABELS: Record<DatePart, string> = { day: "Day", month: "Month", year: "Year" };
const PART_WIDTHS: Record<DatePart, string> = { day: "govuk-input--width-2", month: "govuk-input--width-2", year: "govuk-input--width-4" };

/** What react-hook-form's register() gives one input (name, ref, onChange, onBlur), or nothing without a form library. */
type PartProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type" | "className"> & { ref?: React.Ref<HTMLInputElement> };

export type DateInputProps = {
  /** The date's name: the fields are NAME-day, NAME-month and NAME-year (day, month and year when empty, as the macro without a prefix). */
  name: string;
  legend: ReactNode;
  /** Defaults to GOV.UK's "For example, 27 3 2026"; null for none. */
  hint?: ReactNode | null;
  error?: string;
  /** Which fields are wrong (only those get the red border); all three when there is an error and this is not given. */
  errorParts?: readonly DatePart[];
  id?: string;
  /** The values to show, for server rendering and a form handed back. */
  values?: DateParts;
  legendClassName?: string;
  isPageHeading?: boolean;
  /** Props for each field, such as react-hook-form's register(`${name}-day`). */
  partProps?: (part: DatePart) => PartProps;
  autoFocus?: boolean;
  formGroupClassName?: string;
};

/** GOV.UK date input: the day, month and year fields in a fieldset, as govuk-frontend's macro renders it. */
export function DateInput({
  name,
  legend,
  hint = DATE_HINT,
  error,
  errorParts,
  id,
  values,
  legendClassName,
  isPageHeading,
  partProps,
  autoFocus,
  formGroupClassName,
}: DateInputProps) {
  const baseId = id ?? fieldId(name);
  const inError = new Set<DatePart>(errorParts ?? (error ? DATE_PARTS : []));
  const describedBy = [hint ? `${baseId}-hint` : null, error ? `${baseId}-error` : null].filter(Boolean).join(" ") || undefined;
  const firstInError = DATE_PARTS.find((p) => inError.has(p)) ?? "day";
  return (
    <div className={["govuk-form-group", error ? "govuk-form-group--error" : null, formGroupClassName].filter(Boolean).join(" ")}>
      <Fieldset
        role="group"
        describedBy={describedBy}
        legend={legend}
        legendClassName={legendClassName ?? (isPageHeading ? "govuk-fieldset__legend--l" : undefined)}
        isPageHeading={isPageHeading}
      >
        {hint ? <Hint id={`${baseId}-hint`}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={`${baseId}-error`}>{error}</ErrorMessage> : null}
        <div className="govuk-date-input" id={baseId}>
          {DATE_PARTS.map((part) => {
            const props = partProps?.(part) ?? { name: name ? `${name}-${part}` : part };
            return (
              <div className="govuk-date-input__item" key={part}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={`${baseId}-${part}`}>
                    {PART_LABELS[part]}
                  </label>
                  <input
                    className={[
                      "govuk-input",
                      "govuk-date-input__input",
                      inError.has(part) ? "govuk-input--error" : null,
                      PART_WIDTHS[part],
                    ]
                      .filter(Boolean)
                      .join(" ")}
                    id={`${baseId}-${part}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={values?.[part] ?? undefined}
                    autoFocus={(autoFocus && part === firstInError) || undefined}
                    {...props}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}
