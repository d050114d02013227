import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Button, DateInput } from "~/components/govuk";
import { datePartsInError, type DateParts } from "~/forms/field-checks";
import type { FieldErrors } from "~/forms/form-data";

/**
 * A list's filters as a GET form (bookmarkable, and it works without JavaScript): a heading, the fields,
 * then "Apply filters" and, when something is filtered, a link that clears them.
 */
export function FilterPanel({
  heading,
  headingClassName = "govuk-heading-m",
  label,
  action,
  className,
  buttonVariant = "secondary",
  buttonGroupClassName = "govuk-button-group govuk-!-margin-bottom-0",
  clear,
  children,
}: {
  heading: string;
  headingClassName?: string;
  /** The form's accessible name, when the heading alone does not say what is filtered. */
  label?: string;
  action?: string;
  className?: string;
  buttonVariant?: "secondary" | null;
  buttonGroupClassName?: string;
  /** Where "Clear filters" goes; null while nothing is filtered. */
  clear: { to: string; className?: string } | null;
  children: ReactNode;
}) {
  return (
    <Form
      method="get"
      action={action}
      className={["app-filter-panel", className].filter(Boolean).join(" ")}
      {...(label ? { "aria-label": label } : { "aria-labelledby": "filter-heading" })}
    >
      <h2 className={headingClassName} id={label ? undefined : "filter-heading"}>
        {heading}
      </h2>
      {children}
      <div className={buttonGroupClassName}>
        <Button variant={buttonVariant ?? undefined} className="govuk-!-margin-bottom-0">
          Apply filters
        </Button>
        {clear ? (
          <Link className={clear.className ?? "govuk-link"} to={clear.to}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </Form>
  );
}

/** A period as two GOV.UK date inputs, "from" and "to", each showing its own error. */
export function DateRangeFields({
  dates,
  errors,
  legends = { from: "From", to: "To" },
  legendClassName = "govuk-fieldset__legend--s",
  toHint,
}: {
  dates: { from: DateParts; to: DateParts };
  errors: FieldErrors;
  legends?: { from: string; to: string };
  legendClassName?: string;
  /** The "to" date's hint, where it differs from the usual example. */
  toHint?: string;
}) {
  return (
    <>
      {(["from", "to"] as const).map((name) => (
        <DateInput
          key={name}
          name={name}
          legend={legends[name]}
          legendClassName={legendClassName}
          hint={name === "to" ? toHint : undefined}
          values={dates[name]}
          error={errors[name]}
          errorParts={datePartsInError(dates[name], errors[name])}
        />
      ))}
    </>
  );
}
