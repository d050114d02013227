// WordprocessingML for the repeated part of a long document (the engagements), written as strings.
//
// Why not `docx` objects here too: building and packing them costs about 25 ms an engagement (10,000
// engagements: minutes of CPU). These few functions write exactly the markup `docx` writes for the same
// paragraphs, runs and tables (tests/integration/reports-wordml.test.ts compares the two), at a fraction
// of the cost. The document around them (styles, header and footer, title page, statistics) is still made
// by `docx`; see docx.server.ts.
import { wordSafe } from "./docx.server";

type RunOptions = { bold?: boolean; italics?: boolean; color?: string };
export type Run = { text: string } & RunOptions;

type ParagraphOptions = {
  /** A paragraph style id: "Heading1".."Heading6", "Title". */
  style?: string;
  keepNext?: boolean;
  spacingBefore?: number;
  spacingAfter?: number;
};

function escapeXml(text: string): string {
  return wordSafe(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function run(text: string, options: RunOptions = {}): string {
  const props =
    (options.bold ? "<w:b/><w:bCs/>" : "") +
    (options.italics ? "<w:i/><w:iCs/>" : "") +
    (options.color ? `<w:color w:val="${options.color.replace(/[^0-9A-Fa-f]/g, "")}"/>` : "");
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ""}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

export function paragraph(content: string | Run[], options: ParagraphOptions = {}): string {
  const spacing =
    options.spacingBefore !== undefined || options.spacingAfter !== undefined
      ? `<w:spacing${options.spacingBefore !== undefined ? ` w:before="${options.spacingBefore}"` : ""}${options.spacingAfter !== undefined ? ` w:after="${options.spacingAfter}"` : ""}/>`
      : "";
  const props = (options.style ? `<w:pStyle w:val="${options.style}"/>` : "") + (options.keepNext ? "<w:keepNext/>" : "") + spacing;
  const runs = typeof content === "string" ? run(content) : content.map((r) => run(r.text, r)).join("");
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ""}${runs}</w:p>`;
}

export function heading(level: number, text: string): string {
  return paragraph(text, { style: `Heading${Math.min(Math.max(Math.round(level), 1), 6)}`, keepNext: true });
}

/** A paragraph holding only a page break, as docx writes `new Paragraph({ children: [new PageBreak()] })`. */
export function pageBreak(): string {
  return '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';
}

/** Text that may hold several lines: one paragraph per line, blank lines dropped. */
export function paragraphs(text: string | null | undefined): string[] {
  return wordSafe(text)
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== "")
    .map((line) => paragraph(line));
}

/** A table cell's content: text, or paragraphs already written. */
export type Cell = string | { paragraphs: string[] };

type TableOptions = { widths: number[]; borderColor?: string; headerRow?: boolean; headerColumn?: boolean };

const CELL_MARGINS =
  '<w:tblCellMar><w:top w:type="dxa" w:w="60"/><w:left w:type="dxa" w:w="100"/><w:bottom w:type="dxa" w:w="60"/><w:right w:type="dxa" w:w="100"/></w:tblCellMar>';
const HEADER_SHADING = '<w:shd w:fill="F3F2F1" w:color="auto" w:val="clear"/>';

function cellXml(content: Cell, width: number, header: boolean): string {
  const body =
    typeof content === "string"
      ? paragraph([{ text: content, bold: header || undefined }])
      : content.paragraphs.length
        ? content.paragraphs.join("")
        : paragraph("");
  return `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>${header ? HEADER_SHADING : ""}</w:tcPr>${body}</w:tc>`;
}

/**
 * A bordered table whose rows never split across pages. With `headerRow`, the first row is shaded, bold and
 * repeated at the top of each page; with `headerColumn`, the first cell of each row is shaded and bold.
 */
export function table(rows: Cell[][], options: TableOptions): string {
  const colour = options.borderColor ?? "B1B4B6";
  const edge = (name: string) => `<w:${name} w:val="single" w:color="${colour}" w:sz="4"/>`;
  const total = options.widths.reduce((a, b) => a + b, 0);
  const tblPr = `<w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:tblBorders>${["top", "left", "bottom", "right", "insideH", "insideV"].map(edge).join("")}</w:tblBorders>${CELL_MARGINS}</w:tblPr>`;
  const grid = `<w:tblGrid>${options.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join("")}</w:tblGrid>`;
  const body = rows
    .map((cells, r) => {
      const isHeaderRow = Boolean(options.headerRow) && r === 0;
      const trPr = `<w:trPr><w:cantSplit/>${isHeaderRow ? "<w:tblHeader/>" : ""}</w:trPr>`;
      return `<w:tr>${trPr}${cells.map((c, i) => cellXml(c, options.widths[i], isHeaderRow || (Boolean(options.headerColumn) && i === 0))).join("")}</w:tr>`;
    })
    .join("");
  return `<w:tbl>${tblPr}${grid}${body}</w:tbl>`;
}
