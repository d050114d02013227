import { useEffect, useRef, type ReactNode } from "react";
import { ErrorMessage, useOptionsMarkup } from "~/components/govuk";
import { useAutocomplete } from "~/components/accessible-autocomplete/use-autocomplete";
import { useFocusKeptThroughChange } from "~/components/keep-focus";
import { escapeHtml } from "~/components/escape-html";

export type PickerOption = { value: string; label: string };

type Props = {
  id: string;
  name: string;
  label: ReactNode;
  labelClassName?: string;
  hint?: ReactNode;
  error?: string;
  options: PickerOption[];
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Extra content beside the field (a Remove button). */
  after?: ReactNode;
  /** Take focus (a row just added): the select at once, the type-ahead when it replaces it. */
  focus?: boolean;
};

/**
 * A <select> that, once JavaScript has loaded, becomes GOV.UK's accessible autocomplete: type part
 * of a name ("crime", "NCA") and pick. Without JavaScript it stays the plain select and posts the same
 * name. The chosen id travels in a hidden input once enhanced, so the form posts the same either way.
 */
export function OrganisationPicker({
  id,
  name,
  label,
  labelClassName,
  hint,
  error,
  options,
  value,
  onChange,
  placeholder = "Choose an organisation",
  after,
  focus,
}: Props) {
  const Autocomplete = useAutocomplete();
  // Someone on the select when the type-ahead replaces it keeps their place, its text selected so typing goes on as a search.
  const groupRef = useRef<HTMLDivElement>(null);
  useFocusKeptThroughChange(groupRef, Autocomplete !== null, { selectText: true });
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    if (focus) document.getElementById(id)?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, Autocomplete]);

  // The error message and hint are not passed through by the autocomplete: describe its input by them.
  useEffect(() => {
    if (!Autocomplete) return;
    const input = document.getElementById(id);
    if (!input) return;
    const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null, `${id}__assistiveHint`].filter(Boolean).join(" ");
    input.setAttribute("aria-describedby", ids);
  });

  // The select's options as markup rather than React elements: hydration walks every element React renders, and a
  // picker's list (every organisation, 114 options) made a fifth of the engagement form's. The list is the page's for
  // its life, and the select goes when the type-ahead arrives.
  const optionsHtml = useOptionsMarkup(true, options, placeholder, value) ?? "";

  const labelOf = (v: string) => options.find((o) => o.value === v)?.label ?? "";
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div ref={groupRef} className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className={`govuk-label ${labelClassName ?? ""}`.trim()} htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage> : null}
      <div className="app-picker">
        <div className={`app-picker__field${error ? " app-picker__field--error" : ""}`}>
          {Autocomplete ? (
            <>
              <Autocomplete
                id={id}
                name=""
                defaultValue={labelOf(value)}
                showAllValues
                autoselect
                displayMenu="overlay"
                placeholder=""
                source={(query: string, populate: (results: string[]) => void) => {
                  const q = query.trim().toLowerCase();
                  populate(optionsRef.current.filter((o) => o.label.toLowerCase().includes(q)).map((o) => o.label));
                }}
                onConfirm={(confirmed: string | undefined) => {
                  // Confirmed with no choice (left empty, or text that matches nothing): read the input.
                  const text = confirmed ?? (document.getElementById(id) as HTMLInputElement | null)?.value ?? "";
                  const match = optionsRef.current.find((o) => o.label === text);
                  onChangeRef.current(match ? match.value : "");
                }}
                templates={{ inputValue: (v: string | undefined) => v ?? "", suggestion: (v: string) => escapeHtml(v) }}
                tNoResults={() => "No organisation found"}
              />
              <input type="hidden" name={name} value={value} />
            </>
          ) : (
            <select
              id={id}
              name={name}
              className={`govuk-select app-picker__select${error ? " govuk-select--error" : ""}`}
              value={value}
              onChange={(e) => onChange(e.target.value)}
              aria-describedby={describedBy}
              autoFocus={focus || undefined}
              dangerouslySetInnerHTML={{ __html: optionsHtml }}
            />
          )}
        </div>
        {after}
      </div>
    </div>
  );
}
