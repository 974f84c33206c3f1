import { readAllInBatches } from '@asb/event-store';
import { WhatIfService } from '@asb/ledger';
import type { LedgerContext } from '@asb/ledger/composition';
import { SingleBar, Presets } from 'cli-progress';
import { fmt, line, time } from './measure';

/**
 * Issue 17's scale: every farm-year of the national data set under a scenario touching a scheme, a
 * levy and the balance parameters, against the time to read the same inputs (the same events, through
 * the same store, parsed, nothing else). Then the same with sampling within the margins.
 */
export const benchWhatIf = async (ledger: LedgerContext, years: readonly number[]) => {
  const scenario = (samples: number) => ({
    name: `grassland thresholds +10, MINAS N levy-free +10, milk protein factor 6.25${samples ? `, ${samples} samples` : ''}`,
    years: { from: years[0], to: years.at(-1)! },
    drafts: [
      { normSetId: 'drenthe-2025', changes: ['90', '115', '140', '165'].map((value, i) => ({ path: `kpis[nSoilSurplus].landUses.grassland.tiers[${i + 1}].threshold`, value })) },
      { normSetId: 'minas-2003', changes: [{ path: 'components[n-surplus].levyFreeLevelByLandUse.grassland', value: '190' }] },
      { normSetId: 'balance-parameters', changes: [{ path: 'milkProteinToNitrogenFactor', value: '6.25' }] },
    ],
    uncertainty: { samples, seed: 2025 },
  });
  const ctx = (id: string) => ({ commandId: `bench:${id}`, actor: { id: 'pbl', role: 'policy_analyst' as const }, now: new Date().toISOString() });
  const head = await ledger.runtime.store.headPosition();
  const read = await time(async () => {
    let n = 0;
    for await (const batch of readAllInBatches(ledger.runtime.store, { upTo: head, batchSize: 5000 })) n += batch.length;
    return n;
  });
  line('read the same inputs (every event up to the run, parsed)', `${fmt(read.value)} events in ${(read.ms / 1000).toFixed(2)} s`);
  const results: Array<{ samples: number; ms: number; farmYears: number }> = [];
  for (const samples of [0, 5]) {
    const { scenarioId } = await ledger.get(WhatIfService).save(scenario(samples), ctx(`scenario-${samples}`));
    const { runId } = await ledger.get(WhatIfService).requestRun(scenarioId, ctx(`run-${samples}`));
    const bar = new SingleBar({ format: '  what-if {phase} {bar} {value}/{total}', hideCursor: true }, Presets.shades_classic);
    let phase = '';
    const phases: Record<string, number> = {};
    let started = Date.now();
    const run = await time(() =>
      ledger.get(WhatIfService).run(scenarioId, runId, (p) => {
        if (p.phase !== phase) {
          if (phase) {
            bar.stop();
            phases[phase] = Date.now() - started;
          }
          started = Date.now();
          phase = p.phase;
          bar.start(p.total, 0, { phase });
        }
        bar.update(p.done);
      }),
    );
    bar.stop();
    phases[phase] = Date.now() - started;
    const r = run.value;
    const total = (m: string) => r.totals.find((t) => t.measure === m)!;
    line(
      `what-if, ${fmt(r.counts.farmYears)} farm-years, ${samples} samples`,
      `${(run.ms / 1000).toFixed(2)} s = ${(run.ms / read.ms).toFixed(2)} × reading the inputs (target < 10 s); read + fold ${((phases.reading ?? 0) / 1000).toFixed(1)} s, compute ${((phases.computing ?? 0) / 1000).toFixed(1)} s`,
    );
    line('  subsidy change / levy change / N surplus change', `€ ${fmt(Math.round(total('subsidyCents').delta / 100))} / € ${fmt(Math.round(total('levyCents').delta / 100))} / ${fmt(Math.round(total('nSurplusKg').delta))} kg N`);
    results.push({ samples, ms: run.ms, farmYears: r.counts.farmYears });
  }
  return { readMs: read.ms, events: read.value, runs: results };
};
