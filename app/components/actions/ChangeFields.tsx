import { Fragment, useState, type ReactNode } from "react";
import { ErrorMessage, Select, TextInput, type Option } from "~/components/govuk";
import { ACTION_OWNER_TYPE_LABELS } from "~/domain/engagement-labels";
import { fieldId } from "~/forms/form-data";

export type OwnerChoice = { id: number; name: string };

/** "Who should own it": the office, the stakeholder, or a member of staff. */
export function ownerOptions(staff: OwnerChoice[]): Option[] {
  return [
    { value: "office", label: `${ACTION_OWNER_TYPE_LABELS.office} (no named person)` },
    ...staff.map((s) => ({ value: String(s.id), label: s.name })),
    { value: "stakeholder", label: ACTION_OWNER_TYPE_LABELS.stakeholder },
  ];
}

export function OwnerFields({
  ownerName,
  nameName,
  staff,
  errors,
  values,
  legendless,
}: {
  ownerName: string;
  nameName: string;
  staff: OwnerChoice[];
  errors?: Record<string, string>;
  values?: Record<string, unknown>;
  legendless?: boolean;
}) {
  return (
    <>
      <Select
        name={ownerName}
        label={legendless ? "Who should own it" : "New owner"}
        options={ownerOptions(staff)}
        placeholder="Choose who"
        defaultValue={typeof values?.[ownerName] === "string" ? (values[ownerName] as string) : ""}
        error={errors?.[ownerName]}
      />
      <TextInput
        name={nameName}
        label="Name of the person at the stakeholder (optional)"
        hint="Only when the stakeholder owns it and you know who"
        defaultValue={typeof values?.[nameName] === "string" ? (values[nameName] as string) : ""}
        error={errors?.[nameName]}
        maxLength={200}
        autoComplete="off"
      />
    </>
  );
}

type ConditionalChoice = { value: string; label: string; hint?: string; reveal?: ReactNode };

/**
 * GOV.UK radios whose choices reveal more fields. Without JavaScript every revealed part shows
 * (GOV.UK's CSS hides them only under .govuk-frontend-supported). With JavaScript React hides the
 * unchosen ones: GOV.UK Frontend's own radios script would add aria-expanded to the radios, which
 * ARIA does not allow on a radio (axe reports it).
 */
export function ConditionalRadios({
  name,
  legend,
  items,
  error,
  checked,
}: {
  name: string;
  legend: ReactNode;
  items: ConditionalChoice[];
  error?: string;
  checked?: string;
}) {
  const baseId = fieldId(name);
  const [chosen, setChosen] = useState(checked);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={error ? `${baseId}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{legend}</legend>
        {error ? <ErrorMessage id={`${baseId}-error`}>{error}</ErrorMessage> : null}
        <div className="govuk-radios govuk-radios--small">
          {items.map((item, i) => {
            const id = i === 0 ? baseId : `${baseId}-${i + 1}`;
            const conditionalId = `conditional-${id}`;
            return (
              <Fragment key={item.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={id}
                    name={name}
                    type="radio"
                    value={item.value}
                    defaultChecked={checked === item.value}
                    onChange={(event) => event.currentTarget.checked && setChosen(item.value)}
                    aria-controls={item.reveal ? conditionalId : undefined}
                    aria-describedby={item.hint ? `${id}-item-hint` : undefined}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {item.label}
                  </label>
                  {item.hint ? (
                    <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                      {item.hint}
                    </div>
                  ) : null}
                </div>
                {item.reveal ? (
                  <div
                    className={`govuk-radios__conditional${chosen === item.value ? "" : " govuk-radios__conditional--hidden"}`}
                    id={conditionalId}
                  >
                    {item.reveal}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
