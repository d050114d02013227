import { DocumentMeta } from "~/components/DocumentMeta";
import type { ReactNode } from "react";
import type { Marking } from "~/domain/enums";

/**
 * The whole HTML page of a printable summary. It is rendered on the server in pieces (see print.server.tsx),
 * so it stands outside the app's layout: no service navigation, and a toolbar that does not print.
 * The marking sits in the table's header and footer groups, which browsers repeat on every printed page.
 */
export function PrintDocument({
  title,
  marking,
  stylesheets,
  back,
  exitUrl,
  children,
}: {
  title: string;
  marking: Marking;
  stylesheets: string[];
  back: { href: string; text: string };
  exitUrl: string;
  children: ReactNode;
}) {
  return (
    <html lang="en-GB" className="govuk-template govuk-template--rebranded">
      <head>
        <DocumentMeta />
        <title>{title}</title>
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        <link rel="icon" href="/assets/images/favicon.ico" sizes="48x48" />
      </head>
      <body className="govuk-template__body app-print">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <header className="app-print-toolbar">
          <div className="govuk-width-container app-print-toolbar__inner">
            <a href={back.href} className="govuk-back-link">
              {back.text}
            </a>
            <p className="govuk-body govuk-!-margin-bottom-0">
              To print this page or save it as a PDF, use your browser&rsquo;s Print command (Ctrl and P, or Command and P on a Mac). The
              marking is printed at the top and bottom of every page.
            </p>
            <a
              href={exitUrl}
              role="button"
              draggable={false}
              className="govuk-button govuk-button--warning app-print-toolbar__exit"
              rel="nofollow noreferrer"
            >
              <span className="govuk-visually-hidden">Emergency</span> Exit this page
            </a>
          </div>
        </header>
        <div className="govuk-width-container">
          <table className="app-print-frame" role="presentation">
            <thead>
              <tr>
                <td>
                  <p className="app-print-marking">{marking}</p>
                </td>
              </tr>
            </thead>
            <tfoot>
              <tr>
                <td>
                  <p className="app-print-marking">{marking}</p>
                </td>
              </tr>
            </tfoot>
            <tbody>
              <tr>
                <td>
                  <main id="main-content" className="app-print-main">
                    {children}
                  </main>
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      </body>
    </html>
  );
}
