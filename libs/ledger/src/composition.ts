/**
 * The composition root's entry (`@asb/ledger/composition`): what assembles a process of the ledger.
 * Only LedgerModule, the CLI, the worker and tests import it (dependency-cruiser:
 * runtime-only-in-composition-root); everything else injects the area providers and ports.
 */
export { LedgerRuntime } from './ledger-runtime';
export { registerJobHandlers } from './jobs/register-job-handlers';
