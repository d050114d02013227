// Our form field components against the markup govuk-frontend's own macros render (its fixtures.json),
// for the options the app uses: labels (and a label as the page heading), hints, error messages, widths,
// values, radios and checkboxes (inline, small, with hints on items, checked), and fieldsets.
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Choices, ErrorMessage, Fieldset, Hint, Label, Select, Textarea, TextInput } from "~/components/govuk/Fields";
import { govukFixture, normaliseHtml } from "../support/govuk-fixtures";

type Text = { text: string; classes?: string; isPageHeading?: boolean };
type Options = {
  id?: string;
  idPrefix?: string;
  name: string;
  classes?: string;
  value?: string;
  rows?: number;
  label: Text;
  hint?: Text;
  errorMessage?: Text;
  fieldset: { legend: Text };
  formGroup?: { classes?: string };
  items: { value: string | number; text: string; checked?: boolean; selected?: boolean; disabled?: boolean; hint?: Text }[];
};

function same(component: string, fixtureName: string, render: (o: Options) => ReactElement) {
  it(`${component}: "${fixtureName}"`, () => {
    const fixture = govukFixture(component, fixtureName);
    expect(normaliseHtml(renderToStaticMarkup(render(fixture.options as Options)))).toBe(normaliseHtml(fixture.html));
  });
}

const field = (o: Options) => ({
  name: o.name,
  id: o.id ?? o.name,
  label: o.label.text,
  labelClassName: o.label.classes,
  isPageHeading: o.label.isPageHeading,
  hint: o.hint?.text,
  error: o.errorMessage?.text,
});

const input = (o: Options) => createElement(TextInput, { ...field(o), widthClass: o.classes, defaultValue: o.value });
const textarea = (o: Options) => createElement(Textarea, { ...field(o), rows: o.rows, defaultValue: o.value });
const select = (o: Options) =>
  createElement(Select, {
    ...field(o),
    options: o.items.map((i) => ({ value: String(i.value), label: i.text, disabled: i.disabled })),
    defaultValue: o.items.find((i) => i.selected)?.value?.toString(),
  });
const choices = (type: "radio" | "checkbox") => (o: Options) => {
  const block = type === "radio" ? "govuk-radios" : "govuk-checkboxes";
  return createElement(Choices, {
    type,
    name: o.name,
    id: o.idPrefix ?? o.name,
    // The macro's legend has no size class unless given one; ours defaults to small, so say "none" as the fixture does.
    legend: o.fieldset.legend.text,
    legendClassName: o.fieldset.legend.classes ?? "",
    isPageHeading: o.fieldset.legend.isPageHeading,
    hint: o.hint?.text,
    error: o.errorMessage?.text,
    inline: o.classes?.split(" ").includes(`${block}--inline`),
    small: o.classes?.split(" ").includes(`${block}--small`),
    items: o.items.map((i) => ({ value: String(i.value), label: i.text, hint: i.hint?.text })),
    defaultValue: o.items.filter((i) => i.checked).map((i) => String(i.value)),
  });
};

describe("GOV.UK form fields match govuk-frontend's fixtures", () => {
  for (const name of [
    "default",
    "with hint text",
    "with error message",
    "with error and hint",
    "with width-2 class",
    "with width-20 class",
  ])
    same("input", name, input);
  same("input", "with label as page heading", input);

  for (const name of ["default", "with hint", "with error message", "with default value", "with custom rows", "with label as page heading"])
    same("textarea", name, textarea);

  for (const name of ["default", "with hint text and error message", "with label as page heading"]) same("select", name, select);

  // (Fixtures with per-item ids or names, HTML hints or conditional reveals use what the app does not.)
  for (const name of ["default", "with hint", "inline", "small inline", "with very long option text", "with fieldset and error message"])
    same("radios", name, choices("radio"));

  for (const name of ["default", "with hint", "with legend as a page heading", "with error message", "with very long option text"])
    same("checkboxes", name, choices("checkbox"));

  for (const name of ["default", "styled as medium text", "styled as small text", "as page heading l"])
    same("fieldset", name, (o) =>
      createElement(Fieldset, {
        legend: (o as unknown as { legend: Text }).legend.text,
        legendClassName: (o as unknown as { legend: Text }).legend.classes,
        isPageHeading: (o as unknown as { legend: Text }).legend.isPageHeading,
      }),
    );

  for (const name of ["default", "styled as large text", "as page heading l"])
    same("label", name, (o) => {
      const l = o as unknown as Text;
      return createElement(Label, { className: l.classes, isPageHeading: l.isPageHeading, children: l.text });
    });

  same("hint", "default", (o) => createElement(Hint, { children: (o as unknown as Text).text }));
  same("error-message", "default", (o) => createElement(ErrorMessage, { children: (o as unknown as Text).text }));
});
