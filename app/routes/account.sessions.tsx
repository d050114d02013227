import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Table, Tag } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { formatDateTime } from "~/domain/format";
import { browserLabel } from "~/domain/user-agent";
import { endOtherSessions, listSessionsOfUser } from "~/models/auth.server";
import { requireUser } from "~/server/auth.server";
import { sessionIdleMinutesSetting } from "~/server/env.server";
import { redirectWithNotice } from "~/server/notices.server";
import { sessionToken } from "~/server/session.server";

export const meta: MetaFunction = () => [{ title: pageTitle("Your sessions") }];

async function currentToken(request: Request): Promise<string> {
  const token = await sessionToken(request);
  // requireUser has found a live session, so the token is there; be safe anyway.
  if (!token) throw redirect("/login");
  return token;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const sessions = listSessionsOfUser({ userId: user.id, token: await currentToken(request), idleMinutes: sessionIdleMinutesSetting() });
  return json({ sessions, idleMinutes: sessionIdleMinutesSetting() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const token = await currentToken(request);
  const form = await request.formData();
  const intent = form.get("intent");
  const handle = form.get("session");
  if (intent === "end-others") {
    const ended = await endOtherSessions({ actor: user.actor, token });
    return redirectWithNotice(
      "/account/sessions",
      ended ? `You have signed out of ${ended === 1 ? "1 other session" : `${ended} other sessions`}` : "You had no other sessions",
    );
  }
  if (intent === "end-one" && typeof handle === "string" && /^[0-9a-f]{24}$/.test(handle)) {
    const ended = await endOtherSessions({ actor: user.actor, token, handle });
    return redirectWithNotice("/account/sessions", ended ? "You have signed out of that session" : "That session had already ended");
  }
  return json({ error: "Choose a session to sign out of" }, 400);
}

export default function AccountSessions() {
  const { sessions, idleMinutes } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <span className="govuk-caption-l">Your account</span>
        <h1 className="govuk-heading-l">Your sessions</h1>
        <p className="govuk-body">
          These are the browsers signed in to your account. A session ends after {idleMinutes} minutes without use, or when you sign out. If
          you do not recognise one, sign out of it and change your password.
        </p>
        <Table
          caption="Signed-in sessions"
          captionClasses="govuk-table__caption--m"
          head={["Browser", "Address", "Started", "Last seen", { html: <span className="govuk-visually-hidden">Action</span> }]}
          rows={sessions.map((session) => ({
            key: session.handle,
            cells: [
              {
                html: (
                  <>
                    {browserLabel(session.userAgent)}
                    {session.current ? (
                      <>
                        {" "}
                        <Tag colour="green">This session</Tag>
                      </>
                    ) : null}
                  </>
                ),
              },
              session.ip ?? "Not known",
              formatDateTime(session.createdAt),
              formatDateTime(session.lastSeenAt),
              session.current ? (
                ""
              ) : (
                <Form method="post" className="app-inline-form">
                  <input type="hidden" name="session" value={session.handle} />
                  <Button name="intent" value="end-one" variant="secondary" disabled={busy}>
                    Sign out
                    <span className="govuk-visually-hidden">
                      {" "}
                      of {browserLabel(session.userAgent)}, last seen {formatDateTime(session.lastSeenAt)}
                    </span>
                  </Button>
                </Form>
              ),
            ],
          }))}
        />
        {others > 0 ? (
          <Form method="post">
            <Button name="intent" value="end-others" disabled={busy} variant="warning">
              Sign out of every other session
            </Button>
          </Form>
        ) : (
          <p className="govuk-body">You are not signed in anywhere else.</p>
        )}
      </div>
    </div>
  );
}
