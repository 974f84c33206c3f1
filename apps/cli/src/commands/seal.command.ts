import type { Command } from 'commander';
import { LedgerRuntime, loadLedgerConfig } from '@asb/ledger';

export const registerSeal = (program: Command) =>
  program
    .command('seal')
    .description('write seals over every event appended since the last seal')
    .action(async () => {
      const runtime = new LedgerRuntime(loadLedgerConfig());
      try {
        const result = await runtime.integrity.seal();
        console.log(`${result.sealed.length} seal(s) over ${result.unsealedBefore} event(s)`);
        for (const s of result.sealed) console.log(`  seal ${s.sealNo}: positions ${s.afterPosition + 1}..${s.upToPosition}, ${s.eventCount} events, root ${s.merkleRoot}`);
      } finally {
        await runtime.close();
      }
    });
