import { memo } from "react";
import { Choices, TextInput } from "~/components/govuk";
import type { EngagementFormValues } from "~/forms/engagement-values";
import { startValue, type FormContext, type FormOptions } from "./context";

/** Themes (or a new one) and the protective marking. */
export const ThemesSection = memo(function ThemesSection({
  ctx,
  themes,
  markingOnly,
}: {
  ctx: FormContext;
  themes: FormOptions["themes"];
  markingOnly?: boolean;
}) {
  const { register } = ctx.form;
  const e = ctx.errors;
  const chosen = themeDefaults(ctx.start.themeIds).length > 0 || Boolean(startValue(ctx.start, "newTheme"));
  const themeFields = (
    <>
      {themes.length ? (
        <div className="app-theme-choices">
          <Choices
            type="checkbox"
            name="themeIds"
            legend="Themes (optional)"
            items={themes.map((t) => ({ value: String(t.id), label: t.name }))}
            defaultValue={themeDefaults(ctx.start.themeIds)}
            error={e.themeIds}
            small
            inputProps={register("themeIds")}
          />
        </div>
      ) : null}
      <TextInput
        label={themes.length ? "Add a new theme (optional)" : "Theme (optional)"}
        hint="Only if none of the themes fits"
        {...register("newTheme")}
        defaultValue={startValue(ctx.start, "newTheme")}
        error={e.newTheme}
        widthClass="govuk-input--width-20"
        autoComplete="off"
      />
    </>
  );
  return (
    <section aria-labelledby="section-themes" className="app-form-section">
      <h2 className="govuk-heading-m" id="section-themes">
        {markingOnly ? "Marking" : "Themes and marking"}
      </h2>
      {markingOnly ? null : chosen || e.themeIds || e.newTheme ? (
        themeFields
      ) : (
        // Folded until wanted: a dozen checkboxes are a dozen Tab stops for the many engagements without a theme.
        <details className="govuk-details app-folded-rows">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Add themes</span>
          </summary>
          <div className="govuk-details__text">{themeFields}</div>
        </details>
      )}
      <Choices
        type="radio"
        name="marking"
        legend="Protective marking"
        hint="Every page and export of this engagement shows it"
        items={[
          { value: "OFFICIAL", label: "OFFICIAL" },
          { value: "OFFICIAL-SENSITIVE", label: "OFFICIAL-SENSITIVE" },
        ]}
        defaultValue={startValue(ctx.start, "marking") || "OFFICIAL"}
        error={e.marking}
        inline
        small
        inputProps={register("marking")}
      />
    </section>
  );
});

function themeDefaults(value: EngagementFormValues["themeIds"]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string" && value) return [value];
  return [];
}
