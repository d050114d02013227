// The Word documents: the summary of a report (/reports/summary.docx) and of one engagement
// (/engagements/:id/summary.docx). Real Word headings throughout, so the navigation pane shows
// kind of organisation > organisation > engagement; the marking in the header and footer of every page.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from "docx";
import type { Marking } from "~db/schema";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
  FORMAT_LABELS,
  isOverdue,
  ORGANISATION_KIND_PLURALS,
  ownerLabel,
  SIDE_LABELS,
  timeRange,
} from "~/components/reports/labels";
import type { FilterDescription, ReportEngagement, ReportStatistics } from "~/models/report.server";
import { formatMonth } from "./dates";
import { bodyPlaceholder, streamDocx, wordSafe } from "./docx.server";
import { formatDate, formatDateTime, organisationKindLabel, pluralise } from "./format";

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const FONT = "Arial";
/** A4 less 2 cm margins each side, in twentieths of a point. */
const TEXT_WIDTH = 9638;
const MARGIN = 1134;

function heading(level: number, text: string): Paragraph {
  return new Paragraph({ heading: HEADINGS[Math.min(Math.max(level, 1), 6) - 1], children: [new TextRun(wordSafe(text))], keepNext: true });
}

/** Text that may hold several lines: one paragraph per line, blank lines dropped. */
function paragraphs(text: string | null | undefined): Paragraph[] {
  const lines = wordSafe(text)
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "");
  return lines.map((line) => new Paragraph({ children: [new TextRun(line)] }));
}

function label(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold: true })], spacing: { before: 160 }, keepNext: true });
}

function cell(content: string | Paragraph[], opts: { header?: boolean; width?: number } = {}): TableCell {
  const children =
    typeof content === "string"
      ? [new Paragraph({ children: [new TextRun({ text: wordSafe(content), bold: opts.header })] })]
      : content.length
        ? content
        : [new Paragraph("")];
  return new TableCell({
    children,
    width: opts.width ? { size: opts.width, type: WidthType.DXA } : undefined,
    shading: opts.header ? { type: ShadingType.CLEAR, fill: "F3F2F1", color: "auto" } : undefined,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
  });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };

/** A table with a header row repeated on each page; widths are fractions of the text width. */
function table(headers: string[], rows: (string | Paragraph[])[][], fractions: number[]): Table {
  const widths = fractions.map((f) => Math.floor(TEXT_WIDTH * f));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, { header: true, width: widths[i] })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, { width: widths[i] })) })),
    ],
  });
}

/** A two-column table of keys and values, without a header row. */
function detailsTable(rows: [string, string][]): Table {
  const widths = [Math.floor(TEXT_WIDTH * 0.28), Math.floor(TEXT_WIDTH * 0.72)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: rows.map(
      ([key, value]) => new TableRow({ cantSplit: true, children: [cell(key, { header: true, width: widths[0] }), cell(paragraphs(value), { width: widths[1] })] }),
    ),
  });
}

function spacer(): Paragraph {
  return new Paragraph({ text: "", spacing: { after: 120 } });
}

function markingParagraph(marking: Marking): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: marking, bold: true, font: FONT, size: 24 })] });
}

function pageFurniture(marking: Marking) {
  return {
    headers: { default: new Header({ children: [markingParagraph(marking)] }) },
    footers: {
      default: new Footer({
        children: [
          markingParagraph(marking),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES], font: FONT, size: 18 })],
          }),
        ],
      }),
    },
  };
}

const STYLES = {
  default: {
    document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 80 } } },
    title: { run: { font: FONT, size: 56, bold: true, color: "0B0C0C" } },
    heading1: { run: { font: FONT, size: 40, bold: true, color: "0B0C0C" }, paragraph: { spacing: { before: 360, after: 160 } } },
    heading2: { run: { font: FONT, size: 32, bold: true, color: "0B0C0C" }, paragraph: { spacing: { before: 320, after: 120 } } },
    heading3: { run: { font: FONT, size: 28, bold: true, color: "0B0C0C" }, paragraph: { spacing: { before: 280, after: 120 } } },
    heading4: { run: { font: FONT, size: 24, bold: true, color: "0B0C0C" }, paragraph: { spacing: { before: 240, after: 100 } } },
    heading5: { run: { font: FONT, size: 22, bold: true, color: "0B0C0C" } },
  },
};

function document(title: string, description: string, marking: Marking, children: FileChild[]): Document {
  return new Document({
    creator: "Stakeholder Engagement Tracker",
    title: `${marking} ${title}`,
    description,
    styles: STYLES,
    sections: [
      {
        properties: { page: { margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: 567, footer: 567 } } },
        ...pageFurniture(marking),
        children,
      },
    ],
  });
}

// ---- one engagement ---------------------------------------------------------------------------------

function whereText(e: ReportEngagement): string {
  return [e.format ? FORMAT_LABELS[e.format] : null, e.location, e.country].filter(Boolean).join(", ");
}

/** An engagement as a block of the document, its title at heading `level`. */
export function engagementBlock(e: ReportEngagement, level: number, today: string, opts: { withTitle?: boolean } = {}): FileChild[] {
  const out: FileChild[] = [];
  if (opts.withTitle !== false) out.push(heading(level, `${formatDate(e.date)}: ${e.title}`));
  const details: [string, string][] = [
    ["Date", [formatDate(e.date), timeRange(e.startTime, e.endTime)].filter(Boolean).join(", ")],
    ["Kind", `${ENGAGEMENT_KIND_LABELS[e.kind] ?? e.kind} (${(ENGAGEMENT_STATUS_LABELS[e.status] ?? e.status).toLowerCase()})`],
    ["Organisations", e.organisations.map((o) => o.name).join(", ") || "None recorded"],
  ];
  const where = whereText(e);
  if (where) details.push(["Format and place", where]);
  if (e.leadName) details.push(["Lead officer", e.leadName]);
  if (e.themes.length) details.push(["Themes", e.themes.join(", ")]);
  details.push(["Marking", e.marking]);
  out.push(detailsTable(details));

  if (e.purpose) out.push(label("Purpose"), ...paragraphs(e.purpose));
  if (e.summary) out.push(label("Summary of outcomes"), ...paragraphs(e.summary));

  if (e.attendees.length) {
    out.push(label("Attendees"));
    out.push(
      table(
        ["Name", "Role", "Side"],
        e.attendees.map((a) => [a.name, [a.roleTitle, a.organisation].filter(Boolean).join(", "), SIDE_LABELS[a.side] ?? a.side]),
        [0.35, 0.45, 0.2],
      ),
    );
  }

  if (e.agenda.length) {
    out.push(label("Agenda"));
    e.agenda.forEach((item, i) => {
      out.push(new Paragraph({ children: [new TextRun({ text: `${i + 1}. ${wordSafe(item.title)}`, bold: true })], keepNext: true }));
      out.push(...paragraphs(item.notes));
      if (item.outcome) {
        const [first, ...rest] = paragraphs(`Outcome: ${item.outcome}`);
        out.push(first, ...rest);
      }
    });
  }

  if (e.actions.length) {
    out.push(label("Commitments and follow-ups"));
    out.push(
      table(
        ["Type", "What", "Owner", "Due", "Status"],
        e.actions.map((a) => {
          const status = [
            new Paragraph({
              children: [
                new TextRun({ text: ACTION_STATUS_LABELS[a.status] ?? a.status, bold: true }),
                ...(isOverdue(a, today) ? [new TextRun({ text: " (overdue)", bold: true, color: "D4351C" })] : []),
              ],
            }),
            ...paragraphs(a.closingNote),
            ...(a.resolvedBy ? paragraphs(`Resolved by ${a.resolvedBy.title} (${formatDate(a.resolvedBy.date)})`) : []),
          ];
          return [
            ACTION_KIND_LABELS[a.kind] ?? a.kind,
            paragraphs(a.description),
            [ownerLabel(a.ownerType, a.ownerName), a.organisation].filter(Boolean).join(", "),
            a.dueDate ? formatDate(a.dueDate) : "No due date",
            status,
          ];
        }),
        [0.14, 0.36, 0.2, 0.13, 0.17],
      ),
    );
  }
  out.push(spacer());
  return out;
}

/** The Word document of one engagement, whole (it is small). */
export async function engagementDocx(e: ReportEngagement, today: string, preparedBy: string): Promise<Buffer> {
  const children: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(wordSafe(e.title))] }),
    new Paragraph({ children: [new TextRun({ text: `Engagement summary, prepared by ${wordSafe(preparedBy)} on ${formatDateTime(new Date().toISOString())}` })] }),
    ...engagementBlock(e, 1, today, { withTitle: false }),
  ];
  return Packer.toBuffer(document(e.title, `Engagement of ${formatDate(e.date)}`, e.marking, children));
}

// ---- the report ------------------------------------------------------------------------------------

function filterRows(description: FilterDescription, marking: Marking, preparedBy: string): [string, string][] {
  return [
    ["Period", description.period],
    ["Organisations", description.organisations.join(", ") || "All"],
    ["Kinds of organisation", description.organisationKinds.join(", ") || "All"],
    ["Themes", description.themes.join(", ") || "All"],
    ["Kinds of engagement", description.engagementKinds.join(", ") || "All"],
    ["Includes", description.includes.length ? description.includes.join(", ") : "Dates, organisations, purpose and summary only"],
    ["Marking", marking],
    ["Prepared by", preparedBy],
    ["Prepared on", formatDateTime(new Date().toISOString())],
  ];
}

function statisticsSection(stats: ReportStatistics, today: string): FileChild[] {
  const out: FileChild[] = [heading(1, "Statistics")];
  const statusParts = (["held", "planned", "cancelled"] as const).filter((s) => stats.byStatus[s] > 0).map((s) => `${stats.byStatus[s]} ${s}`);
  out.push(
    new Paragraph(
      `${pluralise(stats.engagements, "engagement")}${statusParts.length ? ` (${statusParts.join(", ")})` : ""} with ${pluralise(stats.organisationsEngaged, "organisation")}.`,
    ),
  );

  out.push(heading(2, "Engagements by kind of organisation"));
  if (stats.byOrganisationKind.length) {
    out.push(
      table(
        ["Kind of organisation", "Engagements", "Organisations engaged"],
        stats.byOrganisationKind.map((r) => [r.label, String(r.engagements), String(r.organisations)]),
        [0.5, 0.25, 0.25],
      ),
      new Paragraph({ children: [new TextRun({ text: "An engagement with organisations of several kinds counts once under each kind.", italics: true })] }),
    );
  } else out.push(new Paragraph("None."));

  out.push(heading(2, "Engagements by month"));
  out.push(
    table(
      ["Month", "Engagements", "Commitments made", "Follow-ups"],
      stats.byMonth.map((r) => [formatMonth(r.month), String(r.engagements), String(r.commitments), String(r.followUps)]),
      [0.34, 0.22, 0.22, 0.22],
    ),
  );

  out.push(heading(2, "Commitments and follow-ups"));
  const c = stats.commitments;
  const f = stats.followUps;
  out.push(
    table(
      ["", "Commitments", "Follow-ups"],
      [
        ["Made", String(c.made), String(f.made)],
        ["Completed", String(c.completed), String(f.completed)],
        ["Dropped", String(c.dropped), String(f.dropped)],
        ["Still open", String(c.outstanding), String(f.outstanding)],
        [`Overdue on ${formatDate(today)}`, String(c.overdue), String(f.overdue)],
      ],
      [0.4, 0.3, 0.3],
    ),
  );

  out.push(heading(2, "Organisations engaged"));
  if (stats.organisations.length) {
    out.push(
      table(
        ["Organisation", "Kind", "Engagements", "Last engaged"],
        stats.organisations.map((o) => [o.name, organisationKindLabel(o.kind), String(o.engagements), formatDate(o.lastDate)]),
        [0.42, 0.24, 0.14, 0.2],
      ),
    );
  } else out.push(new Paragraph("None."));
  return out;
}

/** The engagements as body parts, headed by kind of organisation and organisation; at most `perPart` engagements a part. */
async function* groupedBody(batches: Iterable<ReportEngagement[]>, today: string, perPart = 100): AsyncGenerator<FileChild[]> {
  let kind: string | undefined;
  let organisationId: number | null | undefined;
  let any = false;
  for (const batch of batches) {
    for (let i = 0; i < batch.length; i += perPart) {
      const part: FileChild[] = [];
      for (const e of batch.slice(i, i + perPart)) {
        any = true;
        const placement = e.placement ?? null;
        const placementKind = placement ? placement.kind : "none";
        if (placementKind !== kind) {
          kind = placementKind;
          organisationId = undefined;
          part.push(heading(2, placement ? ORGANISATION_KIND_PLURALS[placement.kind] ?? placement.kind : "No organisation recorded"));
        }
        if (placement && placement.id !== organisationId) {
          organisationId = placement.id;
          part.push(heading(3, placement.name));
        }
        part.push(...engagementBlock(e, placement ? 4 : 3, today));
      }
      yield part;
      // Give the event loop a turn between parts: a long document must not stall other requests.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!any) yield [new Paragraph("No engagements match these filters.")];
}

/**
 * The report as a stream of .docx bytes: title page, statistics, then the engagements (read batch by batch
 * from `batches`, which should be the model's grouped generator).
 */
export function reportDocxStream(input: {
  description: FilterDescription;
  statistics: ReportStatistics;
  batches: Iterable<ReportEngagement[]>;
  today: string;
  preparedBy: string;
}): AsyncGenerator<Buffer> {
  const { description, statistics, today } = input;
  const marking = statistics.marking;
  const front: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("Engagement summary")] }),
    new Paragraph({ children: [new TextRun({ text: description.period, size: 32 })], spacing: { after: 240 } }),
    new Paragraph({ children: [new TextRun("Office of the Independent Anti-Slavery Commissioner: engagements with law enforcement.")], spacing: { after: 240 } }),
    detailsTable(filterRows(description, marking, input.preparedBy)),
    new Paragraph({ children: [new PageBreak()] }),
    ...statisticsSection(statistics, today),
    new Paragraph({ children: [new PageBreak()] }),
    heading(1, "Engagements"),
    new Paragraph({
      children: [
        new TextRun({
          text: "Grouped by kind of organisation and organisation. Each engagement appears once, under the first of its organisations that the report covers; its other organisations are named in it.",
          italics: true,
        }),
      ],
    }),
    bodyPlaceholder(),
  ];
  const template = document("Engagement summary", `Engagements ${description.period}`, marking, front);
  return streamDocx(template, groupedBody(input.batches, today));
}
