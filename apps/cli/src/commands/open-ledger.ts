import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadLedgerConfig, type LedgerConfig } from '@asb/ledger';
import { LedgerRuntime } from '@asb/ledger/composition';

/** Input a command cannot work with (no data directory, an unreadable file): exit 1, not 2. */
export class UnusableInputError extends Error {}

/**
 * The ledger for a read command (verify, replay, export, witness): a DATA_DIR without an event store
 * is said to be one, and nothing is created there — an empty store would "verify" as 0 events.
 */
export const openLedgerForReading = (config: LedgerConfig = loadLedgerConfig()): LedgerRuntime => {
  if (config.databaseUrl) return new LedgerRuntime({ ...config, openExistingOnly: true }); // no tables: every read fails with NoEventStoreError
  if (!config.eventStoreUrl && !existsSync(join(config.dataDir, 'events.db'))) {
    throw new UnusableInputError(`no event store in DATA_DIR ${config.dataDir} (events.db is missing): nothing to read; set DATA_DIR to the ledger's data directory`);
  }
  return new LedgerRuntime(config);
};
