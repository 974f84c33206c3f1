import { readFileSync } from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import type { Command } from 'commander';
import type { MeasureTotals, WhatIfReport } from '@asb/domain';
import { parseJsonOnce } from '@asb/event-store';
import { enqueueWhatIf, figure, WhatIfService } from '@asb/ledger';
import { openLedger } from './open-ledger';

type Options = { scenario?: string; name: string; years?: string; set: string[]; simplify: string[]; samples: string; seed: string };
const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `--set drenthe-2025:kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold=90` sets a text (decimals
 * are written as text); `--set drenthe-2025:yearlyCapCents:=250000` a JSON value (numbers, lists), as httpie does.
 */
const draftsOf = (sets: string[]) => {
  const drafts = new Map<string, Array<{ path: string; value: unknown }>>();
  for (const s of sets) {
    const m = /^([a-z0-9][a-z0-9-]{1,62}):([^=:]+(?:\[[^\]]*\][^=:]*)*)(:?=)(.*)$/s.exec(s);
    if (!m) throw new Error(`--set takes normSetId:path=text or normSetId:path:=json, got ${s}`);
    drafts.set(m[1], [...(drafts.get(m[1]) ?? []), { path: m[2], value: m[3] === ':=' ? parseJsonOnce(Buffer.from(m[4])) : m[4] }]);
  }
  return [...drafts.entries()].map(([normSetId, changes]) => ({ normSetId, changes }));
};

/** `--simplify nh3KgHa:self-declared,default=45` */
const simplificationsOf = (list: string[]) =>
  list.map((s) => {
    const m = /^([A-Za-z][A-Za-z0-9.]*):([a-z,-]+)=(-?[\d.]+)$/.exec(s);
    if (!m) throw new Error(`--simplify takes indicator:quality,quality=value, got ${s}`);
    return { indicator: m[1], qualities: m[2].split(','), value: Number(m[3]) };
  });

const line = (t: MeasureTotals) => `  ${t.measure.padEnd(14)} ${figure(t, t.official).padStart(22)} → ${figure(t, t.hypothetical).padStart(22)}  (${figure(t, t.delta)}${t.interval ? `; interval ${figure(t, t.interval.low)} to ${figure(t, t.interval.high)}` : ''})`;

export const registerWhatIf = (program: Command) =>
  program
    .command('what-if')
    .description('save a scenario (drafts of any norm sets by named paths, years, simplifications, sampling) and run it over the official record; prints the totals and writes the report (JSON, CSV, HTML)')
    .option('--scenario <file>', 'the scenario as JSON (the body of POST /what-if/scenarios); the flags below build one otherwise')
    .option('--name <name>', 'the scenario name', 'what-if')
    .option('--years <from-to>', 'the farm-years, e.g. 2016-2025 or 2025')
    .option('--set <normSetId:path=value>', 'a changed parameter by name (repeatable), e.g. drenthe-2025:kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold=90', collect, [])
    .option('--simplify <indicator:qualities=value>', "action 12: replace weak figures by a default (repeatable), e.g. nh3KgHa:self-declared,default=45", collect, [])
    .option('--samples <n>', 'samples within the margins of the data-quality classes', '0')
    .option('--seed <n>', 'the seed of the samples', '1')
    .action(async (opts: Options) => {
      const [from, to] = (opts.years ?? '').split('-').map(Number);
      const scenario = opts.scenario
        ? parseJsonOnce(readFileSync(opts.scenario))
        : { name: opts.name, years: { from, to: to ?? from }, drafts: draftsOf(opts.set), simplifications: simplificationsOf(opts.simplify), uncertainty: { samples: Number(opts.samples), seed: Number(opts.seed) } };
      const ledger = await openLedger();
      const { runtime } = ledger;
      const whatIf = ledger.get(WhatIfService);
      const bar = new SingleBar({ format: ' {phase} {bar} {percentage}% | {value}/{total} {unit} | {eta}s left', hideCursor: true }, Presets.shades_classic);
      let phase = '';
      try {
        await runtime.projections.start();
        await runtime.projections.caughtUp();
        await runtime.jobs.startProcessing();
        const ctx = { commandId: `cli:what-if:${Date.now()}:${process.pid}`, actor: { id: process.env.USER ?? 'cli', role: 'policy_analyst' as const }, now: new Date().toISOString() };
        const { scenarioId } = await whatIf.save(scenario, ctx);
        const { runId } = await whatIf.requestRun(scenarioId, ctx);
        runtime.jobs.onProgress((id, p) => {
          if (id !== runId) return;
          const next = p.message?.startsWith('events') ? 'reading ' : 'computing';
          if (next !== phase) {
            if (phase) bar.stop();
            bar.start(p.total, 0, { phase: next, unit: next === 'reading ' ? 'log positions' : 'farm-years' });
            phase = next;
          }
          bar.update(p.done);
        });
        await enqueueWhatIf(runtime.jobs, { scenarioId, runId });
        const status = await runtime.jobs.waitUntilFinished<{ report: WhatIfReport }>(runId, 60 * 60_000);
        bar.stop();
        if (status.state !== 'completed' || !status.result) throw new Error(`what-if failed: ${status.failedReason}`);
        const r = status.result.report;
        console.log(`${r.scenario.name}: scenario ${scenarioId}, run ${runId}; ${r.counts.farmYears} farm-years (${r.counts.withoutOfficialResult} without an official result), log position ${r.logPosition}`);
        for (const t of r.totals) console.log(line(t));
        if (r.counts.samples) console.log(`  ${r.counts.farmYearsChangingWithinMargin} farm-years change subsidy or levy within the margins (${r.counts.samples} samples, seed ${r.scenario.uncertainty.seed})`);
        console.log(`  findings that would block forwarding: ${r.findings.farmYearsNewlyBlocked} farm-years newly, ${r.findings.farmYearsNoLongerBlocked} no longer`);
        for (const b of r.budget) console.log(`  budget ${b.scheme} ${b.year}: ${b.officialSharePct} % → ${b.hypotheticalSharePct} % of the ceiling`);
        if (runtime.jobs.kind === 'in-process') console.log(`report: ${whatIf.reportPath(runId, 'json')}, .csv and .html`);
        else console.log(`report: GET /what-if/runs/${runId}/report(.csv|.html)`);
      } finally {
        bar.stop();
        await ledger.close();
      }
    });
