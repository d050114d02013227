import { Button, DateInput, Textarea } from "~/components/govuk";
import { datePartsInError, datePartsOf } from "~/forms/field-checks";
import { ConditionalRadios, OwnerFields, type OwnerChoice } from "./ChangeFields";

/**
 * What to do with the ticked rows. It sits inside the same <form> as the table's checkboxes, so
 * ticking and submitting works without JavaScript.
 */
export function BulkChangePanel({
  staff,
  errors,
  values,
}: {
  staff: OwnerChoice[];
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
}) {
  const text = (name: string) => (typeof values?.[name] === "string" ? (values[name] as string) : "");
  return (
    <div className="app-bulk-panel">
      <ConditionalRadios
        name="bulkIntent"
        legend="Change the selected actions"
        error={errors?.bulkIntent}
        checked={text("bulkIntent") || undefined}
        items={[
          { value: "in_progress", label: "Mark as in progress" },
          {
            value: "done",
            label: "Mark as done",
            reveal: (
              <Textarea
                name="bulkClosingNote"
                label="Closing note"
                hint="What was done. The same note is recorded on each selected action."
                rows={3}
                defaultValue={text("bulkClosingNote")}
                error={errors?.bulkClosingNote}
              />
            ),
          },
          {
            value: "drop",
            label: "Drop them",
            hint: "When they will not be done",
            reveal: (
              <Textarea
                name="bulkReason"
                label="Reason for dropping them"
                rows={3}
                defaultValue={text("bulkReason")}
                error={errors?.bulkReason}
              />
            ),
          },
          {
            value: "due_date",
            label: "Change the due date",
            reveal: (
              <DateInput
                name="bulkDueDate"
                legend="New due date"
                values={datePartsOf(values, "bulkDueDate")}
                error={errors?.bulkDueDate}
                errorParts={datePartsInError(datePartsOf(values, "bulkDueDate"), errors?.bulkDueDate)}
              />
            ),
          },
          {
            value: "reassign",
            label: "Reassign them",
            reveal: <OwnerFields ownerName="bulkOwner" nameName="bulkOwnerName" staff={staff} errors={errors} values={values} legendless />,
          },
        ]}
      />
      <Button className="govuk-!-margin-bottom-0" name="bulk" value="apply">
        Apply to the selected actions
      </Button>
    </div>
  );
}
