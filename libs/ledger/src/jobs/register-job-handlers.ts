import type { JobQueue } from '@asb/jobs';
import type { IntegrityService } from '../integrity/integrity.service';
import type { WhatIfJob, WhatIfService } from '../whatif/what-if.service';

export type JobHandlerDependencies = Readonly<{
  jobs: JobQueue;
  integrity: IntegrityService;
  /** Resolves once the read models include the log as it is now, wherever the subscribers run (here or their thread, D66). */
  caughtUp: () => Promise<void>;
  whatIf: WhatIfService;
}>;

/** Background jobs of the ledger; registered in every process, run where processing is on. */
export const registerJobHandlers = ({ jobs, integrity, caughtUp, whatIf }: JobHandlerDependencies): void => {
  // Jobs queued before checkpoints replaced seals still find a handler: they write a checkpoint.
  jobs.register('seal-log', async () => {
    const { checkpoint, addedEvents } = await integrity.checkpoint();
    return { treeSize: checkpoint.treeSize, events: addedEvents };
  });
  jobs.register('what-if', async ({ scenarioId, runId }: WhatIfJob, ctx) => {
    // The scenario's read model must include the run it was asked for.
    await caughtUp();
    const report = await whatIf.run(scenarioId, runId, (p) =>
      ctx.reportProgress({ done: p.done, total: p.total, message: p.phase === 'reading' ? 'events of the record read' : 'farm-years computed' }),
    );
    // The report travels in the job result, so the API can serve it whichever process ran the job.
    return { runId, report };
  });
};
