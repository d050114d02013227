// What every export response shares: served as an attachment, never cached, streamed.
import { Readable } from "node:stream";

/** A Content-Disposition for a download: an ASCII name for old clients, the exact one (RFC 6266) for the rest. */
export function attachmentDisposition(fileName: string): string {
  const clean =
    fileName
      .replace(/[\u0000-\u001F\u007F"\\/:*?<>|]+/g, " ")
      .replace(/\s+/g, " ")
      .replace(/ (\.[A-Za-z0-9]+)$/, "$1")
      .trim() || "export";
  const ascii = clean.normalize("NFKD").replace(/[^\x20-\x7E]/g, "").replace(/\s+/g, " ").trim() || "export";
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The headers of a download: an attachment, never cached (the data is OFFICIAL or OFFICIAL-SENSITIVE). */
export function exportHeaders(contentType: string, fileName: string): Headers {
  return new Headers({
    "Content-Type": contentType,
    "Content-Disposition": attachmentDisposition(fileName),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
}

/**
 * Chunks (produced lazily, e.g. by a generator reading batches) as a web stream for a Response body.
 * The stream pulls a chunk only when the client has taken the last, so a slow reader slows the reading.
 */
export function toWebStream(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): ReadableStream<Uint8Array> {
  async function* asBytes() {
    for await (const chunk of chunks) yield typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
  }
  return Readable.toWeb(Readable.from(asBytes())) as unknown as ReadableStream<Uint8Array>;
}

/** "OFFICIAL-SENSITIVE engagement summary 2026-07-01 to 2026-09-30.docx": the marking first, then what and when. */
export function periodFileName(marking: string, what: string, from: string, to: string, extension: string): string {
  return `${marking} ${what} ${from} to ${to}.${extension}`;
}
