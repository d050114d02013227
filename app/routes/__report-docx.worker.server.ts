// A worker thread that makes one report's Word summary (the server starts it: __report-docx-job.server.ts).
// Reading the engagements and writing the document take about a millisecond of CPU an engagement; here they do
// not hold up the server's event loop, so other people's pages answer as quickly while a long export runs. It
// makes a chunk only when the server asks for one ("next"), so no more than one chunk waits between them.
import { parentPort, workerData } from "node:worker_threads";
import { reportEngagementsGrouped } from "~/models/report/engagements.server";
import { reportDocxStream } from "~/exports/report-document.server";
import type { ReportDocxJob } from "./__report-docx-job.server";

const job = workerData as ReportDocxJob;
const chunks = reportDocxStream({ ...job, batches: reportEngagementsGrouped({ filters: job.filters }) });

// A failure rejects this handler; unhandled, it ends the thread and reaches the server as the worker's "error" event.
parentPort!.on("message", async (message: "next" | "cancel") => {
  if (message === "cancel") {
    await chunks.return(undefined);
    parentPort!.close();
    return;
  }
  const { value, done } = await chunks.next();
  if (done) {
    parentPort!.postMessage(null);
    parentPort!.close();
    return;
  }
  // A copy of its own, so that its memory can be handed over rather than copied again (a Buffer may share a pool).
  const chunk = new Uint8Array(value);
  parentPort!.postMessage(chunk, [chunk.buffer]);
});
