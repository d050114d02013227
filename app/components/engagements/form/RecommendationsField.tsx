import { useEffect, useId, useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { useAutocomplete } from "~/components/accessible-autocomplete/use-autocomplete";
import { escapeHtml } from "~/components/escape-html";
import { TextInput } from "~/components/govuk";
import type { FormContext } from "./context";

type Choice = { reference: string; label: string; addressed: boolean };

// One request for the choices per set of organisations, shared by every row of the form.
const choicesByOrganisations = new Map<string, Promise<Choice[]>>();

function loadChoices(organisationIds: string[]): Promise<Choice[]> {
  const key = [...new Set(organisationIds)].sort().join(",");
  let found = choicesByOrganisations.get(key);
  if (!found) {
    const query = new URLSearchParams(key ? key.split(",").map((id) => ["organisation", id]) : []);
    found = fetch(`/recommendations/references?${query}`, { headers: { Accept: "application/json" } })
      .then((r) => (r.ok ? (r.json() as Promise<{ choices: Choice[] }>) : { choices: [] }))
      .then((body) => body.choices)
      .catch(() => []);
    choicesByOrganisations.set(key, found);
  }
  return found;
}

/**
 * The recommendations an agenda item or action names (docs/decisions/0021): a text field of references
 * ("HMICFRS 2024 R3; NCA 2025 2") that posts and is checked by the server without JavaScript; with it, a
 * type-ahead below it (those addressed to the engagement's organisations first) adds the chosen reference.
 */
export function RecommendationsField({
  ctx,
  path,
  defaultValue,
}: {
  ctx: FormContext;
  path: `agenda.${number}` | `commitments.${number}` | `followUps.${number}`;
  defaultValue: string | undefined;
}) {
  const name = `${path}.recommendations` as const;
  const { register, setValue, getValues, control } = ctx.form;
  const Autocomplete = useAutocomplete(ctx.enhanced);
  const [choices, setChoices] = useState<Choice[]>([]);
  const choicesRef = useRef(choices);
  choicesRef.current = choices;
  const pickerId = `${useId().replace(/:/g, "")}-recommendation-picker`;
  const organisationIds = (useWatch({ control, name: "organisations" }) ?? []).map((o) => o?.organisationId ?? "").filter(Boolean);
  const organisationKey = organisationIds.join(",");

  useEffect(() => {
    if (!ctx.enhanced) return;
    let live = true;
    void loadChoices(organisationKey ? organisationKey.split(",") : []).then((list) => {
      if (live) setChoices(list);
    });
    return () => {
      live = false;
    };
  }, [ctx.enhanced, organisationKey]);

  const add = (label: string | undefined) => {
    const choice = choicesRef.current.find((c) => c.label === label);
    if (!choice) return;
    const typed = String(getValues(name) ?? "").trim();
    const present = typed
      .split(/[;\n]/)
      .map((p) => p.trim().toLowerCase())
      .includes(choice.reference.toLowerCase());
    if (!present) setValue(name, typed ? `${typed}; ${choice.reference}` : choice.reference, { shouldDirty: true });
  };

  return (
    <div className="app-recommendation-refs">
      <TextInput
        label="Inspection recommendations (optional)"
        hint="As each recommendation's page shows them, separated by semicolons: for example HMICFRS 2024 R3; NCA 2025 2"
        {...register(name)}
        defaultValue={defaultValue ?? ""}
        error={ctx.errors[name]}
        autoComplete="off"
        spellCheck={false}
      />
      {ctx.enhanced && Autocomplete && choices.length ? (
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s app-legend--regular" htmlFor={pickerId}>
            Find a recommendation to add
          </label>
          <Autocomplete
            id={pickerId}
            name=""
            displayMenu="overlay"
            confirmOnBlur={false}
            placeholder=""
            source={(query: string, populate: (results: string[]) => void) => {
              const q = query.trim().toLowerCase();
              populate(
                choicesRef.current
                  .filter((c) => c.label.toLowerCase().includes(q))
                  .slice(0, 30)
                  .map((c) => c.label),
              );
            }}
            onConfirm={add}
            templates={{ inputValue: () => "", suggestion: (v: string) => escapeHtml(v) }}
            tNoResults={() => "No recommendation found"}
          />
        </div>
      ) : null}
    </div>
  );
}
