import type { LedgerRuntime } from '../ledger-runtime';
import type { WhatIfRequest } from '../whatif/what-if.service';

export type WhatIfJob = Readonly<{ request: WhatIfRequest; jobId: string }>;

/** Background jobs of the ledger; registered in every process, run where processing is on. */
export const registerJobHandlers = (runtime: LedgerRuntime): void => {
  // Jobs queued before checkpoints replaced seals still find a handler: they write a checkpoint.
  runtime.jobs.register('seal-log', async () => {
    const { checkpoint, addedEvents } = await runtime.integrity.checkpoint();
    return { treeSize: checkpoint.treeSize, events: addedEvents };
  });
  runtime.jobs.register('what-if', async ({ request, jobId }: WhatIfJob, ctx) => {
    // Read models must include the log position the job id was computed at.
    await runtime.projections.caughtUp();
    const report = await runtime.whatIf.run(request, jobId, (done, total) => ctx.reportProgress({ done, total, message: 'farm-years recomputed' }));
    // The report travels in the job result, so the API can serve it whichever process ran the job.
    return { jobId, report };
  });
};

/** Queues a what-if job (see WhatIfService.jobFor); an existing job of the same id is found, not repeated. */
export const enqueueWhatIf = (runtime: LedgerRuntime, job: WhatIfJob): Promise<{ id: string; created: boolean }> =>
  runtime.jobs.enqueue<WhatIfJob>('what-if', job, { jobId: job.jobId, attempts: 2 });
