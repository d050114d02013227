// The Word summary of a report, made off the server's event loop in a worker thread when the built worker is
// there (`npm run build` makes build/report-docx-worker.js beside the app's bundle); otherwise (tests, `npm run
// dev`) in this thread, a part at a time. See docs/decisions/0018-benchmark-and-export-limits.md.
import type { RecommendationsOfPeriod } from "~/models/recommendation/figures.server";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FilterDescription, ReportFilters, ReportStatistics } from "~/domain/report-types";
import { reportEngagementsGrouped } from "~/models/report/engagements.server";
import { reportDocxStream } from "~/exports/report-document.server";

export type ReportDocxJob = {
  filters: ReportFilters;
  description: FilterDescription;
  statistics: ReportStatistics;
  today: string;
  preparedBy: string;
  recommendations?: RecommendationsOfPeriod;
};

/** Where the build puts the worker: beside the app's bundle (build/server/index.js), whose address this module then has. */
function builtWorkerFile(): string | null {
  try {
    const file = fileURLToPath(new URL("../report-docx-worker.js", import.meta.url));
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** The .docx bytes of a report, chunk by chunk, each made only when the one before has been taken. */
export function reportDocxChunks(job: ReportDocxJob): AsyncGenerator<Buffer> {
  const file = builtWorkerFile();
  if (!file) return reportDocxStream({ ...job, batches: reportEngagementsGrouped({ filters: job.filters }) });
  return chunksFromWorker(file, job);
}

async function* chunksFromWorker(file: string, job: ReportDocxJob): AsyncGenerator<Buffer> {
  const worker = new Worker(file, { workerData: job });
  let settle: { resolve: (chunk: Uint8Array | null) => void; reject: (error: unknown) => void } | null = null;
  let failure: unknown = null;
  worker.on("message", (chunk: Uint8Array | null) => settle?.resolve(chunk));
  worker.on("error", (error) => {
    failure = error;
    settle?.reject(error);
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`the Word summary's worker stopped (exit ${code})`);
    settle?.reject(failure);
  });
  let finished = false;
  try {
    for (;;) {
      if (failure) throw failure;
      const next = new Promise<Uint8Array | null>((resolve, reject) => (settle = { resolve, reject }));
      worker.postMessage("next");
      const chunk = await next;
      settle = null;
      if (chunk === null) {
        finished = true;
        return;
      }
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } finally {
    // Done, failed, or the client went away: the worker stops either way.
    if (!finished) worker.postMessage("cancel");
    await worker.terminate();
  }
}
