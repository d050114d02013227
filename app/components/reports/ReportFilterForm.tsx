import { Link } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { DateRangeFields } from "~/components/filters/FilterPanel";
import { Choices, ErrorMessage } from "~/components/govuk";
import type { DateParts } from "~/forms/field-checks";
import type { FieldErrors } from "~/forms/form-data";
import { ENGAGEMENT_KIND_LABELS } from "~/domain/engagement-labels";
import { ENGAGEMENT_KINDS, ORGANISATION_KINDS } from "~/domain/enums";
import { ORGANISATION_KIND_LABELS, ORGANISATION_KIND_PLURALS } from "~/domain/format";
import { REPORT_PART_LABELS, REPORT_PARTS } from "~/forms/report-parts";

/**
 * A group of checkboxes folded into a GOV.UK details, so the builder is a short column of headings
 * rather than some thirty checkboxes: open when something in it is chosen or wrong.
 */
function FoldedGroup({ summary, chosen, error, children }: { summary: string; chosen: number; error?: string; children: ReactNode }) {
  return (
    <details className="govuk-details app-report-org-group" open={chosen > 0 || Boolean(error)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">
          {summary}
          {chosen ? ` (${chosen} chosen)` : ""}
        </span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

export type ReportFormValues = {
  /** The period's dates as their date inputs show them. */
  from: DateParts;
  to: DateParts;
  organisation: string[];
  orgKind: string[];
  theme: string[];
  kind: string[];
  include: string[];
};

type Choices = {
  /** `label`: both names, short first (shortAndFullName); a search matches either. */
  organisations: { slug: string; label: string; kind: string; archived: boolean }[];
  themes: { id: number; name: string }[];
};

/**
 * The organisations, one GOV.UK details per kind: 113 checkboxes, but only the groups in use open. With
 * JavaScript, a search box above them shows only the organisations whose name matches and opens their groups.
 */
function OrganisationPicker({
  organisations,
  selected,
  error,
}: {
  organisations: Choices["organisations"];
  selected: string[];
  error?: string;
}) {
  const chosen = new Set(selected);
  const [enhanced, setEnhanced] = useState(false);
  const [query, setQuery] = useState("");
  useEffect(() => setEnhanced(true), []);
  const needle = query.trim().toLowerCase();
  // The short name ("Europol") and the formal name both find it.
  const matches = (o: { label: string }) => !needle || o.label.toLowerCase().includes(needle);
  const groups = ORGANISATION_KINDS.map((kind) => ({ kind, organisations: organisations.filter((o) => o.kind === kind) })).filter(
    (g) => g.organisations.length,
  );
  const matching = needle ? organisations.filter(matches).length : null;
  let first = true;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={`organisation-hint${error ? " organisation-error" : ""}`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Organisations</legend>
        <div id="organisation-hint" className="govuk-hint">
          Engagements with any of these. Open a group to choose.
        </div>
        {error ? <ErrorMessage id="organisation-error">{error}</ErrorMessage> : null}
        {enhanced ? (
          <div className="govuk-form-group govuk-!-margin-bottom-3">
            <label className="govuk-label govuk-label--s" htmlFor="organisation-search">
              Find an organisation
            </label>
            {/* No name: it filters the list below and is never submitted. */}
            <input
              className="govuk-input"
              id="organisation-search"
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              aria-describedby="organisation-search-count"
            />
            <p id="organisation-search-count" className="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" role="status">
              {matching === null ? "" : matching === 1 ? "1 organisation matches" : `${matching} organisations match`}
            </p>
          </div>
        ) : null}
        {groups.map((group) => {
          const count = group.organisations.filter((o) => chosen.has(o.slug)).length;
          const shown = group.organisations.filter(matches).length;
          return (
            <details
              className="govuk-details app-report-org-group"
              key={group.kind}
              open={needle ? shown > 0 : count > 0 || Boolean(error)}
              hidden={Boolean(needle) && shown === 0}
            >
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">
                  {ORGANISATION_KIND_PLURALS[group.kind]}
                  {count ? ` (${count} chosen)` : ""}
                </span>
              </summary>
              <div className="govuk-details__text">
                <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                  {group.organisations.map((o) => {
                    const id = first ? "organisation" : `organisation-${o.slug}`;
                    first = false;
                    return (
                      <div className="govuk-checkboxes__item" key={o.slug} hidden={!matches(o)}>
                        <input
                          className="govuk-checkboxes__input"
                          id={id}
                          name="organisation"
                          type="checkbox"
                          value={o.slug}
                          defaultChecked={chosen.has(o.slug)}
                        />
                        <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                          {o.label}
                          {o.archived ? " (archived)" : ""}
                        </label>
                      </div>
                    );
                  })}
                </div>
              </div>
            </details>
          );
        })}
      </fieldset>
    </div>
  );
}

/** The builder's fields (the form element and its button are the page's). Works as a plain GET form. */
export function ReportFilterForm({
  values,
  errors,
  choices,
  presets,
}: {
  values: ReportFormValues;
  errors?: FieldErrors | null;
  choices: Choices;
  presets: { id: string; label: string; href: string; current: boolean }[];
}) {
  const e = errors ?? {};
  return (
    <>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset" aria-describedby="period-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Period</legend>
          <div id="period-hint" className="govuk-hint">
            Both dates are included.
          </div>
          <p className="govuk-body-s govuk-!-margin-bottom-1" id="presets-label">
            Quick periods:
          </p>
          <ul className="govuk-list govuk-body-s app-report-presets" aria-labelledby="presets-label">
            {presets.map((p) => (
              <li key={p.id} className={p.current ? "app-report-presets__current" : undefined}>
                {/* The chosen period is marked for everyone: in words, in bold, and as the current one to assistive technology. */}
                <Link className="govuk-link" to={p.href} data-preset={p.id} aria-current={p.current ? "true" : undefined}>
                  {p.label}
                </Link>
                {p.current ? <strong className="govuk-tag govuk-tag--blue app-report-presets__tag">Chosen</strong> : null}
              </li>
            ))}
          </ul>
          <DateRangeFields
            dates={values}
            errors={e}
            legendClassName="govuk-fieldset__legend--s app-legend--regular"
            toHint="For example, 31 3 2027"
          />
        </fieldset>
      </div>

      <FoldedGroup summary="Kinds of organisation" chosen={values.orgKind.length} error={e.orgKind}>
        <Choices
          type="checkbox"
          small
          name="orgKind"
          legend="Kinds of organisation"
          hint="Engagements with any organisation of these kinds, or with any organisation chosen below."
          items={ORGANISATION_KINDS.map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS[k] }))}
          defaultValue={values.orgKind}
          error={e.orgKind}
        />
      </FoldedGroup>

      <OrganisationPicker organisations={choices.organisations} selected={values.organisation} error={e.organisation} />

      {choices.themes.length ? (
        <FoldedGroup summary="Themes" chosen={values.theme.length} error={e.theme}>
          <Choices
            type="checkbox"
            small
            name="theme"
            legend="Themes"
            hint="Engagements with any of these themes."
            items={choices.themes.map((t) => ({ value: String(t.id), label: t.name }))}
            defaultValue={values.theme}
            error={e.theme}
          />
        </FoldedGroup>
      ) : e.theme ? (
        <div className="govuk-form-group govuk-form-group--error">
          <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">Themes</p>
          <ErrorMessage id="theme-error">{e.theme}</ErrorMessage>
          <p className="govuk-body" id="theme">
            No themes have been recorded yet.
          </p>
        </div>
      ) : null}

      <FoldedGroup summary="Kinds of engagement" chosen={values.kind.length} error={e.kind}>
        <Choices
          type="checkbox"
          small
          name="kind"
          legend="Kinds of engagement"
          items={ENGAGEMENT_KINDS.map((k) => ({ value: k, label: ENGAGEMENT_KIND_LABELS[k] }))}
          defaultValue={values.kind}
          error={e.kind}
        />
      </FoldedGroup>

      {/* Always sent, so that "nothing ticked" differs from a URL without `include` (which means everything). */}
      <input type="hidden" name="include" value="" />
      <Choices
        type="checkbox"
        small
        name="include"
        legend="What to include"
        hint="Dates, organisations, purpose and summary are always included."
        items={REPORT_PARTS.map((p) => ({ value: p, label: REPORT_PART_LABELS[p] }))}
        defaultValue={values.include}
        error={e.include}
      />
    </>
  );
}
