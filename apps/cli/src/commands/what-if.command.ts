import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { WhatIfReport } from '@asb/domain';
import { loadLedgerConfig } from '@asb/ledger';
import { enqueueWhatIf, LedgerRuntime, registerJobHandlers } from '@asb/ledger/composition';

const eur = (cents: number) => `EUR ${(cents / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

/** `--set path=value`, repeatable; values are parsed as JSON where they can be ("90" stays a string). */
const collect = (value: string, previous: Array<{ path: string; value: unknown }>) => {
  const i = value.indexOf('=');
  if (i < 1) throw new Error(`--set takes path=value, got ${value}`);
  const raw = value.slice(i + 1);
  let parsed: unknown = raw;
  if (/^(true|false|null|\[.*\]|\{.*\})$/.test(raw)) parsed = JSON.parse(raw);
  return [...previous, { path: value.slice(0, i), value: parsed }];
};

export const registerWhatIf = (program: Command) =>
  program
    .command('what-if')
    .description('recompute every farm-year of a year under a hypothetical copy of a norm set (never published); prints a summary and writes the report (JSON and HTML)')
    .requiredOption('--norm-set <id>', 'the published norm set to copy, e.g. drenthe-2025 or minas-2003')
    .requiredOption('--year <year>', 'the farm-year to recompute', (v) => Number(v))
    .requiredOption('--set <path=value>', 'a changed parameter (repeatable), e.g. kpis.9.landUses.grassland.tiers.0.threshold=90', collect, [])
    .option('--name <name>', 'the scenario name', 'what-if')
    .action(async (opts: { normSet: string; year: number; set: Array<{ path: string; value: unknown }>; name: string }) => {
      const runtime = new LedgerRuntime(loadLedgerConfig());
      const bar = new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} farm-years | {eta}s left', hideCursor: true }, Presets.shades_classic);
      try {
        registerJobHandlers(runtime);
        await runtime.projections.start();
        await runtime.projections.caughtUp();
        await runtime.jobs.startProcessing();
        const request = { name: opts.name, normSetId: opts.normSet, year: opts.year, changes: opts.set };
        const job = await runtime.whatIf.jobFor(request);
        const jobId = job.jobId;
        let started = false;
        runtime.jobs.onProgress((id, p) => {
          if (id !== jobId) return;
          if (!started) bar.start(p.total, 0);
          started = true;
          bar.update(p.done);
        });
        const { created } = await enqueueWhatIf(runtime, job);
        const status = await runtime.jobs.waitUntilFinished<{ report: WhatIfReport }>(jobId, 30 * 60_000);
        if (started) bar.stop();
        if (status.state !== 'completed' || !status.result) throw new Error(`what-if failed: ${status.failedReason}`);
        const t = status.result.report.totals;
        console.log(`${created ? '' : '(this scenario was computed before on the same log) '}${request.name}: ${t.farms} farm-years, ${eur(t.officialCents)} → ${eur(t.hypotheticalCents)} (${eur(t.deltaCents)}); ${t.farmsUp} up, ${t.farmsDown} down, ${t.farmsChangingTier} change tier`);
        const b = status.result.report.budget;
        if (b) console.log(`budget: ${b.officialSharePct} % → ${b.hypotheticalSharePct} % of the ${eur(b.ceilingCents)} ceiling`);
        if (runtime.jobs.kind === 'in-process') console.log(`report: ${runtime.whatIf.reportPath(jobId, 'json')} and ${runtime.whatIf.reportPath(jobId, 'html')}`);
        else console.log(`report: GET /what-if/${jobId}/report(.html)`);
      } finally {
        bar.stop();
        await runtime.close();
      }
    });
