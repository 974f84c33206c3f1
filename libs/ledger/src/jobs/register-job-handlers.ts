import type { LedgerRuntime } from '../ledger-runtime';
import type { WhatIfJob } from '../whatif/what-if.service';

/** Background jobs of the ledger; registered in every process, run where processing is on. */
export const registerJobHandlers = (runtime: LedgerRuntime): void => {
  // Jobs queued before checkpoints replaced seals still find a handler: they write a checkpoint.
  runtime.jobs.register('seal-log', async () => {
    const { checkpoint, addedEvents } = await runtime.integrity.checkpoint();
    return { treeSize: checkpoint.treeSize, events: addedEvents };
  });
  runtime.jobs.register('what-if', async ({ scenarioId, runId }: WhatIfJob, ctx) => {
    // The scenario's read model must include the run it was asked for.
    await runtime.projections.caughtUp();
    const report = await runtime.whatIf.run(scenarioId, runId, (p) =>
      ctx.reportProgress({ done: p.done, total: p.total, message: p.phase === 'reading' ? 'events of the record read' : 'farm-years computed' }),
    );
    // The report travels in the job result, so the API can serve it whichever process ran the job.
    return { runId, report };
  });
};
