import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { verifyBundle, type AuditBundle, type VerifyReport } from '@asb/event-store';
import { LedgerRuntime, loadLedgerConfig } from '@asb/ledger';

const print = (report: VerifyReport, json?: boolean) => {
  if (json) return console.log(JSON.stringify(report, null, 2));
  console.log(`${report.ok ? 'OK' : 'FAILED'}: ${report.checkedEvents} events, ${report.checkedStreams} streams, ${report.checkedSeals} seals; ${report.unsealedEvents} events after the last seal`);
  if (report.firstFailure) console.log(`first failure: ${report.firstFailure.kind}: ${report.firstFailure.message}`);
};

export const registerVerify = (program: Command) =>
  program
    .command('verify')
    .description('re-hash every event, check every stream link and seal; name the first altered event. With a bundle file: offline, without the database')
    .argument('[bundle]', 'an audit bundle exported with `asb export` or GET /audit/export')
    .option('--json', 'print the full report as JSON')
    .action(async (bundlePath: string | undefined, opts: { json?: boolean }) => {
      if (bundlePath) {
        const report = await verifyBundle(JSON.parse(readFileSync(bundlePath, 'utf8')) as AuditBundle);
        print(report, opts.json);
        process.exitCode = report.ok ? 0 : 2;
        return;
      }
      const runtime = new LedgerRuntime(loadLedgerConfig());
      try {
        const report = await runtime.integrity.verify();
        print(report, opts.json);
        process.exitCode = report.ok ? 0 : 2;
      } finally {
        await runtime.close();
      }
    });
