import { isValidElement, type Key, type ReactNode } from "react";

// GOV.UK Frontend's table (govuk-frontend/dist/govuk/components/table/template.njk) as one React component.
// The props are the macro's options, so its documentation and fixtures read across; the differences are React's:
// a cell's `html` holds React nodes (links, tags, several lines) rather than a string of HTML, attributes use
// React's names (tabIndex, aria-sort), a row may carry a key, and a cell that is `false` is left out.

/** Attributes added to an element, under React's names: `{ "aria-sort": "ascending" }`, `{ tabIndex: -1 }`. */
export type TableAttributes = Record<string, string | number | boolean | undefined>;

/** A cell (or header) as the macro takes it. `html` wins over `text` when both are given. */
export type TableCellOptions = {
  text?: string | number | null;
  html?: ReactNode;
  /** "numeric" right-aligns the cell and its header (`govuk-table__cell--numeric`, `govuk-table__header--numeric`). */
  format?: "numeric";
  classes?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: TableAttributes;
};

/**
 * A cell: its options, or just its content (text or React nodes) when it needs no options.
 * `false` leaves the cell out, for a column shown only sometimes (`canEdit && <Link …>`); null is an empty cell.
 */
export type TableCell = TableCellOptions | ReactNode;

/** A row: its cells, or its cells with a React key (an id) when rows can change order or number. */
export type TableRow = TableCell[] | { key: Key; cells: TableCell[] };

export type TableProps = {
  caption?: ReactNode;
  /** e.g. "govuk-table__caption--m", or "govuk-visually-hidden" for a caption only screen readers need. */
  captionClasses?: string;
  /** The column headers: one row of `<th scope="col">`. */
  head?: TableCell[];
  /** Several header rows instead of `head`, for a header spanning columns (give it `colspan`). */
  headRows?: TableCell[][];
  /** Falsy rows are left out, as the macro does. */
  rows: (TableRow | false | null | undefined)[];
  /** Each row's first cell is a row header, `<th scope="row">`. */
  firstCellIsHeader?: boolean;
  /** Added to `govuk-table`, e.g. "govuk-table--small-text-until-tablet". */
  classes?: string;
  id?: string;
  attributes?: TableAttributes;
};

function isOptions(cell: TableCell): cell is TableCellOptions {
  return typeof cell === "object" && cell !== null && !isValidElement(cell) && !(Symbol.iterator in cell);
}

function optionsOf(cell: TableCell): TableCellOptions {
  return isOptions(cell) ? cell : { html: cell };
}

function content({ html, text }: TableCellOptions): ReactNode {
  return html || html === 0 ? html : text;
}

function classNames(...names: (string | false | null | undefined)[]) {
  return names.filter(Boolean).join(" ");
}

/** The attributes given a value: one left undefined does not clear the element's own (a header's scope). */
function defined(attributes: TableAttributes = {}) {
  return Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== undefined));
}

function present(cells: TableCell[]): TableCellOptions[] {
  return cells.filter((cell) => cell !== false).map(optionsOf);
}

function HeadRow({ cells }: { cells: TableCell[] }) {
  return (
    <tr className="govuk-table__row">
      {present(cells).map((cell, i) => (
        <th
          key={i}
          scope="col"
          className={classNames("govuk-table__header", cell.format && `govuk-table__header--${cell.format}`, cell.classes)}
          colSpan={cell.colspan}
          rowSpan={cell.rowspan}
          {...defined(cell.attributes)}
        >
          {content(cell)}
        </th>
      ))}
    </tr>
  );
}

/** GOV.UK table: caption, column headers, rows of cells; markup as govuk-frontend's table macro renders it. */
export function Table({ caption, captionClasses, head, headRows, rows, firstCellIsHeader, classes, id, attributes }: TableProps) {
  const headers = headRows ?? (head ? [head] : []);
  return (
    <table className={classNames("govuk-table", classes)} id={id} {...defined(attributes)}>
      {caption ? <caption className={classNames("govuk-table__caption", captionClasses)}>{caption}</caption> : null}
      {headers.length ? (
        <thead className="govuk-table__head">
          {headers.map((cells, i) => (
            <HeadRow key={i} cells={cells} />
          ))}
        </thead>
      ) : null}
      <tbody className="govuk-table__body">
        {rows.map((row, r) => {
          if (!row) return null;
          const [key, cells] = Array.isArray(row) ? [r, row] : [row.key, row.cells];
          return (
            <tr className="govuk-table__row" key={key}>
              {present(cells).map((cell, i) => {
                const common = { colSpan: cell.colspan, rowSpan: cell.rowspan, ...defined(cell.attributes) };
                return i === 0 && firstCellIsHeader ? (
                  <th key={i} scope="row" className={classNames("govuk-table__header", cell.classes)} {...common}>
                    {content(cell)}
                  </th>
                ) : (
                  <td
                    key={i}
                    className={classNames("govuk-table__cell", cell.format && `govuk-table__cell--${cell.format}`, cell.classes)}
                    {...common}
                  >
                    {content(cell)}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
