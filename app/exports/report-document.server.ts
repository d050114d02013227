// The Word documents: the summary of a report (/reports/summary.docx) and of one engagement
// (/engagements/:id/summary.docx). Real Word headings throughout, so the navigation pane shows
// kind of organisation > organisation > engagement; the marking in the header and footer of every page.
// The frame (styles, header and footer, title page, statistics) is made with `docx` objects; the
// engagements, which repeat thousands of times, with the string writer in wordml.server.ts.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
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
import type { Marking } from "~/domain/enums";
import { isOverdue, reportOwnerLabel } from "~/domain/actions";
import {
  ACTION_KIND_LABELS,
  ACTION_STATUS_LABELS,
  ATTENDEE_SIDE_LABELS,
  ENGAGEMENT_FORMAT_LABELS,
  ENGAGEMENT_KIND_LABELS,
  ENGAGEMENT_STATUS_LABELS,
  formatTimeRange,
} from "~/domain/engagement-labels";
import type { FilterDescription, ReportEngagement, ReportStatistics } from "~/domain/report-types";
import { statisticsSentence } from "~/domain/report-statistics";
import { formatMonth } from "~/domain/dates";
import { bodyPlaceholder, streamDocx, wordSafe } from "./docx.server";
import { formatDate, formatDateTime, ORGANISATION_KIND_PLURALS, organisationKindLabel, pluralise } from "~/domain/format";
import * as w from "./wordml.server";
import { shortAndFullName, shortNameOf } from "~/domain/organisation-names";
import { TAKE_UP_STATUS_LABELS, TAKE_UP_STATUSES } from "~/domain/recommendations";
import type { RecommendationsOfPeriod } from "~/models/recommendation/figures.server";

const FONT = "Arial";
/** A4 less 2 cm margins each side, in twentieths of a point. */
const TEXT_WIDTH = 9638;
const MARGIN = 1134;
/** A fraction of the text width, in twentieths of a point. */
const W = (fraction: number) => Math.floor(TEXT_WIDTH * fraction);

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };

function docxCell(text: string, width: number, header: boolean): TableCell {
  return new TableCell({
    children: wordSafe(text)
      .split(/\r\n|\r|\n/)
      .filter((line) => line.trim() !== "")
      .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: header || undefined })] })),
    width: { size: width, type: WidthType.DXA },
    shading: header ? { type: ShadingType.CLEAR, fill: "F3F2F1", color: "auto" } : undefined,
  });
}

/** The title page's table of keys and values (docx objects: it is small and made once). */
function detailsTable(rows: [string, string][]): Table {
  const widths = [Math.floor(TEXT_WIDTH * 0.28), Math.floor(TEXT_WIDTH * 0.72)];
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER },
    rows: rows.map(
      ([key, value]) =>
        new TableRow({ cantSplit: true, children: [docxCell(key, widths[0], true), docxCell(value || " ", widths[1], false)] }),
    ),
  });
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

// ---- one engagement (fast WordprocessingML: this part repeats for every engagement) ----------------------

function whereText(e: ReportEngagement): string {
  return [e.format ? ENGAGEMENT_FORMAT_LABELS[e.format] : null, e.location, e.country].filter(Boolean).join(", ");
}

function partLabel(text: string): string {
  return w.paragraph([{ text, bold: true }], { keepNext: true, spacingBefore: 160 });
}

/** An engagement as WordprocessingML, its title at heading `level`. */
function engagementBlock(e: ReportEngagement, level: number, today: string, opts: { withTitle?: boolean } = {}): string {
  const out: string[] = [];
  if (opts.withTitle !== false) out.push(w.heading(level, `${formatDate(e.date)}: ${e.title}`));
  const details: [string, string][] = [
    ["Date", [formatDate(e.date), formatTimeRange(e.startTime, e.endTime)].filter(Boolean).join(", ")],
    ["Kind", `${ENGAGEMENT_KIND_LABELS[e.kind] ?? e.kind} (${(ENGAGEMENT_STATUS_LABELS[e.status] ?? e.status).toLowerCase()})`],
    ["Organisations", e.organisations.map((o) => shortNameOf(o)).join(", ") || "None recorded"],
  ];
  const where = whereText(e);
  if (where) details.push(["Format and place", where]);
  if (e.leadName) details.push(["Lead officer", e.leadName]);
  if (e.themes.length) details.push(["Themes", e.themes.join(", ")]);
  details.push(["Marking", e.marking]);
  out.push(
    w.table(
      details.map(([key, value]) => [key, { paragraphs: w.paragraphs(value) }]),
      { widths: [W(0.28), W(0.72)], headerColumn: true },
    ),
  );

  if (e.purpose) out.push(partLabel("Purpose"), ...w.paragraphs(e.purpose));
  if (e.summary) out.push(partLabel("Summary of outcomes"), ...w.paragraphs(e.summary));

  if (e.attendees.length) {
    out.push(partLabel("Attendees"));
    out.push(
      w.table(
        [
          ["Name", "Role", "Side"],
          ...e.attendees.map((a) => [
            a.name,
            [a.roleTitle, a.organisation].filter(Boolean).join(", "),
            ATTENDEE_SIDE_LABELS[a.side] ?? a.side,
          ]),
        ],
        { widths: [W(0.35), W(0.45), W(0.2)], headerRow: true },
      ),
    );
  }

  if (e.agenda.length) {
    out.push(partLabel("Agenda"));
    e.agenda.forEach((item, i) => {
      out.push(w.paragraph([{ text: `${i + 1}. ${item.title}`, bold: true }], { keepNext: true }));
      out.push(...w.paragraphs(item.notes));
      if (item.outcome) out.push(...w.paragraphs(`Outcome: ${item.outcome}`));
    });
  }

  if (e.actions.length) {
    out.push(partLabel("Commitments and follow-ups"));
    const rows: w.Cell[][] = [["Type", "What", "Owner", "Due", "Status"]];
    for (const a of e.actions) {
      const status = [
        w.paragraph([
          { text: ACTION_STATUS_LABELS[a.status] ?? a.status, bold: true },
          ...(isOverdue(a, today) ? [{ text: " (overdue)", bold: true, color: "D4351C" }] : []),
        ]),
        ...w.paragraphs(a.closingNote),
        ...(a.resolvedBy ? w.paragraphs(`Resolved by ${a.resolvedBy.title} (${formatDate(a.resolvedBy.date)})`) : []),
      ];
      rows.push([
        ACTION_KIND_LABELS[a.kind] ?? a.kind,
        { paragraphs: w.paragraphs(a.description) },
        reportOwnerLabel(a),
        a.dueDate ? formatDate(a.dueDate) : "No due date",
        { paragraphs: status },
      ]);
    }
    out.push(w.table(rows, { widths: [W(0.15), W(0.33), W(0.2), W(0.16), W(0.16)], headerRow: true }));
  }
  out.push(w.paragraph("", { spacingAfter: 120 }));
  return out.join("");
}

/** The Word document of one engagement, everything included. */
export async function engagementDocx(e: ReportEngagement, today: string, preparedBy: string): Promise<Buffer> {
  const front: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(wordSafe(e.title))] }),
    new Paragraph({
      children: [
        new TextRun({ text: `Engagement summary, prepared by ${wordSafe(preparedBy)} on ${formatDateTime(new Date().toISOString())}` }),
      ],
      spacing: { after: 240 },
    }),
    bodyPlaceholder(),
  ];
  const chunks: Buffer[] = [];
  for await (const chunk of streamDocx(document(e.title, `Engagement of ${formatDate(e.date)}`, e.marking, front), [
    engagementBlock(e, 1, today, { withTitle: false }),
  ]))
    chunks.push(chunk);
  return Buffer.concat(chunks);
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

/** The statistics, as WordprocessingML: the same tables the builder's preview shows. */
function statisticsSection(stats: ReportStatistics, today: string): string {
  const out: string[] = [w.heading(1, "Statistics")];
  out.push(w.paragraph(statisticsSentence(stats)));

  out.push(w.heading(2, "Engagements by kind of organisation"));
  if (stats.byOrganisationKind.length) {
    out.push(
      w.table(
        [
          ["Kind of organisation", "Engagements", "Organisations engaged"],
          ...stats.byOrganisationKind.map((r) => [r.label, String(r.engagements), String(r.organisations)]),
        ],
        { widths: [W(0.5), W(0.25), W(0.25)], headerRow: true },
      ),
      w.paragraph([{ text: "An engagement with organisations of several kinds counts once under each kind.", italics: true }], {
        spacingBefore: 80,
      }),
    );
  } else out.push(w.paragraph("None."));

  out.push(w.heading(2, "Engagements by month"));
  out.push(
    w.table(
      [
        ["Month", "Engagements", "Commitments made", "Follow-ups"],
        ...stats.byMonth.map((r) => [formatMonth(r.month), String(r.engagements), String(r.commitments), String(r.followUps)]),
      ],
      { widths: [W(0.34), W(0.22), W(0.22), W(0.22)], headerRow: true },
    ),
  );

  out.push(w.heading(2, "Commitments and follow-ups"));
  const c = stats.commitments;
  const f = stats.followUps;
  out.push(
    w.table(
      [
        ["", "Commitments", "Follow-ups"],
        ["Made", String(c.made), String(f.made)],
        ["Completed", String(c.completed), String(f.completed)],
        ["Dropped", String(c.dropped), String(f.dropped)],
        ["Still open", String(c.outstanding), String(f.outstanding)],
        [`Overdue on ${formatDate(today)}`, String(c.overdue), String(f.overdue)],
      ],
      { widths: [W(0.4), W(0.3), W(0.3)], headerRow: true },
    ),
  );

  out.push(w.heading(2, "Organisations engaged"));
  if (stats.organisations.length) {
    out.push(
      w.table(
        [
          ["Organisation", "Kind", "Engagements", "Last engaged"],
          ...stats.organisations.map((o) => [o.name, organisationKindLabel(o.kind), String(o.engagements), formatDate(o.lastDate)]),
        ],
        { widths: [W(0.42), W(0.24), W(0.14), W(0.2)], headerRow: true },
      ),
    );
  } else out.push(w.paragraph("None."));
  return out.join("");
}

/** The engagements as body parts, headed by kind of organisation and organisation; at most `perPart` engagements a part. */
async function* groupedBody(batches: Iterable<ReportEngagement[]>, today: string, perPart = 100): AsyncGenerator<string> {
  let kind: string | undefined;
  let organisationId: number | null | undefined;
  let any = false;
  for (const batch of batches) {
    for (let i = 0; i < batch.length; i += perPart) {
      const part: string[] = [];
      for (const e of batch.slice(i, i + perPart)) {
        any = true;
        const placement = e.placement ?? null;
        const placementKind = placement ? placement.kind : "none";
        if (placementKind !== kind) {
          kind = placementKind;
          organisationId = undefined;
          part.push(w.heading(2, placement ? (ORGANISATION_KIND_PLURALS[placement.kind] ?? placement.kind) : "No organisation recorded"));
        }
        if (placement && placement.id !== organisationId) {
          organisationId = placement.id;
          part.push(w.heading(3, shortAndFullName(placement)));
        }
        part.push(engagementBlock(e, placement ? 4 : 3, today));
      }
      yield part.join("");
      // Give the event loop a turn between parts: a long document must not stall other requests.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  if (!any) yield w.paragraph("No engagements match these filters.");
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
  /** The inspection recommendations of the period, as a last section. */
  recommendations?: RecommendationsOfPeriod;
}): AsyncGenerator<Buffer> {
  const { description, statistics, today } = input;
  const marking = statistics.marking;
  const front: FileChild[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("Engagement summary")] }),
    new Paragraph({ children: [new TextRun({ text: description.period, size: 32 })], spacing: { after: 240 } }),
    new Paragraph({
      children: [new TextRun("Office of the Independent Anti-Slavery Commissioner: engagements with law enforcement.")],
      spacing: { after: 240 },
    }),
    detailsTable(filterRows(description, marking, input.preparedBy)),
    new Paragraph({ children: [new PageBreak()] }),
    bodyPlaceholder(),
  ];
  const template = document("Engagement summary", `Engagements ${description.period}`, marking, front);
  async function* body(): AsyncGenerator<string> {
    yield (
      statisticsSection(statistics, today) +
      w.pageBreak() +
      w.heading(1, "Engagements") +
      w.paragraph([
        {
          text: "Grouped by kind of organisation and organisation. Each engagement appears once, under the first of its organisations that the report covers; its other organisations are named in it.",
          italics: true,
        },
      ])
    );
    yield* groupedBody(input.batches, today);
    if (input.recommendations) yield w.pageBreak() + recommendationsSection(input.recommendations);
  }
  return streamDocx(template, body());
}

/**
 * The recommendations section: the inspection reports published in the period, and for each recommendation how
 * many of the bodies it is addressed to stand at each status (docs/decisions/0021).
 */
export function recommendationsSection(data: RecommendationsOfPeriod): string {
  const out: string[] = [w.heading(1, "Inspection recommendations")];
  if (!data.reports.length) out.push(w.paragraph("No inspection report was published in this period."));
  for (const report of data.reports) {
    out.push(w.heading(2, `${report.title} (${formatDate(report.publishedOn)})`));
    if (!report.recommendations.length) {
      out.push(w.paragraph("No recommendations recorded."));
      continue;
    }
    const rows: w.Cell[][] = [["Number", "Recommendation", "Take-up by the bodies addressed", "Implemented"]];
    for (const r of report.recommendations) {
      const statuses = TAKE_UP_STATUSES.filter((s) => r.statuses[s]);
      const total = statuses.reduce((sum, s) => sum + (r.statuses[s] ?? 0), 0);
      const implemented = (r.statuses.implemented ?? 0) + (r.statuses.confirmed ?? 0);
      rows.push([
        r.number,
        wordSafe(r.text.length > 600 ? `${r.text.slice(0, 599)}…` : r.text),
        total ? statuses.map((s) => `${TAKE_UP_STATUS_LABELS[s]}: ${r.statuses[s]}`).join("; ") : "Addressed to no body",
        total ? `${Math.round((100 * implemented) / total)}%` : "–",
      ]);
    }
    out.push(w.table(rows, { widths: [900, 4938, 2800, 1000], headerRow: true }));
  }
  if (data.leftOut)
    out.push(
      w.paragraph([
        { text: `${pluralise(data.leftOut, "report")} marked OFFICIAL-SENSITIVE left out of this OFFICIAL document.`, italics: true },
      ]),
    );
  return out.join("");
}
