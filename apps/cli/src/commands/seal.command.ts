import type { Command } from 'commander';
import { IntegrityService, loadLedgerConfig } from '@asb/ledger';
import { openLedgerForReading } from './open-ledger';

/** `asb checkpoint` (and `asb seal`, its name before checkpoints replaced seals). */
export const registerSeal = (program: Command) =>
  program
    .command('checkpoint')
    .alias('seal')
    .description('sign a checkpoint over every event appended so far (the API does this every CHECKPOINT_INTERVAL_SECONDS)')
    .action(async () => {
      const config = loadLedgerConfig();
      const ledger = await openLedgerForReading(config);
      try {
        const { checkpoint, created, addedEvents } = await ledger.get(IntegrityService).checkpoint();
        console.log(`${created ? 'signed' : 'unchanged'}: checkpoint of size ${checkpoint.treeSize} (${addedEvents} new events), root ${checkpoint.rootHash}, streams ${checkpoint.streams.count} (root ${checkpoint.streams.rootHash}), key ${checkpoint.keyId}, ${checkpoint.issuedAt}`);
      } finally {
        await ledger.close();
      }
    });
