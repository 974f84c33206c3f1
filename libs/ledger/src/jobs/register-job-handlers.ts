import type { LedgerRuntime } from '../ledger-runtime';

/** Background jobs of the ledger; registered in every process, run where processing is on. */
export const registerJobHandlers = (runtime: LedgerRuntime): void => {
  runtime.jobs.register('seal-log', async () => {
    const result = await runtime.integrity.seal();
    return { seals: result.sealed.length, events: result.unsealedBefore };
  });
};
