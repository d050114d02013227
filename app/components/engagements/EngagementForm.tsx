import { Form, Link, useSubmit } from "@remix-run/react";
import { memo, startTransition, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useWatch } from "react-hook-form";
import { Button, Choices, DateInput, ErrorMessage, ErrorSummary, Textarea, type Option } from "~/components/govuk";
import { useFocusKeptThroughChange } from "~/components/keep-focus";
import { useErrorTitle } from "~/components/page-title";
import type { ActionStatus } from "~/domain/engagement-labels";
import { formatDate } from "~/domain/format";
import { withDateParts, type EngagementFormValues } from "~/forms/engagement-values";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import type { FormFailure } from "~/forms/form-data";
import { useValidatedForm } from "~/forms/use-validated-form";
import type { ConflictChange } from "./EngagementConflictNotice";
import { ActionsSection } from "./form/ActionsSection";
import { AgendaSection } from "./form/AgendaSection";
import { AttendeesSection } from "./form/AttendeesSection";
import { organisationLabel, startValue, useDateParts, type FormContext, type FormOptions } from "./form/context";
import { DetailsFields, TitleField } from "./form/DetailsFields";
import { OrganisationsField } from "./form/OrganisationsField";
import { ThemesSection } from "./form/ThemesSection";

export type { FormOptions } from "./form/context";

/** The edit form's bookkeeping as it was posted, handed back with the form after any round trip. */
export type CarriedState = { loadedActions: string; baseline: string };

export type EngagementFailure = FormFailure & {
  focus?: string;
  conflict?: { version: number; actionVersions: Record<string, number>; baseline: Record<string, string>; changes: ConflictChange[] };
  carried?: CarriedState;
  /** "Copy from the last meeting": the meeting copied, or the organisation that has none. */
  copied?: { id: number; title: string } | { none: number };
};

/** "12:3,15:1": the actions (id:version) an edit form was loaded with, as it posts them. */
export function encodeLoadedActions(loaded: Record<string, number>): string {
  return Object.entries(loaded)
    .map(([id, ver]) => `${id}:${ver}`)
    .join(",");
}

const ROW_LABELS: Record<string, [string, string]> = {
  organisations: ["Organisation", "organisation"],
  attendees: ["Attendee", "attendee"],
  agenda: ["Agenda item", "agenda item"],
  commitments: ["Commitment", "commitment"],
  followUps: ["Follow-up", "follow-up"],
};

/** The error summary's messages: one about a row says which row ("Commitment 2: …") unless it already does. */
export function summaryMessages(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, message]) => {
      const m = /^(organisations|attendees|agenda|commitments|followUps)\.(\d+)\./.exec(path);
      // A single organisation row needs no number; the first of several is still "Organisation 1".
      if (!m || (m[1] === "organisations" && m[2] === "0")) return [path, message];
      const [label, noun] = ROW_LABELS[m[1]];
      const n = Number(m[2]) + 1;
      return [path, message.toLowerCase().includes(`${noun} ${n}`) ? message : `${label} ${n}: ${message}`];
    }),
  );
}

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
  /** Edit: the actions the form was loaded with ("id:version,…"), as it posts them. */
  loadedActions?: string;
  /** Edit: fingerprints of what the form was loaded with (JSON), posted back so a conflict can tell whose change is whose. */
  baseline?: string;
  actionStatus?: Record<string, { status: ActionStatus; resolved: boolean }>;
  /** New, from an open follow-up: the follow-up this engagement resolves. */
  resolves?: { id: number; description: string; engagementId: number; engagementTitle: string; engagementDate: string } | null;
  heading: ReactNode;
  /** A notice that must be read before the form (a conflict): shown first, and given focus. */
  notice?: ReactNode;
  intro?: ReactNode;
  /** "Log a call or email": only the fields a short call or an email needs. */
  quick?: boolean;
  submitLabel: string;
  cancelTo: string;
  /** Where the form posts: the page's own address, without ?restructure (which a row button's page has). */
  action: string;
  /** Where the row buttons post without JavaScript: this page with ?restructure, so it is not titled an error. */
  restructureAction: string;
};

// The quick form's themes: one list, not a new empty one at each render, so its memoised section is not rendered again.
const NO_THEMES: FormOptions["themes"] = [];

/**
 * The engagement form: one page, one submit for the common case. Repeating sections are
 * react-hook-form field arrays in the browser; without JavaScript their buttons post the form and
 * the server hands it back restructured. Rows left empty are ignored.
 */
export function EngagementForm(props: Props) {
  const { mode, failure, options, currentUserId, loadedActions, baseline, actionStatus, resolves } = props;
  // What the person typed (handed back after a failed post), or what was loaded; dates as their three fields.
  const start = useMemo(() => withDateParts(failureValues(failure) ?? props.initial), [failure, props.initial]);
  // The schema (and zod) load when the person starts typing: the form's page does not wait for them.
  const loadSchema = useCallback(() => import("~/forms/engagement").then((m) => m.engagementSchema(mode)), [mode]);
  const { form, errors, onSubmit } = useValidatedForm(loadSchema, { defaultValues: start, failure });
  useErrorTitle(Object.keys(errors).length > 0 || Boolean(failure?.conflict));

  // Until the browser's JavaScript runs, show every field (a plain form); then only the relevant ones. As a
  // transition: React renders the whole form again for it, in slices that leave the page free to answer a key.
  const [enhanced, setEnhanced] = useState(false);
  useEffect(() => startTransition(() => setEnhanced(true)), []);
  // Someone already on a field that goes as the form turns enhanced keeps their place.
  const formRef = useRef<HTMLFormElement>(null);
  useFocusKeptThroughChange(formRef, enhanced);

  // The sections are memoised: the form's root renders again when react-hook-form's own state changes (once as soon as
  // the page is live) and whenever Remix renders the route, and a section whose props are the same objects as before
  // is not rendered again. So what they are given is made again only when it changes.
  const focus = failure?.focus;
  const { restructureAction } = props;
  const ctx: FormContext = useMemo(
    () => ({ form, errors, start, focus, enhanced, restructureAction }),
    [form, errors, start, focus, enhanced, restructureAction],
  );
  const { register, control } = form;
  // Watched here because the attendees' organisations and the actions' agenda items follow from them. With useWatch,
  // not watch(): watch() also renders the whole form once more after each render of it, through react-hook-form's
  // own state.
  const [organisations, agenda] = useWatch({ control, name: ["organisations", "agenda"] });

  const chosenOrgs = useMemo(
    () =>
      (organisations ?? [])
        .map((row) => options.organisations.find((o) => String(o.id) === row?.organisationId))
        .filter((o): o is FormOptions["organisations"][number] => Boolean(o)),
    [organisations, options.organisations],
  );
  const staffOptions: Option[] = useMemo(() => options.staff.map((u) => ({ value: String(u.id), label: u.name })), [options.staff]);
  const agendaOptions: Option[] = useMemo(
    () =>
      (agenda ?? [])
        .map((a, i) => ({
          value: a?.key ?? "",
          label: a?.title?.trim() ? `${i + 1}. ${a.title.trim().slice(0, 60)}` : `Agenda item ${i + 1}`,
        }))
        .filter((o) => o.value),
    [agenda],
  );
  const actionOrgOptions: Option[] = useMemo(
    () => chosenOrgs.map((o) => ({ value: String(o.id), label: organisationLabel(o) })),
    [chosenOrgs],
  );
  // Without JavaScript the organisations chosen are not known until the form is posted: offer them all.
  const allOrgOptions: Option[] = useMemo(
    () => options.organisations.map((o) => ({ value: String(o.id), label: organisationLabel(o) })),
    [options.organisations],
  );

  return (
    <>
      <ErrorSummary errors={summaryMessages(errors)} order={FIELD_ORDER} />
      {props.notice}
      {props.heading}
      {failure?.copied ? <CopiedNotice copied={failure.copied} organisations={options.organisations} /> : null}
      {props.intro}
      <Form ref={formRef} method="post" action={props.action} noValidate onSubmit={onSubmit} className="app-engagement-form">
        {/* First in the form, so Enter in a one-line field saves (the browser presses a form's first submit
            button) rather than pressing a row button such as "Remove organisation 1", with or without JavaScript. */}
        <button type="submit" name="intent" value="save" className="govuk-visually-hidden" tabIndex={-1} aria-hidden="true">
          {props.submitLabel}
        </button>
        {props.createKey ? <input type="hidden" name="createKey" value={props.createKey} readOnly /> : null}
        {mode === "edit" ? <input type="hidden" {...register("version")} defaultValue={startValue(start, "version")} /> : null}
        {loadedActions !== undefined ? <input type="hidden" name="loadedActions" value={loadedActions} /> : null}
        {baseline !== undefined ? <input type="hidden" name="baseline" value={baseline} /> : null}
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
            {props.quick ? "The call or email" : "The engagement"}
          </h2>
          <TitleField ctx={ctx} hint={props.quick ? "For example, “Call with the Europol liaison desk”" : undefined} />
          <OrganisationsField ctx={ctx} organisations={options.organisations} />
          {mode === "new" && !props.quick ? <CopyButtons ctx={ctx} chosen={chosenOrgs} /> : null}
          {props.quick ? <QuickFields ctx={ctx} currentUserId={currentUserId} /> : <DetailsFields ctx={ctx} staff={staffOptions} />}
        </section>

        {props.quick ? null : (
          <>
            <AttendeesSection ctx={ctx} staff={options.staff} organisations={chosenOrgs} contacts={options.contacts} />
            <AgendaSection ctx={ctx} />
          </>
        )}

        <section aria-labelledby="section-summary" className="app-form-section">
          <h2 className="govuk-heading-m" id="section-summary">
            Outcomes
          </h2>
          <Textarea
            label={props.quick ? "What was said or agreed (optional)" : "Summary of outcomes (optional)"}
            hint="What was agreed and what happens next, in a few sentences"
            {...register("summary")}
            defaultValue={startValue(start, "summary")}
            error={errors.summary}
            rows={4}
          />
        </section>

        {(props.quick ? (["follow_up"] as const) : (["commitment", "follow_up"] as const)).map((kind) => (
          <ActionsSection
            key={kind}
            ctx={ctx}
            kind={kind}
            staff={staffOptions}
            agenda={agendaOptions}
            organisations={actionOrgOptions}
            allOrganisations={allOrgOptions}
            actionStatus={actionStatus}
            currentUserId={currentUserId}
          />
        ))}

        <ThemesSection ctx={ctx} themes={props.quick ? NO_THEMES : options.themes} markingOnly={props.quick} />

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

/**
 * "Copy from the last meeting with Europol", for each organisation chosen: posts the form (nothing is
 * saved) and the page hands it back with that organisation's last meeting's organisations, attendees and
 * agenda topics added. Without JavaScript, for the organisations the page already knows of.
 */
const CopyButtons = memo(function CopyButtons({ ctx, chosen }: { ctx: FormContext; chosen: FormOptions["organisations"] }) {
  const submit = useSubmit();
  const unique = chosen.filter((o, i) => chosen.findIndex((p) => p.id === o.id) === i);
  if (!unique.length) return null;
  return (
    <div className="govuk-button-group app-copy-buttons">
      {unique.map((o) => (
        <button
          key={o.id}
          type="submit"
          name="intent"
          value={`copy:${o.id}`}
          formAction={ctx.restructureAction}
          formNoValidate
          className="govuk-button govuk-button--secondary"
          onClick={(event) => {
            // Copying saves nothing, so it is not held up by the checks a save runs in the browser.
            event.preventDefault();
            submit(event.currentTarget, { method: "post" });
          }}
        >
          Copy from the last meeting with {o.shortName ?? o.name}
        </button>
      ))}
    </div>
  );
});

/** "Log a call or email": its kind and date; it was held, led and attended by the person logging it. */
const QuickFields = memo(function QuickFields({ ctx, currentUserId }: { ctx: FormContext; currentUserId: number }) {
  const { register } = ctx.form;
  const me = String(currentUserId);
  const date = useDateParts(ctx.form);
  return (
    <>
      <Choices
        type="radio"
        name="kind"
        legend="Kind"
        items={[
          { value: "call", label: "Call" },
          { value: "correspondence", label: "Email or letter" },
        ]}
        defaultValue={startValue(ctx.start, "kind") || "call"}
        error={ctx.errors.kind}
        inline
        small
        inputProps={register("kind")}
      />
      <DateInput
        name="date"
        legend="Date"
        legendClassName="govuk-fieldset__legend--s"
        values={datePartsOf(ctx.start, "date")}
        error={ctx.errors.date}
        errorParts={datePartsInError(date, ctx.errors.date)}
        partProps={(part) => register(`date-${part}`)}
        autoFocus={ctx.focus === "date"}
      />
      <input type="hidden" {...register("status")} defaultValue="held" />
      <input type="hidden" {...register("leadUserId")} defaultValue={startValue(ctx.start, "leadUserId") || me} />
      <input type="hidden" {...register("attendees.0.person")} defaultValue={startValue(ctx.start, "attendees.0.person") || `user:${me}`} />
      <input type="hidden" {...register("attendees.0.side")} defaultValue="office" />
    </>
  );
});

/** After "Copy from the last meeting": say what was copied (or that there was none), and put focus there so it is read. */
function CopiedNotice({
  copied,
  organisations,
}: {
  copied: NonNullable<EngagementFailure["copied"]>;
  organisations: FormOptions["organisations"];
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [copied]);
  const none = "none" in copied ? organisations.find((o) => o.id === copied.none) : undefined;
  return (
    <div className="govuk-inset-text" id="copied" tabIndex={-1} ref={ref} autoFocus>
      {"none" in copied ? (
        <>There is no earlier meeting with {none ? (none.shortName ?? none.name) : "that organisation"} to copy: nothing was changed.</>
      ) : (
        <>
          Copied the organisations, attendees and agenda topics of{" "}
          <Link className="govuk-link" to={`/engagements/${copied.id}`}>
            {copied.title}
          </Link>
          . Check them, and remove anyone who was not there.
        </>
      )}
    </div>
  );
}

/** The values a failed post handed back: what the form posted, so of the form's own shape. */
function failureValues(failure: EngagementFailure | null | undefined): EngagementFormValues | undefined {
  return failure?.values;
}
