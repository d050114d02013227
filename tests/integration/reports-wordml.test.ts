// The fast WordprocessingML writer must write what `docx` writes, and the streamed zip must be a valid one.
import {
  BorderStyle,
  Document,
  HeadingLevel,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { strFromU8, unzipSync } from "fflate";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bodyPlaceholder, streamDocx, wordSafe } from "~/exports/docx.server";
import { bodyXml } from "../support/docx";
import * as w from "~/exports/wordml.server";

describe("the WordprocessingML writer writes what docx writes", () => {
  it("a heading", async () => {
    expect(w.heading(4, "Head & <x>")).toBe(
      await bodyXml([new Paragraph({ heading: HeadingLevel.HEADING_4, children: [new TextRun("Head & <x>")], keepNext: true })]),
    );
  });

  it("a page break", async () => {
    expect(w.pageBreak()).toBe(await bodyXml([new Paragraph({ children: [new PageBreak()] })]));
  });

  it("a paragraph of plain text, and an empty one", async () => {
    expect(w.paragraph("plain")).toBe(await bodyXml([new Paragraph({ children: [new TextRun("plain")] })]));
    expect(w.paragraph("")).toBe(await bodyXml([new Paragraph("")]));
  });

  it("bold, italic and coloured runs, with spacing and keep-with-next", async () => {
    expect(
      w.paragraph(
        [
          { text: "Open", bold: true },
          { text: " (overdue)", bold: true, color: "D4351C" },
          { text: " note", italics: true },
        ],
        { keepNext: true, spacingBefore: 160 },
      ),
    ).toBe(
      await bodyXml([
        new Paragraph({
          keepNext: true,
          spacing: { before: 160 },
          children: [
            new TextRun({ text: "Open", bold: true }),
            new TextRun({ text: " (overdue)", bold: true, color: "D4351C" }),
            new TextRun({ text: " note", italics: true }),
          ],
        }),
      ]),
    );
  });

  it("a bordered table with a repeated, shaded header row", async () => {
    const border = { style: BorderStyle.SINGLE, size: 4, color: "B1B4B6" };
    const cellOptions = (width: number) => ({ width: { size: width, type: WidthType.DXA } });
    const shaded = { shading: { type: ShadingType.CLEAR, fill: "F3F2F1", color: "auto" } };
    const expected = await bodyXml([
      new Table({
        width: { size: 3000, type: WidthType.DXA },
        columnWidths: [1000, 2000],
        margins: { top: 60, bottom: 60, left: 100, right: 100 },
        borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
        rows: [
          new TableRow({
            tableHeader: true,
            cantSplit: true,
            children: [
              new TableCell({
                children: [new Paragraph({ children: [new TextRun({ text: "Name", bold: true })] })],
                ...cellOptions(1000),
                ...shaded,
              }),
              new TableCell({
                children: [new Paragraph({ children: [new TextRun({ text: "Role", bold: true })] })],
                ...cellOptions(2000),
                ...shaded,
              }),
            ],
          }),
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({ children: [new Paragraph({ children: [new TextRun("Ada")] })], ...cellOptions(1000) }),
              new TableCell({
                children: [new Paragraph({ children: [new TextRun("Line 1")] }), new Paragraph({ children: [new TextRun("Line 2")] })],
                ...cellOptions(2000),
              }),
            ],
          }),
        ],
      }),
    ]);
    expect(
      w.table(
        [
          ["Name", "Role"],
          ["Ada", { paragraphs: w.paragraphs("Line 1\nLine 2") }],
        ],
        { widths: [1000, 2000], headerRow: true },
      ),
    ).toBe(expected);
  });
});

describe("text Word can hold", () => {
  it("drops control characters XML forbids and replaces lone surrogates", () => {
    expect(wordSafe("a\u0000b\u0007c\u000Bd\tE\nF")).toBe("abcd\tE\nF");
    expect(wordSafe("x\uD800y")).toBe("x\uFFFDy");
    expect(wordSafe("police 🚓")).toBe("police 🚓");
    expect(w.paragraph("<script>alert(1)</script> & =HYPERLINK()")).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; =HYPERLINK()");
  });
});

describe("the streamed .docx", () => {
  it("is a valid zip: every entry's CRC and sizes match, and the body sits where the placeholder was", async () => {
    const template = new Document({ sections: [{ children: [new Paragraph("Before"), bodyPlaceholder(), new Paragraph("After")] }] });
    const parts = Array.from({ length: 50 }, (_, i) => w.paragraph(`Engagement ${i} ${"long text ".repeat(200)}`));
    const chunks: Buffer[] = [];
    for await (const chunk of streamDocx(template, parts)) chunks.push(chunk);
    const zip = Buffer.concat(chunks);

    // Check the central directory against the data, as Word does.
    let end = zip.length - 22;
    while (zip.readUInt32LE(end) !== 0x06054b50) end--;
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries = Object.entries(unzipSync(new Uint8Array(zip))).map(([name, data]) => ({ name, data }));
    expect(entries).toHaveLength(count);
    for (let i = 0; i < count; i++) {
      const crc = zip.readUInt32LE(at + 16);
      const size = zip.readUInt32LE(at + 24);
      const nameLength = zip.readUInt16LE(at + 28);
      const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
      const entry = entries.find((e) => e.name === name)!;
      expect(entry.data.length, name).toBe(size);
      expect(crc32(entry.data) >>> 0, name).toBe(crc);
      at += 46 + nameLength;
    }

    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files)).toContain("[Content_Types].xml");
    const document = strFromU8(files["word/document.xml"]);
    expect(document).not.toContain("@@report-body-goes-here@@");
    const before = document.indexOf(">Before<");
    const first = document.indexOf(">Engagement 0 ");
    const last = document.indexOf(">Engagement 49 ");
    const after = document.indexOf(">After<");
    expect(before).toBeGreaterThan(0);
    expect(before < first && first < last && last < after).toBe(true);
    expect(document.endsWith("</w:body></w:document>")).toBe(true);
  });
});
