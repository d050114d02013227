import { Link } from "@remix-run/react";
import { FilterPanel } from "~/components/filters/FilterPanel";
import { Select, TextInput, type Option } from "~/components/govuk";
import { ORGANISATION_KIND_LABELS } from "~/domain/format";
import { organisationsInWords, shortNameOf } from "~/domain/organisation-names";
import { DUE_WINDOW_LABELS, DUE_WINDOWS, registerQuery } from "~/forms/action-register";
import type { RegisterFilters } from "~/forms/actions";
import type { RegisterCounts } from "~/models/action-register.server";
import { ACTION_KIND_LABELS, ACTION_OWNER_TYPE_LABELS, ACTION_STATUS_LABELS } from "~/domain/engagement-labels";

type RegisterChoicesView = {
  organisations: { id: number; name: string; shortName: string | null; slug: string }[];
  themes: { id: number; name: string }[];
  staff: { id: number; name: string }[];
};

const labelWithCount = (label: string, n: number | undefined) => `${label} (${(n ?? 0).toLocaleString("en-GB")})`;

/** The filters as a GET form: bookmarkable, and works without JavaScript. */
export function RegisterFilterForm({
  filters,
  ownerParam,
  counts,
  choices,
  organisationsShown = [],
  me,
}: {
  filters: RegisterFilters;
  ownerParam: string;
  counts: RegisterCounts;
  choices: RegisterChoicesView;
  /** The organisations of an address that names several (a force and its policing body), else none. */
  organisationsShown?: { id: number; slug: string; name: string; shortName: string | null; kind: string; forceId: number | null }[];
  me: { id: number; canOwn: boolean };
}) {
  const sum = (map: Record<string, number>) => Object.values(map).reduce((a, b) => a + b, 0);
  // Words matching too many actions to count by filter value: every choice is offered, without a figure.
  const uncounted = counts.wordsCappedAt !== undefined;
  const withCount = (label: string, n: number | undefined) => (uncounted ? label : labelWithCount(label, n));
  const offered = (n: number | undefined) => uncounted || Boolean(n);
  const ownerOptions: Option[] = [
    { value: "all", label: withCount("Everyone", sum(counts.owner)) },
    ...(me.canOwn
      ? [
          { value: "mine", label: withCount("Mine and my meetings'", counts.mine) },
          { value: "me", label: withCount("My actions", counts.owner[String(me.id)]) },
        ]
      : []),
    ...choices.staff
      .filter((s) => s.id !== me.id && (offered(counts.owner[String(s.id)]) || ownerParam === String(s.id)))
      .map((s) => ({ value: String(s.id), label: withCount(s.name, counts.owner[String(s.id)]) })),
    { value: "office", label: withCount(`${ACTION_OWNER_TYPE_LABELS.office} (no named person)`, counts.owner.office) },
    { value: "stakeholder", label: withCount(ACTION_OWNER_TYPE_LABELS.stakeholder, counts.owner.stakeholder) },
  ];
  const organisationOptions: Option[] = choices.organisations
    .filter((o) => offered(counts.organisation[String(o.id)]) || filters.organisation === o.slug)
    .map((o) => ({ value: o.slug, label: withCount(shortNameOf(o), counts.organisation[String(o.id)]) }))
    .sort((a, b) => a.label.localeCompare(b.label, "en-GB"));
  // Several organisations together are one choice of their own, first, so the form sends them on as they came.
  if (organisationsShown.length > 1)
    organisationOptions.unshift({
      value: organisationsShown.map((o) => o.slug).join(","),
      label: withCount(
        organisationsInWords(organisationsShown),
        organisationsShown.reduce((n, o) => n + (counts.organisation[String(o.id)] ?? 0), 0),
      ),
    });
  const themeOptions: Option[] = choices.themes
    .filter((t) => offered(counts.theme[String(t.id)]) || filters.theme === t.id)
    .map((t) => ({ value: String(t.id), label: withCount(t.name, counts.theme[String(t.id)]) }));
  const kindOptions: Option[] = (Object.keys(ACTION_KIND_LABELS) as (keyof typeof ACTION_KIND_LABELS)[]).map((k) => ({
    value: k,
    label: withCount(ACTION_KIND_LABELS[k], counts.kind[k]),
  }));
  const statusOptions: Option[] = (["open", "in_progress"] as const).map((s) => ({
    value: s,
    label: withCount(ACTION_STATUS_LABELS[s], counts.status[s]),
  }));
  const orgKindOptions: Option[] = (Object.keys(ORGANISATION_KIND_LABELS) as (keyof typeof ORGANISATION_KIND_LABELS)[])
    .filter((k) => offered(counts.orgKind[k]) || filters.orgKind === k)
    .map((k) => ({ value: k, label: withCount(ORGANISATION_KIND_LABELS[k], counts.orgKind[k]) }));
  const dueOptions: Option[] = DUE_WINDOWS.map((w) => ({ value: w, label: withCount(DUE_WINDOW_LABELS[w], counts.due[w]) }));

  return (
    <FilterPanel
      heading="Filter actions"
      action="/actions"
      className="app-register-filters"
      buttonGroupClassName="govuk-button-group"
      clear={{ to: "/actions?owner=all", className: "govuk-link govuk-link--no-visited-state" }}
    >
      <div className="app-filter-grid">
        <Select name="owner" label="Whose" labelClassName="govuk-label--s" options={ownerOptions} defaultValue={ownerParam} />
        {[
          { name: "due", label: "Due", options: dueOptions, placeholder: "Any time", value: filters.due },
          { name: "kind", label: "Kind", options: kindOptions, placeholder: "Both kinds", value: filters.kind },
          { name: "status", label: "Status", options: statusOptions, placeholder: "Open or in progress", value: filters.status },
          {
            name: "organisation",
            label: "Organisation",
            options: organisationOptions,
            placeholder: "All organisations",
            value: filters.organisation,
          },
          { name: "orgKind", label: "Kind of organisation", options: orgKindOptions, placeholder: "All kinds", value: filters.orgKind },
          {
            name: "theme",
            label: "Theme",
            options: themeOptions,
            placeholder: "All themes",
            value: filters.theme ? String(filters.theme) : "",
          },
        ].map(({ value, ...f }) => (
          <Select key={f.name} {...f} labelClassName="govuk-label--s" defaultValue={value ?? ""} />
        ))}
        <TextInput
          name="q"
          label="Words in the action or its organisation"
          labelClassName="govuk-label--s"
          defaultValue={filters.q ?? ""}
          maxLength={200}
          spellCheck={false}
        />
      </div>
    </FilterPanel>
  );
}

/** The due windows as four figures at the top of the register, each a link that filters by it. */
export function DueWindowSummary({
  filters,
  ownerParam,
  counts,
}: {
  filters: RegisterFilters;
  ownerParam: string;
  counts: RegisterCounts;
}) {
  const base = { ...filters, after: undefined, before: undefined, owner: ownerParam };
  return (
    <ul className="app-figures" aria-label="Actions by when they are due">
      {DUE_WINDOWS.map((w) => {
        const active = filters.due === w;
        const href = `/actions${registerQuery({ ...base, due: active ? undefined : w })}`;
        return (
          <li key={w} className={`app-figure${w === "overdue" ? " app-figure--alert" : ""}${active ? " app-figure--active" : ""}`}>
            <Link className="govuk-link govuk-link--no-visited-state app-figure__link" to={href} aria-current={active ? "true" : undefined}>
              <span className="app-figure__number">{(counts.due[w] ?? 0).toLocaleString("en-GB")}</span>
              <span className="app-figure__label">
                {DUE_WINDOW_LABELS[w]}
                {active ? <span className="govuk-visually-hidden"> (selected: choose to remove this filter)</span> : null}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
