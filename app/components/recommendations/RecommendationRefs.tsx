import { Link } from "@remix-run/react";

/** The recommendations an agenda item or action names, each a link to its page. */
export function RecommendationRefs({
  refs,
  className = "govuk-body-s",
}: {
  refs?: { id: number; reference: string }[];
  className?: string;
}) {
  if (!refs?.length) return null;
  return (
    <span className={`${className} app-recommendation-refs`}>
      <br />
      Recommendations:{" "}
      {refs.map((r, i) => (
        <span key={r.id}>
          {i ? "; " : null}
          <Link className="govuk-link" to={`/recommendations/${r.id}`}>
            {r.reference}
          </Link>
        </span>
      ))}
    </span>
  );
}
