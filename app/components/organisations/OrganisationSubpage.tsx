import type { ReactNode } from "react";
import { BackLink } from "~/components/govuk";

/** A page about one organisation (editing it, a contact, archiving it): a link back to it, then a two-thirds column. */
export function OrganisationSubpage({ organisation, children }: { organisation: { slug: string; name: string }; children: ReactNode }) {
  return (
    <>
      <BackLink to={`/organisations/${organisation.slug}`}>Back to {organisation.name}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">{children}</div>
      </div>
    </>
  );
}

/** The page heading with the organisation's name as its caption. */
export function OrganisationHeading({ organisation, children }: { organisation: { name: string }; children: ReactNode }) {
  return (
    <h1 className="govuk-heading-l">
      <span className="govuk-caption-l">{organisation.name}</span>
      {children}
    </h1>
  );
}
