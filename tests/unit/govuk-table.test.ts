import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Table, type TableCellOptions, type TableProps } from "~/components/govuk/Table";
import { govukFixtures, normaliseHtml } from "../support/govuk-fixtures";

// Every table fixture govuk-frontend publishes is rendered by our Table with the same options and compared
// in canonical form. The macro's options map one to one onto the props; only `html` differs: the macro takes
// a string of HTML, our cells take React nodes, so the test puts a marker in its place and the string after.

type FixtureCell = {
  text?: string | number;
  html?: string;
  format?: "numeric";
  classes?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: Record<string, string>;
};
type FixtureOptions = {
  caption?: string;
  captionClasses?: string;
  firstCellIsHeader?: boolean;
  classes?: string;
  attributes?: Record<string, string>;
  head?: FixtureCell[];
  rows: (FixtureCell[] | false | null)[];
};

function render(options: FixtureOptions): string {
  const html: string[] = [];
  const cell = ({ html: raw, ...rest }: FixtureCell): TableCellOptions => {
    if (raw === undefined) return rest;
    html.push(raw);
    return { ...rest, html: `@@html-${html.length - 1}@@` };
  };
  const props: TableProps = {
    caption: options.caption,
    captionClasses: options.captionClasses,
    firstCellIsHeader: options.firstCellIsHeader,
    classes: options.classes,
    attributes: options.attributes,
    head: options.head?.map(cell),
    rows: options.rows.map((row) => row && row.map(cell)),
  };
  return renderToStaticMarkup(createElement(Table, props)).replace(/@@html-(\d+)@@/g, (_, i: string) => html[Number(i)]);
}

describe("the GOV.UK table matches govuk-frontend's markup", () => {
  // All of them: the app uses captions, heads, numeric cells, row headers, classes, attributes (id, aria-sort),
  // spans and React nodes in cells, and nothing in the macro is left unsupported.
  it.each(govukFixtures("table").map((f) => [f.name, f] as const))("%s", (_name, fixture) => {
    expect(normaliseHtml(render(fixture.options as FixtureOptions))).toBe(normaliseHtml(fixture.html));
  });
});

describe("the GOV.UK table in React", () => {
  it("takes React nodes as cells, leaves out cells that are false and keeps null as an empty cell", () => {
    const html = renderToStaticMarkup(
      createElement(Table, {
        head: ["Name", false, { text: "Count", format: "numeric" }],
        rows: [{ key: 7, cells: [createElement("a", { href: "/x" }, "X"), false, { text: 3, format: "numeric" }] }, [null, false, 0]],
      }),
    );
    expect(normaliseHtml(html)).toBe(
      normaliseHtml(
        '<table class="govuk-table"><thead class="govuk-table__head"><tr class="govuk-table__row">' +
          '<th scope="col" class="govuk-table__header">Name</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">Count</th>' +
          '</tr></thead><tbody class="govuk-table__body">' +
          '<tr class="govuk-table__row"><td class="govuk-table__cell"><a href="/x">X</a></td><td class="govuk-table__cell govuk-table__cell--numeric">3</td></tr>' +
          '<tr class="govuk-table__row"><td class="govuk-table__cell"></td><td class="govuk-table__cell">0</td></tr>' +
          "</tbody></table>",
      ),
    );
  });

  it("renders several header rows, with the id on the table and attributes overriding a header's scope", () => {
    const html = renderToStaticMarkup(
      createElement(Table, {
        id: "forces",
        headRows: [
          [
            { text: "Force", rowspan: 2 },
            { text: "Engagements", colspan: 2, attributes: { scope: "colgroup", "aria-sort": "none" } },
          ],
          ["Force", "Body"],
        ],
        rows: [],
      }),
    );
    expect(normaliseHtml(html)).toBe(
      normaliseHtml(
        '<table class="govuk-table" id="forces"><thead class="govuk-table__head">' +
          '<tr class="govuk-table__row"><th scope="col" class="govuk-table__header" rowspan="2">Force</th>' +
          '<th scope="colgroup" class="govuk-table__header" colspan="2" aria-sort="none">Engagements</th></tr>' +
          '<tr class="govuk-table__row"><th scope="col" class="govuk-table__header">Force</th><th scope="col" class="govuk-table__header">Body</th></tr>' +
          '</thead><tbody class="govuk-table__body"></tbody></table>',
      ),
    );
  });
});
