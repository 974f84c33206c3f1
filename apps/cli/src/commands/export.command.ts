import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { FarmHistory, IntegrityService } from '@asb/ledger';
import { openLedgerForReading, UnusableInputError } from './open-ledger';

export const registerExport = (program: Command) =>
  program
    .command('export')
    .description('write an audit bundle (stored event bytes, a signed checkpoint, the public key, proofs) of the whole log or one farm')
    .option('--farm <farmId>', "only this farm's streams, each with inclusion proofs and its committed head")
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .action(async (opts: { farm?: string; out: string }) => {
      const ledger = await openLedgerForReading();
      const { runtime } = ledger;
      const integrity = ledger.get(IntegrityService);
      try {
        if (opts.farm) {
          // The farm-streams read model says which streams are the farm's; bring it up to date first.
          await runtime.projections.start();
          await runtime.projections.caughtUp();
        }
        const streams = opts.farm ? await ledger.get(FarmHistory).farmStreams(opts.farm) : [];
        // A farm the log never heard of (a mistyped id) has no bundle: a signed one with no streams would read as "this farm has no events".
        if (opts.farm && !streams.length) throw new UnusableInputError(`the log holds no farm ${opts.farm}: no bundle written`);
        const bundle = opts.farm ? await integrity.exportStreams(`farm ${opts.farm}`, streams) : await integrity.exportLog();
        writeFileSync(opts.out, JSON.stringify(bundle));
        console.log(`${bundle.events.length} events, ${bundle.streamHeads.length} stream heads, checkpoint of size ${bundle.checkpoint.treeSize} (key ${bundle.checkpoint.keyId}) → ${opts.out}`);
      } finally {
        await ledger.close();
      }
    });
