import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { auditActionLabel, auditEntityLabel } from "~/components/admin/audit-labels";
import { auditValueText, changedFields, EMPTY_VALUE, parseAuditRecord, type AuditRecord } from "~/domain/audit";
import { fieldLabel } from "~/domain/field-labels";
import { pageTitle } from "~/components/page-title";
import { Details, ErrorSummary, PrevNextPagination, Select, Table, TextInput } from "~/components/govuk";
import { DateRangeFields, FilterPanel } from "~/components/filters/FilterPanel";
import { listAuditActions, listAuditEntityTypes, listAuditEvents } from "~/models/audit.server";
import { listUsers } from "~/models/user.server";
import { formatDateTime } from "~/domain/format";
import { requireRole } from "~/server/auth.server";
import { AUDIT_FILTER_FIELDS } from "~/forms/audit-filter-fields";
import { parseAuditFilters } from "~/forms/audit-filters.server";
import { staffNamesById } from "~/models/staff-names.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: pageTitle("Audit trail", Boolean(data && Object.keys(data.errors).length)) },
];

type Change = { field: string; before: string; after: string };

/** Field by field, what the event changed: the union of the fields in before and after. */
function changesOf(entityType: string | null, before: string | null, after: string | null): Change[] {
  const b = parseAuditRecord(before);
  const a = parseAuditRecord(after);
  const text = (record: AuditRecord | null, field: string) => auditValueText(entityType, field, record?.[field]) ?? EMPTY_VALUE;
  return changedFields(b, a).map((field) => ({ field, before: text(b, field), after: text(a, field) }));
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const { filters, errors, values, dates } = parseAuditFilters(url.searchParams);
  const page = listAuditEvents({
    actorUserId: filters.actor,
    action: filters.action,
    entityType: filters.entity,
    entityId: filters.entityId,
    q: filters.q,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    before: filters.before,
    after: filters.after,
  });
  const link = (cursor: "before" | "after", id: number | null) => {
    if (id == null) return null;
    const params = new URLSearchParams();
    for (const key of AUDIT_FILTER_FIELDS) if (values[key] && !(key in errors)) params.set(key, values[key]);
    params.set(cursor, String(id));
    return `/admin/audit?${params}`;
  };
  const actors = staffNamesById(page.events.map((e) => e.actorUserId));
  return json({
    errors,
    dates,
    values: Object.fromEntries(AUDIT_FILTER_FIELDS.map((key) => [key, values[key] ?? ""])) as Record<
      (typeof AUDIT_FILTER_FIELDS)[number],
      string
    >,
    filtered: AUDIT_FILTER_FIELDS.some((key) => values[key]),
    paged: filters.before != null || filters.after != null,
    events: page.events.map((e) => ({
      id: e.id,
      at: e.at,
      actorUserId: e.actorUserId,
      actorName: e.actorUserId != null ? (actors[e.actorUserId] ?? null) : null,
      actorEmail: e.actorEmail,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      entityHref: e.entityHref,
      summary: e.summary,
      ip: e.ip,
      changes: changesOf(e.entityType, e.before, e.after),
    })),
    next: link("before", page.nextBefore),
    previous: link("after", page.previousAfter),
    people: listUsers().map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` })),
    actions: listAuditActions().map((a) => ({ value: a, label: auditActionLabel(a) })),
    entityTypes: listAuditEntityTypes().map((t) => ({ value: t, label: auditEntityLabel(t) })),
  });
}

const FILTER_ORDER = [...AUDIT_FILTER_FIELDS, "before", "after"];

export default function AuditTrail() {
  const data = useLoaderData<typeof loader>();
  const { errors, values, dates } = data;
  return (
    <>
      <ErrorSummary errors={errors} order={FILTER_ORDER} />
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">Every change, sign-in, refused request and export, newest first. Times are UK time.</p>

      <FilterPanel heading="Filter events" buttonVariant={null} clear={data.filtered ? { to: "/admin/audit" } : null}>
        <div className="govuk-grid-row">
          {[
            { name: "actor" as const, label: "Who", options: data.people, placeholder: "Anyone" },
            { name: "action" as const, label: "What happened", options: data.actions, placeholder: "Anything" },
            { name: "entity" as const, label: "Kind of record", options: data.entityTypes, placeholder: "Any kind" },
          ].map((f) => (
            <div className="govuk-grid-column-one-third" key={f.name}>
              <Select {...f} defaultValue={values[f.name]} error={errors[f.name]} className="govuk-!-width-full" />
            </div>
          ))}
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <TextInput
              name="q"
              label="Text contains"
              hint="In the description, email or record number"
              defaultValue={values.q}
              error={errors.q}
              spellCheck={false}
            />
          </div>
        </div>
        <div className="app-field-row">
          <DateRangeFields dates={dates} errors={errors} legends={{ from: "From date", to: "To date" }} />
        </div>
        {values.entityId ? <input type="hidden" name="entityId" value={values.entityId} /> : null}
      </FilterPanel>

      {values.entityId && !errors.entityId ? (
        <p className="govuk-body">
          Showing the history of {auditEntityLabel(values.entity) || "record"} {values.entityId} only.{" "}
          <Link className="govuk-link" to={withoutEntityId(values)}>
            Show all {values.entity ? auditEntityLabel(values.entity).toLowerCase() : "record"} events
          </Link>
        </p>
      ) : null}

      {data.events.length === 0 ? (
        <p className="govuk-body">{data.filtered || data.paged ? "No events match these filters." : "Nothing has been recorded yet."}</p>
      ) : (
        <Table
          caption="Audit events, newest first"
          captionClasses="govuk-visually-hidden"
          head={["When", "Who", "What"]}
          rows={data.events.map((event) => ({
            key: event.id,
            cells: [
              { classes: "app-nowrap", html: <WhenCell at={event.at} /> },
              {
                classes: "app-prewrap",
                html: (
                  <>
                    {event.actorName ? (
                      <>
                        {event.actorName}
                        {event.actorEmail ? (
                          <div className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0 app-break-anywhere">
                            {event.actorEmail}
                          </div>
                        ) : null}
                      </>
                    ) : (
                      (event.actorEmail ?? "No signed-in user")
                    )}
                    {event.ip ? <div className="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">from {event.ip}</div> : null}
                  </>
                ),
              },
              <>
                <strong>{auditActionLabel(event.action)}</strong>
                {event.entityType ? (
                  <>
                    {" · "}
                    {event.entityHref ? (
                      <Link className="govuk-link" to={event.entityHref}>
                        {auditEntityLabel(event.entityType)} {event.entityId}
                      </Link>
                    ) : (
                      <span className="app-prewrap">
                        {auditEntityLabel(event.entityType)} {event.entityId}
                      </span>
                    )}
                  </>
                ) : null}
                <div className="app-prewrap">{event.summary}</div>
                {event.changes.length ? <Changes changes={event.changes} entityType={event.entityType} /> : null}
              </>,
            ],
          }))}
        />
      )}
      <PrevNextPagination previous={data.previous} next={data.next} />
    </>
  );
}

/** The date on one line and the time under it, so the column stays narrow. */
function WhenCell({ at }: { at: string }) {
  const [date, time] = formatDateTime(at).split(" at ");
  return (
    <time dateTime={at}>
      {date}
      {time ? (
        <>
          <br />
          {time}
        </>
      ) : null}
    </time>
  );
}

function Changes({ changes, entityType }: { changes: Change[]; entityType: string | null }) {
  return (
    <Details summary={`Changes (${changes.length})`}>
      <Table
        classes="govuk-!-font-size-16 govuk-!-margin-bottom-0"
        head={["Field", "Before", "After"]}
        firstCellIsHeader
        rows={changes.map((c) => ({
          key: c.field,
          cells: [fieldLabel(entityType, c.field), { classes: "app-prewrap", text: c.before }, { classes: "app-prewrap", text: c.after }],
        }))}
      />
    </Details>
  );
}

function withoutEntityId(values: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value && key !== "entityId") params.set(key, value);
  const query = params.toString();
  return query ? `/admin/audit?${query}` : "/admin/audit";
}
