import type { JobQueue } from '@asb/jobs';
import type { ProjectionRunner } from '@asb/projections';
import type { IntegrityService } from '../integrity/integrity.service';
import type { WhatIfJob, WhatIfService } from '../whatif/what-if.service';

export type JobHandlerDependencies = Readonly<{ jobs: JobQueue; integrity: IntegrityService; projections: ProjectionRunner; whatIf: WhatIfService }>;

/** Background jobs of the ledger; registered in every process, run where processing is on. */
export const registerJobHandlers = ({ jobs, integrity, projections, whatIf }: JobHandlerDependencies): void => {
  // Jobs queued before checkpoints replaced seals still find a handler: they write a checkpoint.
  jobs.register('seal-log', async () => {
    const { checkpoint, addedEvents } = await integrity.checkpoint();
    return { treeSize: checkpoint.treeSize, events: addedEvents };
  });
  jobs.register('what-if', async ({ scenarioId, runId }: WhatIfJob, ctx) => {
    // The scenario's read model must include the run it was asked for.
    await projections.caughtUp();
    const report = await whatIf.run(scenarioId, runId, (p) =>
      ctx.reportProgress({ done: p.done, total: p.total, message: p.phase === 'reading' ? 'events of the record read' : 'farm-years computed' }),
    );
    // The report travels in the job result, so the API can serve it whichever process ran the job.
    return { runId, report };
  });
};
