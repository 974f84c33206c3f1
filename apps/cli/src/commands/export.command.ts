import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { exportLogBundle, exportStreamsBundle } from '@asb/event-store';
import { LedgerRuntime, loadLedgerConfig } from '@asb/ledger';

export const registerExport = (program: Command) =>
  program
    .command('export')
    .description("write an audit bundle (events with their hash chain, seals, inclusion proofs) of the whole log or one farm")
    .option('--farm <farmId>', 'only this farm (with Merkle proofs into the seals)')
    .requiredOption('--out <file>', 'where to write the bundle (JSON)')
    .action(async (opts: { farm?: string; out: string }) => {
      const runtime = new LedgerRuntime(loadLedgerConfig());
      try {
        if (opts.farm) {
          // The farm-streams read model says which streams are the farm's; bring it up to date first.
          await runtime.projections.start();
          await runtime.projections.caughtUp();
        }
        const bundle = opts.farm ? await exportStreamsBundle(runtime.log, `farm ${opts.farm}`, runtime.audit.farmStreams(opts.farm)) : await exportLogBundle(runtime.log);
        writeFileSync(opts.out, JSON.stringify(bundle));
        console.log(`${bundle.events.length} events, ${bundle.seals.length} seals, ${Object.keys(bundle.proofs).length} inclusion proofs → ${opts.out}`);
      } finally {
        await runtime.close();
      }
    });
