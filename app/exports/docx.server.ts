// Word documents of any length without holding them in memory.
//
// The `docx` library builds a whole document as objects and packs it in one go: fine for one engagement,
// not for ten thousand. So a long document is made in two parts:
//   1. a template: the document's styles, header and footer (the marking), title page and statistics, with a
//      placeholder paragraph where the engagements go;
//   2. the engagements, a batch at a time, written as WordprocessingML strings (wordml.server.ts) in the
//      placeholder's place.
// The result is zipped as it is written (fflate: DEFLATE streams, sizes in data descriptors), so memory holds
// one batch, not the document. See docs/decisions/0006.
import { type Document, Packer, Paragraph } from "docx";
import { strFromU8, unzipSync, Zip, ZipDeflate } from "fflate";

export const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const PLACEHOLDER = "@@report-body-goes-here@@";

/** The paragraph to put in a template where the streamed body goes. */
export function bodyPlaceholder(): Paragraph {
  return new Paragraph(PLACEHOLDER);
}

/**
 * A zip written entry by entry as a stream of chunks (fflate). fflate calls back synchronously as each
 * push is deflated, so the chunks it hands over are queued and taken out after every push: the queue holds
 * at most what one pushed chunk deflates to. Every entry is DEFLATE with its CRC and sizes in a data descriptor.
 */
class ZipStream {
  private readonly queue: Uint8Array[] = [];
  private failure: Error | null = null;
  private readonly zip = new Zip((error, chunk) => {
    if (error) this.failure = error;
    else this.queue.push(chunk);
  });

  /** Take what has been written so far. */
  *drain(): Generator<Buffer> {
    if (this.failure) throw this.failure;
    while (this.queue.length) {
      const chunk = this.queue.shift()!;
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  }

  /** An entry whose content arrives as chunks: deflated as it streams. */
  async *entry(name: string, content: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Buffer> {
    const file = new ZipDeflate(name, { level: 6 });
    this.zip.add(file);
    for await (const chunk of content) {
      file.push(chunk);
      yield* this.drain();
    }
    file.push(new Uint8Array(0), true);
    yield* this.drain();
  }

  /** The central directory and its end record. */
  *finish(): Generator<Buffer> {
    this.zip.end();
    yield* this.drain();
  }
}

// ---- the document ---------------------------------------------------------------------------------------

/**
 * A Word document as a stream of zip chunks: the template (made by `docx`, with bodyPlaceholder() in it)
 * with the placeholder replaced by the body parts, each a string of WordprocessingML (see wordml.server.ts).
 */
export async function* streamDocx(template: Document, bodyParts: AsyncIterable<string> | Iterable<string>): AsyncGenerator<Buffer> {
  const entries = unzipSync(new Uint8Array(await Packer.toBuffer(template)));
  const main = entries["word/document.xml"];
  if (!main) throw new Error("docx wrote no word/document.xml");
  const xml = strFromU8(main);
  const marker = xml.indexOf(PLACEHOLDER);
  if (marker < 0) throw new Error("The template has no body placeholder");
  const before = xml.slice(0, xml.lastIndexOf("<w:p>", marker));
  const after = xml.slice(xml.indexOf("</w:p>", marker) + "</w:p>".length);

  const zip = new ZipStream();
  for (const [name, data] of Object.entries(entries))
    if (name !== "word/document.xml" && !name.endsWith("/")) yield* zip.entry(name, [data]);
  async function* documentXml(): AsyncGenerator<Buffer> {
    yield Buffer.from(before, "utf8");
    for await (const part of bodyParts) if (part) yield Buffer.from(part, "utf8");
    yield Buffer.from(after, "utf8");
  }
  yield* zip.entry("word/document.xml", documentXml());
  yield* zip.finish();
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
