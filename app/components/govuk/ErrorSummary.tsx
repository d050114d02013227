import { useEffect, useRef } from "react";
import { fieldId, type FieldErrors } from "~/forms/form-data";

/** GOV.UK error summary: "There is a problem", each error linking to its field. Takes focus when shown. */
export function ErrorSummary({ errors, order }: { errors: FieldErrors | undefined; order?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors ?? {});
  if (order) entries.sort(([a], [b]) => rank(order, a) - rank(order, b));
  useEffect(() => {
    // As govuk-frontend's script does: focusable only for this, so the markup stays the macro's.
    if (entries.length) {
      ref.current?.setAttribute("tabindex", "-1");
      ref.current?.focus();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entries.length, JSON.stringify(errors)]);
  if (!entries.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {entries.map(([path, message]) => (
              <li key={path}>
                <a href={`#${fieldId(path)}`} onClick={focusField}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/**
 * As GOV.UK Frontend's error summary does: move focus to the field and scroll its label or legend
 * into view. Done here because errors found in the browser appear without a page load, after
 * GOV.UK Frontend's own script has run.
 */
function focusField(event: React.MouseEvent<HTMLAnchorElement>) {
  const id = event.currentTarget.hash.slice(1);
  const target = id ? document.getElementById(id) : null;
  // A date input's link goes to its group: focus its first field in error, as GOV.UK asks.
  const input = target?.classList.contains("govuk-date-input")
    ? (target.querySelector<HTMLInputElement>(".govuk-input--error") ?? target.querySelector<HTMLInputElement>("input"))
    : target;
  if (!input) return;
  event.preventDefault();
  const legend = input.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(input.id)}"]`);
  (legend ?? label ?? input).scrollIntoView();
  input.focus({ preventScroll: true });
}

function rank(order: string[], key: string) {
  const i = order.findIndex((o) => key === o || key.startsWith(`${o}.`));
  return i === -1 ? order.length : i;
}
