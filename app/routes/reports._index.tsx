import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Button, ErrorSummary } from "~/components/govuk";
import { ReportFilterForm, type ReportFormValues } from "~/components/reports/ReportFilterForm";
import { ReportPreview } from "~/components/reports/ReportPreview";
import { periodPresets } from "~/components/reports/presets";
import { calendarItemCounts } from "~/models/report/calendar.server";
import { listReportChoices } from "~/models/report/choices.server";
import { previewReportEngagements, reportStatistics, summaryExportSize } from "~/models/report/statistics.server";
import { isSummaryExportFormat, summaryTooLargeMessage } from "~/domain/report-limits";

/** How many of a report's engagements its preview lists (the count says how many in all). */
const PREVIEW_LIMIT = 10;
import { todayInUk } from "~/domain/dates";
import { shortAndFullName } from "~/domain/organisation-names";
import { DATE_PARTS, datePartsOf } from "~/forms/field-checks";
import type { FormValues } from "~/forms/form-data";
import { parseReportQuery } from "~/routes/__report-request.server";
import { requireUser } from "~/server/auth.server";
import { isReportRequested, REPORT_FIELD_ORDER, REPORT_PARTS } from "~/forms/report-parts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.failure ? "Error: " : ""}Reports – Stakeholder Engagement Tracker` },
];

function asList(value: unknown): string[] {
  if (value == null) return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== "");
}

/** What the form shows after a failed parse: what was sent, as text. */
function submittedValues(values: FormValues, params: URLSearchParams): ReportFormValues {
  return {
    from: datePartsOf(values, "from"),
    to: datePartsOf(values, "to"),
    organisation: asList(values.organisation),
    orgKind: asList(values.orgKind),
    theme: asList(values.theme),
    kind: asList(values.kind),
    include: params.has("include") ? asList(values.include) : [...REPORT_PARTS],
  };
}

/**
 * The organisations and themes to choose from, as the form shows them: each organisation's label (both its names)
 * worked out once here, so the page's data for hydration holds one name, not two (decision 0032).
 */
function pickerChoices() {
  const { organisations, themes } = listReportChoices();
  return {
    organisations: organisations.map((o) => ({ slug: o.slug, label: shortAndFullName(o), kind: o.kind, archived: o.archived })),
    themes,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request); // every role may build and export reports: viewers read everything
  const url = new URL(request.url);
  const params = url.searchParams;
  const today = todayInUk();
  const presets = periodPresets(today).map((p) => {
    const next = new URLSearchParams(params);
    next.set("from", p.from);
    next.set("to", p.to);
    for (const part of DATE_PARTS) {
      next.delete(`from-${part}`);
      next.delete(`to-${part}`);
    }
    return { id: p.id, label: p.label, href: `/reports?${next.toString()}`, from: p.from, to: p.to };
  });
  const requested = isReportRequested(params) ? parseReportQuery(params) : null;
  const chosen = requested?.ok ? requested.filters : null;
  const base = {
    today,
    presets: presets.map(({ from, to, ...p }) => ({ ...p, current: Boolean(chosen && chosen.from === from && chosen.to === to) })),
    choices: pickerChoices(),
  };

  if (!requested) {
    const values: ReportFormValues = { from: {}, to: {}, organisation: [], orgKind: [], theme: [], kind: [], include: [...REPORT_PARTS] };
    return json({ ...base, values, failure: null, report: null });
  }
  const parsed = requested;
  if (!parsed.ok) {
    return json(
      { ...base, values: submittedValues(parsed.values, params), failure: { fieldErrors: parsed.fieldErrors }, report: null },
      { status: 400 },
    );
  }
  const { filters } = parsed;
  const values: ReportFormValues = {
    from: datePartsOf(filters, "from"),
    to: datePartsOf(filters, "to"),
    organisation: filters.organisation,
    orgKind: filters.orgKind,
    theme: filters.theme.map(String),
    kind: filters.kind,
    include: filters.include,
  };
  const calendar = calendarItemCounts({ filters, today });
  // Sent back here by a summary export that was too large: say so at the period (GOV.UK error pattern).
  const refused = params.get("refused");
  const size = isSummaryExportFormat(refused) ? summaryExportSize({ filters, format: refused }) : null;
  const failure =
    isSummaryExportFormat(refused) && size && !size.allowed
      ? { fieldErrors: { from: summaryTooLargeMessage(refused, size.engagements) } }
      : null;
  const statistics = reportStatistics({ filters, today });
  return json({
    ...base,
    values,
    failure,
    report: {
      query: parsed.query,
      from: filters.from,
      to: filters.to,
      statistics,
      engagements: previewReportEngagements({ filters, limit: PREVIEW_LIMIT }),
      // The rows of the actions spreadsheet: every action of the report's engagements, which the statistics have
      // counted already (countReportActions counts the same; tests/integration/report-statistics-recount.test.ts).
      actions: statistics.commitments.made + statistics.followUps.made,
      calendar: { engagements: calendar.engagements, actions: calendar.actions },
    },
  });
}

export default function Reports() {
  const { today, presets, choices, values, failure, report } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const location = useLocation();
  const errors = failure?.fieldErrors;
  return (
    <div className="app-report-page">
      <ErrorSummary errors={errors} order={REPORT_FIELD_ORDER} />
      <h1 className="govuk-heading-l">Reports</h1>
      <p className="govuk-body govuk-!-width-two-thirds">
        Export the engagements of a period, with what was agreed and what was delivered, as a Word document, spreadsheets, a printable page
        or a calendar. Every report has its own web address: bookmark it or share it to make the same report again.
      </p>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-third">
          <div className="app-filter-panel">
            <h2 className="govuk-heading-m">Choose what to report</h2>
            {/* Keyed by the query so that a quick period (a link) refills the fields when JavaScript navigates. */}
            <Form method="get" action="/reports" noValidate key={location.search}>
              <ReportFilterForm values={values} errors={errors} choices={choices} presets={presets} />
              <div className="govuk-button-group">
                <Button disabled={navigation.state === "loading" && navigation.location?.pathname === "/reports"}>Show report</Button>
                <Link className="govuk-link" to="/reports">
                  Clear all
                </Link>
              </div>
            </Form>
          </div>
        </div>
        <div className="govuk-grid-column-two-thirds">
          {report ? (
            <ReportPreview report={report} today={today} />
          ) : errors ? (
            <p className="govuk-body">Correct the errors in the form to see the report.</p>
          ) : (
            <>
              <h2 className="govuk-heading-m">No report yet</h2>
              <p className="govuk-body">
                Choose a period, or one of the quick periods, and any filters, then select <strong>Show report</strong>. You will see how
                many engagements and actions it covers and can download it.
              </p>
              <p className="govuk-body">Leave a filter empty to include everything.</p>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
