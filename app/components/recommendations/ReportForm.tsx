import { Form, Link } from "@remix-run/react";
import { Button, DateInput, ErrorSummary, Select, TextInput, Textarea, type Option } from "~/components/govuk";
import { MARKINGS } from "~/domain/enums";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import { valueAt, type FormFailure } from "~/forms/form-data";

type Choices = { publishers: { id: number; name: string }[]; forces: { id: number; name: string }[] };

/** A report's details: the new and edit pages. Posts without JavaScript; the action checks everything. */
export function ReportForm({
  heading,
  failure,
  saved,
  choices,
  submitLabel,
  cancelTo,
}: {
  heading: string;
  failure?: FormFailure | null;
  saved?: Record<string, unknown>;
  choices: Choices;
  submitLabel: string;
  cancelTo: string;
}) {
  const values = failure?.values ?? saved ?? {};
  const errors = failure?.fieldErrors ?? {};
  const text = (name: string) => valueAt(values, name) ?? "";
  const options = (list: { id: number; name: string }[]): Option[] => list.map((o) => ({ value: String(o.id), label: o.name }));
  const published = datePartsOf(values, "publishedOn");
  const received = datePartsOf(values, "responseReceivedOn");
  return (
    <>
      <ErrorSummary
        errors={failure?.fieldErrors}
        order={["title", "publisherId", "publishedOn", "link", "marking", "summary", "subjectForceId", "responseReceivedOn", "version"]}
      />
      <h1 className="govuk-heading-l">{heading}</h1>
      <Form method="post" noValidate>
        {saved?.version ? <input type="hidden" name="version" value={String(values.version ?? saved.version)} /> : null}
        <TextInput name="title" label="Title" error={errors.title} defaultValue={text("title")} />
        <Select
          name="publisherId"
          label="Publisher"
          hint="The inspectorate, committee or other body that published it"
          placeholder="Choose the publisher"
          options={options(choices.publishers)}
          error={errors.publisherId}
          defaultValue={text("publisherId")}
        />
        <DateInput
          name="publishedOn"
          legend="Publication date"
          legendClassName="govuk-fieldset__legend--s"
          values={published}
          error={errors.publishedOn}
          errorParts={datePartsInError(published, errors.publishedOn)}
        />
        <TextInput
          name="link"
          label="Link (optional)"
          hint="Where the report is published"
          error={errors.link}
          defaultValue={text("link")}
          type="url"
          spellCheck={false}
        />
        <Select
          name="marking"
          label="Protective marking"
          options={MARKINGS.map((m) => ({ value: m, label: m }))}
          error={errors.marking}
          defaultValue={text("marking") || "OFFICIAL"}
        />
        <Textarea name="summary" label="Summary (optional)" error={errors.summary} defaultValue={text("summary")} />
        <Select
          name="subjectForceId"
          label="Force inspected (optional)"
          hint="For a report about one force: its local policing body must respond within 56 days of publication"
          placeholder="Not about one force"
          options={options(choices.forces)}
          error={errors.subjectForceId}
          defaultValue={text("subjectForceId")}
        />
        <DateInput
          name="responseReceivedOn"
          legend="Date the local policing body's response was received (optional)"
          legendClassName="govuk-fieldset__legend--s"
          values={received}
          error={errors.responseReceivedOn}
          errorParts={datePartsInError(received, errors.responseReceivedOn)}
        />
        <div className="govuk-button-group">
          <Button>{submitLabel}</Button>
          <Link className="govuk-link" to={cancelTo}>
            Cancel
          </Link>
        </div>
      </Form>
    </>
  );
}
