import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadLedgerConfig, type LedgerConfig } from '@asb/ledger';
import { createLedgerContext, type LedgerContext } from '@asb/ledger/composition';

/** Input a command cannot work with (no data directory, an unreadable file): exit 1, not 2. */
export class UnusableInputError extends Error {}

/**
 * The ledger as a command uses it: built by Nest from the same modules as the API and the worker
 * (D62), with no HTTP server, no subscriber started and no log line; a command starts what it needs.
 */
export type Ledger = LedgerContext;

export const openLedger = (config: LedgerConfig = loadLedgerConfig()): Promise<Ledger> =>
  createLedgerContext({ config, processJobs: false, runProjections: false, scheduleSeals: false });

/**
 * The ledger for a read command (verify, replay, export, witness): a DATA_DIR without an event store
 * is said to be one, and nothing is created there — an empty store would "verify" as 0 events.
 */
export const openLedgerForReading = (config: LedgerConfig = loadLedgerConfig()): Promise<Ledger> => {
  if (config.databaseUrl) return openLedger({ ...config, openExistingOnly: true }); // no tables: every read fails with NoEventStoreError
  if (!config.eventStoreUrl && !existsSync(join(config.dataDir, 'events.db'))) {
    throw new UnusableInputError(`no event store in DATA_DIR ${config.dataDir} (events.db is missing): nothing to read; set DATA_DIR to the ledger's data directory`);
  }
  return openLedger(config);
};
