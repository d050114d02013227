import { useEffect, useRef, type MouseEvent, type ReactNode } from "react";
import { ADD_FIRST_LABELS, ADD_LABELS, isBlankRow, type Section } from "../form-values";
import type { FormContext } from "./context";

type Verb = "add" | "remove" | "up" | "down";

/**
 * A row button: without JavaScript a submit to the restructure address (the server hands the form back
 * changed, focus where it says); with it, the field-array change runs in the page.
 */
function RowButton({
  ctx,
  section,
  verb,
  index,
  run,
  className = "app-link-button",
  children,
}: {
  ctx: FormContext;
  section: Section;
  verb: Verb;
  index: number;
  run: () => void;
  className?: string;
  children: ReactNode;
}) {
  const id = verb === "add" ? `${section}-add` : `${section}-${index}-${verb}`;
  return (
    <button
      type="submit"
      name="intent"
      value={verb === "add" ? `add:${section}` : `${verb}:${section}:${index}`}
      formAction={ctx.restructureAction}
      formNoValidate
      className={className}
      id={id}
      autoFocus={ctx.focus === id || undefined}
      onClick={(event: MouseEvent<HTMLButtonElement>) => {
        event.preventDefault();
        run();
      }}
    >
      {children}
    </button>
  );
}

const which = (noun: string, index: number) => (
  <span className="govuk-visually-hidden">
    {" "}
    {noun} {index + 1}
  </span>
);

/** "Add a …" (the section is empty) or "Add another …": the caller appends the row (and focuses its first field). */
export function AddButton({ ctx, section, onAdd, first }: { ctx: FormContext; section: Section; onAdd: () => void; first?: boolean }) {
  return (
    <RowButton
      ctx={ctx}
      section={section}
      verb="add"
      index={-1}
      run={onAdd}
      className="govuk-button govuk-button--secondary app-add-button"
    >
      {first ? ADD_FIRST_LABELS[section] : ADD_LABELS[section]}
    </RowButton>
  );
}

/** "Remove": focus goes to the section's add button, which is always there. */
export function RemoveButton({
  ctx,
  section,
  index,
  noun,
  onRemove,
}: {
  ctx: FormContext;
  section: Section;
  index: number;
  noun: string;
  onRemove: (index: number) => void;
}) {
  return (
    <RowButton
      ctx={ctx}
      section={section}
      verb="remove"
      index={index}
      run={() => {
        onRemove(index);
        requestAnimationFrame(() => document.getElementById(`${section}-add`)?.focus());
      }}
    >
      Remove{which(noun, index)}
    </RowButton>
  );
}

/** "Move up" and "Move down": focus follows the row, on the same button (or the other one at an end). */
export function MoveButtons({
  ctx,
  section,
  index,
  count,
  noun,
  onMove,
}: {
  ctx: FormContext;
  section: Section;
  index: number;
  count: number;
  noun: string;
  onMove: (from: number, to: number) => void;
}) {
  const move = (verb: "up" | "down", to: number, other: "up" | "down") => () => {
    onMove(index, to);
    requestAnimationFrame(
      () => document.getElementById(`${section}-${to}-${verb}`)?.focus() ?? document.getElementById(`${section}-${to}-${other}`)?.focus(),
    );
  };
  return (
    <>
      {index > 0 ? (
        <RowButton ctx={ctx} section={section} verb="up" index={index} run={move("up", index - 1, "down")}>
          Move up{which(noun, index)}
        </RowButton>
      ) : null}
      {index < count - 1 ? (
        <RowButton ctx={ctx} section={section} verb="down" index={index} run={move("down", index + 1, "up")}>
          Move down{which(noun, index)}
        </RowButton>
      ) : null}
    </>
  );
}

type RowSection = Exclude<Section, "organisations">;

/**
 * Where a section's trailing empty rows start. A new form holds a few for a person without
 * JavaScript (one submit fits the common case); they are folded away until wanted. With JavaScript
 * they are dropped once the page is live, and the section's "Add" button adds rows as needed.
 */
export function useFoldedBlankRows(
  ctx: FormContext,
  section: RowSection,
  rows: { fields: unknown[]; remove: (index?: number | number[]) => void },
): number {
  // Read, not watched: the fold matters only until the page is live, and until then the values are those the page was
  // rendered with. A watch here subscribed the section (or, before, the whole form) to every key typed in its rows.
  const values = (ctx.form.getValues(section) ?? []) as Record<string, unknown>[];
  let from = rows.fields.length;
  while (from > 0 && isBlankRow(section, values[from - 1])) from--;
  const enhanced = ctx.enhanced;
  // The blank rows stay folded until they are dropped: unfolding them for the one render in between laid out
  // a page of rows only to take them away again (docs/decisions/0035). A ref, not state: dropping the rows renders
  // the section again, and where there were none to drop (a loaded engagement's rows) nothing on the page changes,
  // so nothing need render.
  const dropped = useRef(false);
  useEffect(() => {
    if (!enhanced) return;
    const now = (ctx.form.getValues(section) ?? []) as Record<string, unknown>[];
    const blank: number[] = [];
    for (let i = now.length - 1; i >= 0 && isBlankRow(section, now[i]); i--) blank.push(i);
    dropped.current = true;
    if (blank.length) rows.remove(blank);
    // Once, when the page becomes live.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enhanced]);
  // A row the person just asked for (a row button, without JavaScript) is shown, not folded.
  return (enhanced && dropped.current) || ctx.focus ? rows.fields.length : from;
}

/** Empty rows folded away (without JavaScript): a GOV.UK details whose summary says what it adds. */
export function FoldedRows({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="govuk-details app-folded-rows">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
