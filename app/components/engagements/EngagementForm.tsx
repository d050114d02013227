import { Form, Link } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { Button, ErrorMessage, ErrorSummary, Textarea, type Option } from "~/components/govuk";
import { useErrorTitle } from "~/components/page-title";
import type { ActionStatus } from "~/domain/engagement-labels";
import { formatDate } from "~/domain/format";
import { engagementSchema, withDateParts, type EngagementFormValues } from "~/forms/engagement";
import type { FormFailure } from "~/forms/form-data";
import { useValidatedForm } from "~/forms/use-validated-form";
import type { ConflictChange } from "./EngagementConflictNotice";
import { ActionsSection } from "./form/ActionsSection";
import { AgendaSection } from "./form/AgendaSection";
import { AttendeesSection } from "./form/AttendeesSection";
import { organisationLabel, startValue, type FormContext, type FormOptions } from "./form/context";
import { DetailsFields, TitleField } from "./form/DetailsFields";
import { OrganisationsField } from "./form/OrganisationsField";
import { ThemesSection } from "./form/ThemesSection";

export type { FormOptions } from "./form/context";

export type EngagementFailure = FormFailure & {
  focus?: string;
  conflict?: { version: number; actionVersions: Record<string, number>; baseline: Record<string, string>; changes: ConflictChange[] };
};

export const FIELD_ORDER = [
  "title",
  "organisations",
  "kind",
  "status",
  "date",
  "startTime",
  "endTime",
  "durationMinutes",
  "format",
  "location",
  "country",
  "leadUserId",
  "purpose",
  "attendees",
  "agenda",
  "summary",
  "commitments",
  "followUps",
  "themeIds",
  "newTheme",
  "marking",
  "resolvesActionId",
  "version",
];

type Props = {
  mode: "new" | "edit";
  /** New: the one-time key, so a post sent twice records one engagement. */
  createKey?: string;
  initial: EngagementFormValues;
  failure?: EngagementFailure | null;
  options: FormOptions;
  currentUserId: number;
  /** Edit: the actions the form was loaded with (id to version), and their status, for the Remove buttons. */
  loadedActions?: Record<string, number>;
  /** Edit: fingerprints of what the form was loaded with, posted back so a conflict can tell whose change is whose. */
  baseline?: Record<string, string>;
  actionStatus?: Record<string, { status: ActionStatus; resolved: boolean }>;
  /** New, from an open follow-up: the follow-up this engagement resolves. */
  resolves?: { id: number; description: string; engagementId: number; engagementTitle: string; engagementDate: string } | null;
  heading: ReactNode;
  intro?: ReactNode;
  submitLabel: string;
  cancelTo: string;
  /** Where the form posts: the page's own path, without any query (after a row button the address has ?restructure). */
  action: string;
  /** Where the row buttons post without JavaScript: this page with ?restructure, so it is not titled an error. */
  restructureAction: string;
};

/**
 * The engagement form: one page, one submit for the common case. Repeating sections are
 * react-hook-form field arrays in the browser; without JavaScript their buttons post the form and
 * the server hands it back restructured. Rows left empty are ignored.
 */
export function EngagementForm(props: Props) {
  const { mode, failure, options, currentUserId, loadedActions, baseline, actionStatus, resolves } = props;
  // What the person typed (handed back after a failed post), or what was loaded; dates as their three fields.
  const start = withDateParts(failureValues(failure) ?? props.initial);
  const { form, errors, onSubmit } = useValidatedForm(engagementSchema(mode), { defaultValues: start, failure });
  useErrorTitle(Object.keys(errors).length > 0);

  // Until the browser's JavaScript runs, show every field (a plain form); then only the relevant ones.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => setEnhanced(true), []);

  const ctx: FormContext = { form, errors, start, focus: failure?.focus, enhanced, restructureAction: props.restructureAction };
  const { register, watch } = form;

  const chosenOrgs = (watch("organisations") ?? [])
    .map((row) => options.organisations.find((o) => String(o.id) === row?.organisationId))
    .filter((o): o is FormOptions["organisations"][number] => Boolean(o));
  const staffOptions: Option[] = options.staff.map((u) => ({ value: String(u.id), label: u.name }));
  const agendaOptions: Option[] = (watch("agenda") ?? [])
    .map((a, i) => ({ value: a?.key ?? "", label: a?.title?.trim() ? `${i + 1}. ${a.title.trim().slice(0, 60)}` : `Agenda item ${i + 1}` }))
    .filter((o) => o.value);
  const actionOrgOptions: Option[] = chosenOrgs.map((o) => ({ value: String(o.id), label: organisationLabel(o) }));

  return (
    <>
      <ErrorSummary errors={errors} order={FIELD_ORDER} />
      {props.heading}
      {props.intro}
      <Form method="post" action={props.action} noValidate onSubmit={onSubmit} className="app-engagement-form">
        {props.createKey ? <input type="hidden" name="createKey" value={props.createKey} readOnly /> : null}
        {mode === "edit" ? <input type="hidden" {...register("version")} defaultValue={startValue(start, "version")} /> : null}
        {loadedActions ? (
          <input
            type="hidden"
            name="loadedActions"
            value={Object.entries(loadedActions)
              .map(([id, ver]) => `${id}:${ver}`)
              .join(",")}
          />
        ) : null}
        {baseline ? <input type="hidden" name="baseline" value={JSON.stringify(baseline)} /> : null}
        {resolves ? (
          <>
            <input type="hidden" {...register("resolvesActionId")} defaultValue={String(resolves.id)} />
            <div className="govuk-inset-text">
              This engagement resolves the follow-up “{resolves.description}” from{" "}
              <Link className="govuk-link" to={`/engagements/${resolves.engagementId}`}>
                {resolves.engagementTitle}
              </Link>{" "}
              on {formatDate(resolves.engagementDate)}. Saving it marks that follow-up done.
            </div>
            {errors.resolvesActionId ? <ErrorMessage id="resolvesActionId">{errors.resolvesActionId}</ErrorMessage> : null}
          </>
        ) : null}

        <section aria-labelledby="section-about" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-about">
            The engagement
          </h2>
          <TitleField ctx={ctx} />
          <OrganisationsField ctx={ctx} organisations={options.organisations} />
          <DetailsFields ctx={ctx} staff={staffOptions} />
        </section>

        <AttendeesSection ctx={ctx} staff={options.staff} organisations={chosenOrgs} contacts={options.contacts} />
        <AgendaSection ctx={ctx} />

        <section aria-labelledby="section-summary" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-summary">
            Outcomes
          </h2>
          <Textarea
            label="Summary of outcomes (optional)"
            hint="What was agreed and what happens next, in a few sentences"
            {...register("summary")}
            defaultValue={startValue(start, "summary")}
            error={errors.summary}
            rows={4}
          />
        </section>

        {(["commitment", "follow_up"] as const).map((kind) => (
          <ActionsSection
            key={kind}
            ctx={ctx}
            kind={kind}
            staff={staffOptions}
            agenda={agendaOptions}
            organisations={actionOrgOptions}
            actionStatus={actionStatus}
            currentUserId={currentUserId}
          />
        ))}

        <ThemesSection ctx={ctx} themes={options.themes} />

        <div className="govuk-button-group">
          <Button name="intent" value="save">
            {props.submitLabel}
          </Button>
          <Link className="govuk-link" to={props.cancelTo}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}

/** The values a failed post handed back: what the form posted, so of the form's own shape. */
function failureValues(failure: EngagementFailure | null | undefined): EngagementFormValues | undefined {
  return failure?.values;
}
