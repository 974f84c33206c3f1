import type { Command } from 'commander';
import { LedgerRuntime, loadLedgerConfig } from '@asb/ledger';

export const registerVerify = (program: Command) =>
  program
    .command('verify')
    .description('re-hash every event, check every stream link and seal; name the first altered event')
    .option('--json', 'print the full report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const runtime = new LedgerRuntime(loadLedgerConfig());
      try {
        const report = await runtime.integrity.verify();
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else {
          console.log(`${report.ok ? 'OK' : 'FAILED'}: ${report.checkedEvents} events, ${report.checkedStreams} streams, ${report.checkedSeals} seals; ${report.unsealedEvents} events after the last seal`);
          if (report.firstFailure) console.log(`first failure: ${report.firstFailure.kind}: ${report.firstFailure.message}`);
        }
        process.exitCode = report.ok ? 0 : 2;
      } finally {
        await runtime.close();
      }
    });
