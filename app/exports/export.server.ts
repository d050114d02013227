// What every export response shares: served as an attachment, never cached, streamed.

/** A Content-Disposition for a download: an ASCII name for old clients, the exact one (RFC 6266) for the rest. */
function attachmentDisposition(fileName: string): string {
  const clean =
    fileName
      .replace(/[\u0000-\u001F\u007F"\\/:*?<>|]+/g, " ")
      .replace(/\s+/g, " ")
      .replace(/ (\.[A-Za-z0-9]+)$/, "$1")
      .trim() || "export";
  const ascii =
    clean
      .normalize("NFKD")
      .replace(/[^\x20-\x7E]/g, "")
      .replace(/\s+/g, " ")
      .trim() || "export";
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
 * Strictly pulled: the next chunk is made only when the reader asks for one (high-water mark 0), so no
 * queue of finished chunks builds up between the generator and the client. Cancelling (a client that goes
 * away) closes the generator, which stops the reading.
 */
export function toWebStream(chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>): ReadableStream<Uint8Array> {
  const iterator: AsyncIterator<Buffer | string> | Iterator<Buffer | string> =
    Symbol.asyncIterator in chunks ? chunks[Symbol.asyncIterator]() : (chunks as Iterable<Buffer | string>)[Symbol.iterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await iterator.next();
          if (done) controller.close();
          else controller.enqueue(typeof value === "string" ? Buffer.from(value, "utf8") : value);
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** "OFFICIAL-SENSITIVE engagement summary 2026-07-01 to 2026-09-30.docx": the marking first, then what and when. */
export function periodFileName(marking: string, what: string, from: string, to: string, extension: string): string {
  return `${marking} ${what} ${from} to ${to}.${extension}`;
}
