import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { BackLink, Button, ErrorSummary, Table, Tag, TextInput } from "~/components/govuk";
import { pageTitle, renderedAfterFailedPost, useErrorTitle } from "~/components/page-title";
import { useValidatedForm } from "~/forms/use-validated-form";
import { addTheme, archiveTheme, listThemesWithUse, restoreTheme } from "~/models/theme.server";
import { pluralise } from "~/domain/format";
import { formDataToObject, parseForm, valueAt } from "~/forms/form-data";
import { badRequest } from "~/server/http.server";
import { modelErrorResponse } from "~/server/model-errors.server";
import { hasRole } from "~/domain/permissions";
import { requireRole, requireUser } from "~/server/auth.server";
import { redirectWithNotice } from "~/server/notices.server";
import { themeChangeSchema } from "~/forms/engagement.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: pageTitle("Themes", data?.hasErrors) }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ themes: listThemesWithUse(), canEdit: hasRole(user.role, "officer"), hasErrors: renderedAfterFailedPost(request) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "officer");
  const formData = await request.formData();
  const parsed = parseForm(themeChangeSchema, formData);
  if (!parsed.ok) return badRequest(parsed);
  try {
    if (parsed.data.intent === "add") {
      const theme = await addTheme({ name: parsed.data.name, actor: user.actor });
      return redirectWithNotice("/engagements/themes", { title: "Success", message: `Theme “${theme.name}” added` });
    }
    const change = { id: parsed.data.themeId, actor: user.actor };
    const theme = await (parsed.data.intent === "archive" ? archiveTheme(change) : restoreTheme(change));
    return redirectWithNotice("/engagements/themes", {
      title: "Success",
      message: `Theme “${theme.name}” ${parsed.data.intent === "archive" ? "archived" : "restored"}`,
    });
  } catch (error) {
    return modelErrorResponse(error, { values: formDataToObject(formData), notFound: "Theme" });
  }
}

/** The browser's copy of the schema, fetched when the person starts typing (zod stays out of the page). */
const loadThemeChangeSchema = () => import("~/forms/engagement").then((m) => m.themeChangeSchema);

export default function Themes() {
  const { themes, canEdit } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  // Adding a theme is checked in the browser with the action's schema; archive and restore are one-button posts.
  const { form, errors, onSubmit } = useValidatedForm(loadThemeChangeSchema, { defaultValues: { intent: "add" }, failure });
  useErrorTitle(Object.keys(errors).length > 0);
  return (
    <>
      <BackLink to="/engagements">All engagements</BackLink>
      <ErrorSummary errors={errors} order={["name", "themeId"]} />
      <h1 className="govuk-heading-l">Themes</h1>
      <p className="govuk-body">
        Topics that run across engagements. An archived theme stays on the engagements that have it, and is no longer offered for new ones.
      </p>
      {themes.length ? (
        <Table
          caption="Themes, by name"
          captionClasses="govuk-visually-hidden"
          head={["Theme", "Engagements", canEdit && <span className="govuk-visually-hidden">Actions</span>]}
          rows={themes.map((t) => ({
            key: t.id,
            cells: [
              <>
                {t.name}
                {t.archivedAt ? (
                  <>
                    {" "}
                    <Tag colour="grey">Archived</Tag>
                  </>
                ) : null}
              </>,
              t.engagements ? (
                <Link className="govuk-link" to={`/engagements?theme=${t.id}`}>
                  {pluralise(t.engagements, "engagement")}
                  <span className="govuk-visually-hidden"> with the theme {t.name}</span>
                </Link>
              ) : (
                "None"
              ),
              canEdit && (
                <Form method="post">
                  <input type="hidden" name="themeId" value={t.id} />
                  <button type="submit" name="intent" value={t.archivedAt ? "restore" : "archive"} className="app-link-button">
                    {t.archivedAt ? "Restore" : "Archive"}
                    <span className="govuk-visually-hidden"> {t.name}</span>
                  </button>
                </Form>
              ),
            ],
          }))}
        />
      ) : (
        <p className="govuk-body">No themes yet.</p>
      )}
      {canEdit ? (
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" {...form.register("intent")} value="add" />
          <TextInput
            {...form.register("name")}
            label="Add a theme"
            labelClassName="govuk-label--m"
            defaultValue={valueAt(failure?.values, "name")}
            error={errors.name}
            widthClass="govuk-input--width-20"
            autoComplete="off"
          />
          <Button variant="secondary">Add theme</Button>
        </Form>
      ) : null}
    </>
  );
}
