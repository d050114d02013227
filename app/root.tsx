import { DocumentMeta } from "~/components/DocumentMeta";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import govukCss from "./styles/govuk-frontend.generated.css";
import { useEffect, type ReactNode } from "react";
import { NotificationBanner } from "./components/govuk";
import appCss from "./styles/app.css";
import { quickExitUrl } from "./server/env.server";
import { initGovukFrontend } from "./components/govuk/init.client";
import { useNonce } from "./components/nonce";
import { hasRole, ROLE_LABELS, type Role } from "./domain/permissions";
import { takeNotice } from "./server/notices.server";
import { getUser } from "./server/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: govukCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/assets/images/favicon.ico", sizes: "48x48" },
];

export const meta: MetaFunction = () => [{ title: "Stakeholder Engagement Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { notice, setCookie } = await takeNotice(request);
  return json(
    {
      user: user ? { id: user.id, name: user.name, email: user.email, role: user.role } : null,
      notice,
      quickExitUrl: quickExitUrl(),
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

// The root loader carries the one-time notice and the signed-in user: run it on every navigation,
// so a notice shows on the page after the change only, and a revoked session is noticed at once.
export const shouldRevalidate = () => true;

type RootData = ReturnType<typeof useRootData>;
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

const NAV: { to: string; label: string; role: Role; match: (p: string) => boolean }[] = [
  { to: "/", label: "Dashboard", role: "viewer", match: (p) => p === "/" },
  { to: "/engagements", label: "Engagements", role: "viewer", match: (p) => p.startsWith("/engagements") },
  { to: "/actions", label: "Actions", role: "viewer", match: (p) => p.startsWith("/actions") },
  { to: "/recommendations", label: "Recommendations", role: "viewer", match: (p) => p.startsWith("/recommendations") },
  { to: "/organisations", label: "Organisations", role: "viewer", match: (p) => p.startsWith("/organisations") },
  { to: "/coverage", label: "Police coverage", role: "viewer", match: (p) => p.startsWith("/coverage") },
  { to: "/reports", label: "Reports", role: "viewer", match: (p) => p.startsWith("/reports") },
  { to: "/import", label: "Import", role: "officer", match: (p) => p.startsWith("/import") },
  { to: "/admin/users", label: "Staff accounts", role: "admin", match: (p) => p.startsWith("/admin/users") },
  { to: "/admin/audit", label: "Audit trail", role: "admin", match: (p) => p.startsWith("/admin/audit") },
];

function ServiceNavigation({ data }: { data: RootData }) {
  const { pathname } = useLocation();
  const user = data?.user;
  return (
    <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            <Link to="/" className="govuk-service-navigation__link">
              Stakeholder Engagement Tracker
            </Link>
          </span>
          {user ? (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <button
                type="button"
                className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                aria-controls="navigation"
                hidden
                aria-hidden="true"
              >
                Menu
              </button>
              <ul className="govuk-service-navigation__list" id="navigation">
                {NAV.filter((item) => hasRole(user.role, item.role)).map((item) => {
                  const active = item.match(pathname);
                  return (
                    <li
                      key={item.to}
                      className={`govuk-service-navigation__item${active ? " govuk-service-navigation__item--active" : ""}`}
                    >
                      <Link className="govuk-service-navigation__link" to={item.to} aria-current={active ? "page" : undefined}>
                        {active ? <strong className="govuk-service-navigation__active-fallback">{item.label}</strong> : item.label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : null}
        </div>
      </div>
    </section>
  );
}

/**
 * A page whose route says `handle = { hydrate: false }` is sent without React and Remix's scripts: a plain form
 * page (sign-in) that works the same with JavaScript off needs none of it. It gets only GOV.UK Frontend's own
 * script (the error summary's focus, Exit this page), copied to /assets by scripts/copy-govuk-assets.js.
 */
export type RouteHandle = { hydrate?: boolean };

function useHydrated(): boolean {
  return !useMatches().some((match) => (match.handle as RouteHandle | undefined)?.hydrate === false);
}

function Page({ children, title }: { children: ReactNode; title?: string }) {
  const nonce = useNonce();
  const hydrate = useHydrated();
  const data = useRootData();
  const location = useLocation();
  useEffect(() => {
    void initGovukFrontend();
  }, [location.key]);
  const user = data?.user;
  return (
    <html lang="en-GB" className="govuk-template govuk-template--rebranded">
      <head>
        <DocumentMeta />
        <meta name="theme-color" content="#1d70b8" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <script
          nonce={nonce}
          dangerouslySetInnerHTML={{
            __html:
              "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');",
          }}
        />
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>
        <header className="app-header" role="banner">
          <div className="govuk-width-container app-header__bar">
            <span className="app-header__marking">OFFICIAL-SENSITIVE</span>
            {user ? (
              <div className="app-header__account">
                <span className="app-header__user">
                  {user.name} <span className="app-header__role">({ROLE_LABELS[user.role]})</span>
                </span>
                <Link to="/account" className="app-header__account-link">
                  Your account
                </Link>
                <Form method="post" action="/logout" className="app-header__signout">
                  <button type="submit" className="app-header__signout-button">
                    Sign out
                  </button>
                </Form>
              </div>
            ) : null}
          </div>
        </header>
        <ServiceNavigation data={data} />
        <div className="govuk-width-container">
          <div className="govuk-exit-this-page app-exit-this-page" data-module="govuk-exit-this-page">
            <a
              href={data?.quickExitUrl ?? "https://www.bbc.co.uk/weather"}
              role="button"
              draggable={false}
              className="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button"
              data-module="govuk-button"
              rel="nofollow noreferrer"
            >
              <span className="govuk-visually-hidden">Emergency</span> Exit this page
            </a>
          </div>
          <main className="govuk-main-wrapper" id="main-content">
            {data?.notice ? (
              <NotificationBanner success title={data.notice.title}>
                <p className="govuk-notification-banner__heading">{data.notice.message}</p>
              </NotificationBanner>
            ) : null}
            {children}
          </main>
        </div>
        <footer className="govuk-footer">
          <div className="govuk-width-container">
            <div className="govuk-footer__meta">
              <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                <p className="govuk-body-s">
                  Office of the Independent Anti-Slavery Commissioner. Information held here is OFFICIAL-SENSITIVE: handle it under the
                  office's security policy.
                </p>
                <p className="govuk-body-s">Press Shift three times, or use Exit this page, to leave quickly.</p>
              </div>
            </div>
          </div>
        </footer>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script type="module" nonce={nonce} src="/assets/govuk-init.js" />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return (
    <Page>
      <Outlet />
    </Page>
  );
}

/** What each error page says: its title and the paragraphs above the link back to the dashboard. */
function errorPage(error: unknown): { title: string; paragraphs: string[] } {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  switch (status) {
    case 503: // The database could not be written just now (busy, read-only, disk full): nothing was saved.
      return {
        title: "Sorry, there is a problem with the service",
        paragraphs: [
          "Try again in a few minutes.",
          "If you were saving something, it has not been saved: go back and submit it again. A change is either saved whole or not at all.",
        ],
      };
    case 404:
      return {
        title: "Page not found",
        paragraphs: [
          "If you typed the web address, check it is correct.",
          "If you pasted the web address, check you copied the entire address.",
        ],
      };
    case 403:
      // A model's refusal of one record (not the role) says which rule refused it.
      if (isRouteErrorResponse(error) && typeof error.data === "string" && error.data !== "Forbidden")
        return {
          title: "You do not have permission to see or do this",
          paragraphs: [`${error.data}. The attempt has been recorded.`, "If it needs doing, ask someone who may, or a manager."],
        };
      return {
        title: "You do not have permission to see or do this",
        paragraphs: [
          "Your account's role does not allow it. The attempt has been recorded.",
          "If you need this access, ask an admin to change your role.",
        ],
      };
    case 400:
      return { title: "The request could not be understood", paragraphs: ["Go back and try again."] };
    default:
      return {
        title: "Sorry, there is a problem with the service",
        paragraphs: ["Try again later. Nothing you submitted has been half-saved: a change is either saved whole or not at all."],
      };
  }
}

export function ErrorBoundary() {
  const { title, paragraphs } = errorPage(useRouteError());
  return (
    <Page title={`${title} – Stakeholder Engagement Tracker`}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          {paragraphs.map((text) => (
            <p className="govuk-body" key={text}>
              {text}
            </p>
          ))}
          <p className="govuk-body">
            <Link className="govuk-link" to="/">
              Go to the dashboard
            </Link>
          </p>
        </div>
      </div>
    </Page>
  );
}
