import { createElement, type ReactElement, type ReactNode } from "react";
import {
  BackLink,
  Button,
  ButtonLink,
  Details,
  InsetText,
  NotificationBanner,
  PrevNextPagination,
  SummaryList,
  Tag,
  WarningText,
} from "~/components/govuk";
import type { SummaryRow, TagColour } from "~/components/govuk";
import { ErrorSummary } from "~/components/govuk/ErrorSummary";
import { govukFixture, normaliseHtml } from "../support/govuk-fixtures";
import { htmlSlots } from "../support/govuk-render";

// Each GOV.UK component in app/components/govuk (but the form fields) against the fixtures of govuk-frontend
// for the options the app uses. A fixture left out uses an option the app never passes (cards, custom
// attributes and classes, headings levels, numbered pages); it is named in a comment beside its component.

type Content = { text?: string; html?: string };
type Options = Record<string, unknown>;

/** Renders what `build` makes of a fixture's options and compares it with the fixture's markup. */
function expectFixture(component: string, name: string, build: (options: Options, content: (c?: Options) => ReactNode) => ReactElement) {
  const fixture = govukFixture(component, name);
  const slots = htmlSlots();
  const content = (c?: Options): ReactNode => (typeof c?.html === "string" ? slots.slot(c.html) : (c?.text as string | undefined));
  const html = slots.render(build(fixture.options, content));
  // A Remix Link to "#" is resolved against the route: the fixtures' placeholder href "#" reads "/" on both sides.
  const hashHref = (markup: string) => normaliseHtml(markup.replace(/href="#"/g, 'href="/"'));
  expect(hashHref(html)).toBe(hashHref(fixture.html));
}

/** One test for each named fixture of a component, the names written on one line: "default | with actions". */
function checkFixtures(component: string, names: string, build: Parameters<typeof expectFixture>[2]) {
  it.each(names.split(" | "))("%s", (name) => expectFixture(component, name, build));
}

describe("Tag matches govuk-frontend", () => {
  // Not "turquoise" and "pink": their fixtures use the new class names (teal, magenta) which the app's colours
  // do not use yet; not "attributes" (never passed).
  checkFixtures("tag", "default | grey | green | purple | red | orange | yellow | html | html as text", (o, content) =>
    createElement(Tag, {
      colour: (o.classes as string | undefined)?.replace("govuk-tag--", "") as TagColour | undefined,
      children: content(o),
    }),
  );
});

type FixtureRow = { key: Content; value: Content; actions?: { items: { href: string; text: string; visuallyHiddenText?: string }[] } };

describe("SummaryList matches govuk-frontend", () => {
  // Not the summary cards, row/key/value/action classes or attributes, action html, "no-border on last row"
  // or "translated": options the app never passes.
  checkFixtures(
    "summary-list",
    "default | with actions | no-border | extreme | with falsy values | key with html | value with html | actions href | single action with anchor | empty items array | with some actions",
    (o, content) =>
      createElement(SummaryList, {
        noBorder: o.classes === "govuk-summary-list--no-border",
        rows: (o.rows as (FixtureRow | null | false | "")[]).map((row): SummaryRow | false =>
          row ? { key: content(row.key), value: content(row.value), actions: row.actions?.items } : false,
        ),
      }),
  );
});

describe("NotificationBanner matches govuk-frontend", () => {
  // Not a custom role, heading level, classes, attributes or auto-focus setting: never passed.
  checkFixtures(
    "notification-banner",
    "default | with text as html | with type as success | with long heading | with lots of content | custom title | custom title id | custom title id with type as success",
    (o, content) =>
      createElement(NotificationBanner, {
        success: o.type === "success",
        title: o.titleText as string | undefined,
        titleId: o.titleId as string | undefined,
        children:
          o.html !== undefined ? content(o) : createElement("p", { className: "govuk-notification-banner__heading" }, o.text as string),
      }),
  );
});

describe("Button and ButtonLink match govuk-frontend", () => {
  const variant = (classes: unknown) =>
    (classes as string | undefined)?.replace("govuk-button--", "") as "secondary" | "warning" | undefined;
  // Not the start button, pseudo-class states (":hover" is no class), custom classes and attributes, or html: never passed.
  checkFixtures(
    "button",
    "default | disabled | secondary | secondary disabled | warning | warning disabled | inverse | inverse disabled | name | type | value | id | no type",
    (o) =>
      createElement(Button, {
        variant: (o.classes as string | undefined)?.replace("govuk-button--", "") as "secondary" | "warning" | "inverse" | undefined,
        disabled: o.disabled as boolean | undefined,
        name: o.name as string | undefined,
        type: o.type as "button" | undefined,
        value: o.value as string | undefined,
        id: o.id as string | undefined,
        children: o.text as string,
      }),
  );
  checkFixtures("button", "link | explicit link", (o) =>
    createElement(ButtonLink, { to: o.href as string, variant: variant(o.classes), children: o.text as string }),
  );
});

describe("BackLink matches govuk-frontend", () => {
  // Not "inverse", classes or attributes: never passed.
  checkFixtures("back-link", "default | with custom text and link | html | html as text", (o, content) =>
    createElement(BackLink, { to: (o.href as string | undefined) ?? "#", children: content(o) ?? undefined }),
  );
});

describe("InsetText, WarningText and Details match govuk-frontend", () => {
  // Not id, classes or attributes: never passed.
  checkFixtures("inset-text", "default | with html | html as text", (o, content) => createElement(InsetText, { children: content(o) }));
  // The app's warning text always falls back to "Warning"; not custom fallback text, classes or attributes.
  checkFixtures("warning-text", "default | multiple lines | html as text | no icon fallback text", (o, content) =>
    createElement(WarningText, { children: content(o) }),
  );
  // Not id, classes or attributes: never passed.
  checkFixtures("details", "default | html as text | html | summary html as text | summary html | with html", (o, content) =>
    createElement(Details, {
      summary: content({ text: o.summaryText as string | undefined, html: o.summaryHtml as string | undefined }),
      open: o.open as boolean | undefined,
      children: content(o),
    }),
  );
});

describe("PrevNextPagination matches govuk-frontend", () => {
  // Keyset pagination has previous and next only: not the numbered pages, labels or custom text.
  checkFixtures("pagination", "with prev and next only | with previous only | with next only", (o) =>
    createElement(PrevNextPagination, {
      previous: (o.previous as { href: string } | undefined)?.href,
      next: (o.next as { href: string } | undefined)?.href,
    }),
  );
});

describe("ErrorSummary matches govuk-frontend", () => {
  // Every error of the app links to its field: not the unlinked errors, descriptions, custom titles, classes or attributes.
  it("default", () =>
    expectFixture("error-summary", "default", (o) =>
      createElement(ErrorSummary, {
        errors: Object.fromEntries((o.errorList as { text: string; href: string }[]).map((e) => [e.href.slice(1), e.text])),
      }),
    ));
});
