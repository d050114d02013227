// Word documents of any length without holding them in memory.
//
// The `docx` library builds a whole document as objects and packs it in one go: fine for one engagement,
// not for ten thousand. So a long document is made in two parts, both by `docx`:
//   1. a template: the document's styles, header and footer (the marking), title page and statistics, with a
//      placeholder paragraph where the engagements go;
//   2. the engagements, a batch at a time, each batch packed by `docx` as a throwaway document whose body is
//      cut out and written in the placeholder's place.
// The result is zipped as it is written (DEFLATE streams, sizes in data descriptors), so memory holds one
// batch, not the document. See docs/decisions/0006.
import { Document, Packer, Paragraph, type FileChild } from "docx";
import { Readable } from "node:stream";
import { createDeflateRaw, crc32, deflateRawSync, inflateRawSync } from "node:zlib";

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const PLACEHOLDER = "@@report-body-goes-here@@";

/** The paragraph to put in a template where the streamed body goes. */
export function bodyPlaceholder(): Paragraph {
  return new Paragraph(PLACEHOLDER);
}

// ---- reading a zip (the small one `docx` packs) ---------------------------------------------------

type ZipEntry = { name: string; data: Buffer };

/** Every entry of a zip file held in memory. Enough for what `docx` writes: no zip64, no encryption. */
export function readZip(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("Not a zip file");
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error("Corrupt zip central directory");
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    if (!name.endsWith("/")) entries.push({ name, data: method === 0 ? Buffer.from(raw) : inflateRawSync(raw) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// ---- writing a zip as a stream ---------------------------------------------------------------------

const UTF8_NAMES = 0x0800;
const SIZES_AFTER_DATA = 0x0008;

function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

type Written = { name: Buffer; flags: number; crc: number; compressedSize: number; size: number; offset: number };

/**
 * A zip file written entry by entry as a stream of chunks. Small entries are deflated at once; a streamed
 * entry is deflated as its chunks arrive, its CRC and sizes written after it (a data descriptor).
 */
class ZipStreamWriter {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly stamp = dosDateTime(new Date());

  private localHeader(name: Buffer, flags: number, crc: number, compressedSize: number, size: number): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(flags, 6);
    header.writeUInt16LE(8, 8); // DEFLATE
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(compressedSize, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    return Buffer.concat([header, name]);
  }

  private emit(chunk: Buffer): Buffer {
    this.offset += chunk.length;
    return chunk;
  }

  /** A whole entry at once: its header and deflated data. */
  entry(fileName: string, data: Buffer): Buffer[] {
    const name = Buffer.from(fileName, "utf8");
    const compressed = deflateRawSync(data);
    const crc = crc32(data);
    const record: Written = { name, flags: UTF8_NAMES, crc, compressedSize: compressed.length, size: data.length, offset: this.offset };
    this.written.push(record);
    return [this.emit(this.localHeader(name, UTF8_NAMES, crc, compressed.length, data.length)), this.emit(compressed)];
  }

  /** An entry whose content arrives as chunks: deflated as it streams. */
  async *streamedEntry(fileName: string, content: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
    const name = Buffer.from(fileName, "utf8");
    const flags = UTF8_NAMES | SIZES_AFTER_DATA;
    const record: Written = { name, flags, crc: 0, compressedSize: 0, size: 0, offset: this.offset };
    yield this.emit(this.localHeader(name, flags, 0, 0, 0));
    async function* measured() {
      for await (const chunk of content) {
        record.crc = crc32(chunk, record.crc);
        record.size += chunk.length;
        yield chunk;
      }
    }
    const deflater = Readable.from(measured()).pipe(createDeflateRaw());
    for await (const out of deflater as AsyncIterable<Buffer>) {
      record.compressedSize += out.length;
      yield this.emit(out);
    }
    if (record.size > 0xffffffff || this.offset > 0xffffffff) throw new Error("Document too large for a zip without zip64");
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(record.crc >>> 0, 4);
    descriptor.writeUInt32LE(record.compressedSize, 8);
    descriptor.writeUInt32LE(record.size, 12);
    this.written.push(record);
    yield this.emit(descriptor);
  }

  /** The central directory and its end record. */
  finish(): Buffer {
    const start = this.offset;
    const headers = this.written.map((w) => {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(w.flags, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt16LE(this.stamp.time, 12);
      header.writeUInt16LE(this.stamp.date, 14);
      header.writeUInt32LE(w.crc >>> 0, 16);
      header.writeUInt32LE(w.compressedSize, 20);
      header.writeUInt32LE(w.size, 24);
      header.writeUInt16LE(w.name.length, 28);
      header.writeUInt32LE(w.offset, 42);
      return Buffer.concat([header, w.name]);
    });
    const directory = Buffer.concat(headers);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    return this.emit(Buffer.concat([directory, end]));
  }
}

// ---- the document ---------------------------------------------------------------------------------------

/** The body of a packed document: everything inside <w:body> before its final section properties. */
function bodyOf(documentXml: string): string {
  const open = documentXml.indexOf("<w:body>");
  const sectPr = documentXml.lastIndexOf("<w:sectPr");
  if (open < 0 || sectPr < 0) throw new Error("Unexpected document.xml from docx");
  return documentXml.slice(open + "<w:body>".length, sectPr);
}

/** The WordprocessingML of some paragraphs and tables, as `docx` writes them (slow: for small parts and tests). */
export async function bodyXml(children: FileChild[]): Promise<string> {
  if (!children.length) return "";
  const packed = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  const document = readZip(packed).find((e) => e.name === "word/document.xml");
  if (!document) throw new Error("docx wrote no word/document.xml");
  return bodyOf(document.data.toString("utf8"));
}

/**
 * A Word document as a stream of zip chunks: the template (made by `docx`, with bodyPlaceholder() in it)
 * with the placeholder replaced by the body parts, each a string of WordprocessingML (see wordml.server.ts).
 */
export async function* streamDocx(template: Document, bodyParts: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Buffer> {
  const entries = readZip(await Packer.toBuffer(template));
  const main = entries.find((e) => e.name === "word/document.xml");
  if (!main) throw new Error("docx wrote no word/document.xml");
  const xml = main.data.toString("utf8");
  const marker = xml.indexOf(PLACEHOLDER);
  if (marker < 0) throw new Error("The template has no body placeholder");
  const before = xml.slice(0, xml.lastIndexOf("<w:p>", marker));
  const after = xml.slice(xml.indexOf("</w:p>", marker) + "</w:p>".length);

  const zip = new ZipStreamWriter();
  for (const entry of entries) if (entry !== main) yield* zip.entry(entry.name, entry.data);
  async function* documentXml(): AsyncGenerator<Buffer> {
    yield Buffer.from(before, "utf8");
    for await (const part of bodyParts) if (part) yield Buffer.from(part, "utf8");
    yield Buffer.from(after, "utf8");
  }
  yield* zip.streamedEntry("word/document.xml", documentXml());
  yield zip.finish();
}

/** Text as Word can hold it: XML 1.0 forbids most control characters, and a lone surrogate corrupts the file. */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

export function wordSafe(text: string | null | undefined): string {
  if (!text) return "";
  if (!UNSAFE.test(text)) return text; // the usual case: nothing to clean
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
