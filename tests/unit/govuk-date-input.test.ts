// Our DateInput against the markup govuk-frontend's own date-input macro renders, for the options the app uses:
// a name prefix, a legend, the hint, values handed back, an error message, and errors on some of the three fields.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DateInput, type DateInputProps } from "~/components/govuk/DateInput";
import type { DatePart } from "~/forms/fields";
import { govukFixture, normaliseHtml } from "../support/govuk-fixtures";

type FixtureOptions = {
  id: string;
  namePrefix?: string;
  fieldset: { legend: { text: string } };
  hint?: { text: string };
  errorMessage?: { text: string };
  values?: Record<string, number | string>;
  day?: { error?: boolean };
  month?: { error?: boolean };
  year?: { error?: boolean };
};

function propsFrom(o: FixtureOptions): DateInputProps {
  const prefix = o.namePrefix ?? "";
  const flagged = (["day", "month", "year"] as const).filter((p) => o[p]?.error);
  const value = (part: DatePart) => {
    const v = o.values?.[prefix ? `${prefix}-${part}` : part];
    return v === undefined ? undefined : String(v);
  };
  return {
    name: prefix,
    id: o.id,
    legend: o.fieldset.legend.text,
    hint: o.hint?.text ?? null,
    error: o.errorMessage?.text,
    // The macro marks every field when there is a message and no field says it is in error.
    errorParts: flagged.length ? flagged : undefined,
    values: o.values ? { day: value("day"), month: value("month"), year: value("year") } : undefined,
  };
}

const USED = [
  "default",
  "with values and name prefix",
  "with errors only",
  "with error message and hint",
  "with error on day input",
  "with error on month input",
  "with error on year input",
];

describe("the GOV.UK date input", () => {
  for (const name of USED) {
    it(`renders govuk-frontend's "${name}" fixture`, () => {
      const fixture = govukFixture("date-input", name);
      const html = renderToStaticMarkup(createElement(DateInput, propsFrom(fixture.options as FixtureOptions)));
      expect(normaliseHtml(html)).toBe(normaliseHtml(fixture.html));
    });
  }

  it("shows GOV.UK's hint unless told otherwise, and names its fields NAME-day, NAME-month and NAME-year", () => {
    const html = renderToStaticMarkup(createElement(DateInput, { name: "dueDate", legend: "Due date" }));
    expect(html).toContain("For example, 27 3 2026");
    expect(html).toContain('name="dueDate-day"');
    expect(html).toContain('name="dueDate-month"');
    expect(html).toContain('name="dueDate-year"');
  });

  it("marks only the fields in error, with the message above them", () => {
    const html = renderToStaticMarkup(
      createElement(DateInput, { name: "date", legend: "Date", error: "Date must include a month", errorParts: ["month"] }),
    );
    expect(html.indexOf("Date must include a month")).toBeLessThan(html.indexOf('id="date-day"'));
    expect(html.match(/govuk-input--error/g)).toHaveLength(1);
    expect(html).toMatch(/class="[^"]*govuk-input--error[^"]*" id="date-month"/);
  });
});
