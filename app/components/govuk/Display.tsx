import type { TagColour } from "~/domain/engagement-labels";
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export function Button({
  children,
  variant,
  className,
  type = "submit",
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "secondary" | "warning" | "inverse" }) {
  return (
    <button
      type={type}
      className={["govuk-button", variant ? `govuk-button--${variant}` : null, className].filter(Boolean).join(" ")}
      data-module="govuk-button"
      aria-disabled={rest.disabled || undefined}
      {...rest}
    >
      {children}
    </button>
  );
}

export function ButtonLink({ to, children, variant }: { to: string; children: ReactNode; variant?: "secondary" | "warning" }) {
  return (
    <Link
      to={to}
      role="button"
      draggable={false}
      className={`govuk-button${variant ? ` govuk-button--${variant}` : ""}`}
      data-module="govuk-button"
    >
      {children}
    </Link>
  );
}

export type { TagColour };

export function Tag({ children, colour }: { children: ReactNode; colour?: TagColour }) {
  return <strong className={`govuk-tag${colour && colour !== "blue" ? ` govuk-tag--${colour}` : ""}`}>{children}</strong>;
}

type SummaryAction = { href: string; text: string; visuallyHiddenText?: string };

export type SummaryRow = { key: ReactNode; value: ReactNode; actions?: SummaryAction[] };

function SummaryActionLink({ action }: { action: SummaryAction }) {
  return (
    <Link className="govuk-link" to={action.href}>
      {action.text}
      {action.visuallyHiddenText ? <span className="govuk-visually-hidden"> {action.visuallyHiddenText}</span> : null}
    </Link>
  );
}

/** GOV.UK summary list. As the macro does, when any row has actions, the rows without get `--no-actions`. */
export function SummaryList({ rows, noBorder }: { rows: (SummaryRow | null | false)[]; noBorder?: boolean }) {
  const present = rows.filter((r): r is SummaryRow => Boolean(r));
  const anyActions = present.some((row) => row.actions?.length);
  return (
    <dl className={`govuk-summary-list${noBorder ? " govuk-summary-list--no-border" : ""}`}>
      {present.map((row, i) => (
        <div
          className={`govuk-summary-list__row${anyActions && !row.actions?.length ? " govuk-summary-list__row--no-actions" : ""}`}
          key={i}
        >
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.actions?.length ? (
            <dd className="govuk-summary-list__actions">
              {row.actions.length === 1 ? (
                <SummaryActionLink action={row.actions[0]} />
              ) : (
                <ul className="govuk-summary-list__actions-list">
                  {row.actions.map((a) => (
                    <li className="govuk-summary-list__actions-list-item" key={a.href + a.text}>
                      <SummaryActionLink action={a} />
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export function NotificationBanner({
  title,
  titleId = "govuk-notification-banner-title",
  children,
  success,
}: {
  title?: string;
  /** The title's id, for a page with a second banner. */
  titleId?: string;
  children: ReactNode;
  success?: boolean;
}) {
  return (
    <div
      className={`govuk-notification-banner${success ? " govuk-notification-banner--success" : ""}`}
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

export function BackLink({ to, children = "Back" }: { to: string; children?: ReactNode }) {
  return (
    <Link to={to} className="govuk-back-link">
      {children}
    </Link>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function Details({ summary, children, open }: { summary: ReactNode; children: ReactNode; open?: boolean }) {
  return (
    <details className="govuk-details" open={open}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

const ARROWS = {
  prev: "m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z",
  next: "m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z",
};

function PaginationLink({ to, type }: { to: string; type: "prev" | "next" }) {
  return (
    <div className={`govuk-pagination__${type}`}>
      <Link className="govuk-link govuk-pagination__link" to={to} rel={type}>
        <svg
          className={`govuk-pagination__icon govuk-pagination__icon--${type}`}
          xmlns="http://www.w3.org/2000/svg"
          height="13"
          width="15"
          aria-hidden="true"
          focusable="false"
          viewBox="0 0 15 13"
        >
          <path d={ARROWS[type]}></path>
        </svg>
        <span className="govuk-pagination__link-title govuk-pagination__link-title--decorated">
          {type === "prev" ? "Previous" : "Next"}
          <span className="govuk-visually-hidden"> page</span>
        </span>
      </Link>
    </div>
  );
}

/** GOV.UK pagination with previous/next only: the shape keyset pagination allows. */
export function PrevNextPagination({ previous, next }: { previous?: string | null; next?: string | null }) {
  if (!previous && !next) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Pagination">
      {previous ? <PaginationLink to={previous} type="prev" /> : null}
      {next ? <PaginationLink to={next} type="next" /> : null}
    </nav>
  );
}
