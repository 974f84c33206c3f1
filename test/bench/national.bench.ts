import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { allProjections, ProjectionRunner, ReadModelStore } from '@asb/projections';
import { FarmHistory, FixedClock, IntegrityService, loadLedgerConfig, NormSetService, Recomputations } from '@asb/ledger';
import { createLedgerContext } from '@asb/ledger/composition';
import { generateNationalDataSet, prng } from './national-data-set';
import { fmt, line, rate, rawReadAndParse, time } from './measure';
import { benchWhatIf } from './what-if.bench';

/** Issue 7's national scale: ingest, full rebuild, one farm's as-of replay, what-if over every farm-year (issue 17), replay --verify. */
export const benchNational = async (options: { farms: number; years: number }) => {
  const dir = mkdtempSync(join(tmpdir(), 'asb-national-'));
  const years = Array.from({ length: options.years }, (_, i) => 2025 - options.years + 1 + i);
  console.log(`\nNational data set: ${fmt(options.farms)} farms × ${options.years} years (${years[0]}–${years.at(-1)}), embedded store`);
  try {
    const ledger = await createLedgerContext({ config: loadLedgerConfig({ DATA_DIR: dir }), clock: new FixedClock('2016-01-01T00:00:00.000Z'), processJobs: false, runProjections: false, scheduleSeals: false });
    await ledger.get(NormSetService).publishShipped();
    const bar = new SingleBar({ format: '  ingest {bar} {value}/{total} farms', hideCursor: true }, Presets.shades_classic);
    bar.start(options.farms, 0);
    const ingest = await generateNationalDataSet(ledger.runtime.store, { farms: options.farms, years, seed: 2025, onProgress: (n) => bar.update(n) });
    bar.stop();
    line(`ingest (${fmt(ingest.events)} events, 1 append per stream batch, fsync each)`, `${fmt(rate(ingest.events, ingest.ms))} events/s (${(ingest.ms / 1000).toFixed(1)} s)`);

    // Raw engine (read every stored body and JSON.parse it, nothing else) against the full rebuild,
    // alternated three times: wall-clock rates on this machine move by ±20 % from one minute to the
    // next, so the ratio reported is the median of three measured side by side.
    const rounds: Array<{ raw: number; rebuild: number; ms: number; rawMs: number }> = [];
    for (let round = 0; round < 3; round++) {
      const raw = new Database(join(dir, 'events.db'), { readonly: true });
      const rawRead = await time(() => rawReadAndParse(raw, 'events'));
      raw.close();
      rmSync(join(dir, 'rebuild.db'), { force: true });
      const models = new ReadModelStore(join(dir, 'rebuild.db'), { bulk: true });
      const rebuild = await time(() => new ProjectionRunner(ledger.runtime.store, models, allProjections).rebuild({ digest: false }));
      models.close();
      rounds.push({ raw: rate(rawRead.value, rawRead.ms), rawMs: rawRead.ms, rebuild: rate(rebuild.value.eventsRead, rebuild.ms), ms: rebuild.ms });
    }
    const median = <T>(list: T[], by: (t: T) => number) => [...list].sort((a, b) => by(a) - by(b))[1];
    const mid = median(rounds, (r) => r.rebuild / r.raw);
    const rawRate = mid.raw;
    const rebuildRate = mid.rebuild;
    line('raw engine: read + JSON.parse of every stored event', `${fmt(rawRate)} events/s (${(mid.rawMs / 1000).toFixed(1)} s)`);
    line(
      `full rebuild of all ${allProjections.length} projections`,
      `${fmt(rebuildRate)} events/s (${(mid.ms / 1000).toFixed(1)} s) = ${((rebuildRate / rawRate) * 100).toFixed(0)} % of raw (target ≥ 50 %); rounds: ${rounds.map((r) => `${((r.rebuild / r.raw) * 100).toFixed(0)} %`).join(', ')}`,
    );

    // The runtime's own read models: bring them up (the as-of replay reads farm-streams from them).
    await ledger.runtime.projections.start();
    await ledger.runtime.projections.caughtUp();

    const pick = prng(7);
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const farmId = `nl-${String(Math.floor(pick() * options.farms)).padStart(6, '0')}`;
      const at = `${years[Math.floor(pick() * years.length)] + 1}-03-01T00:00:00.000Z`;
      const { ms } = await time(() => ledger.get(FarmHistory).asOf(farmId, at));
      latencies.push(ms);
    }
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
    line("one farm's as-of replay (200 random farms and moments)", `median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms (target < 20 ms)`);

    const whatIf = await benchWhatIf(ledger, years);

    const verify = await time(() => ledger.get(Recomputations).verifyRecomputations());
    line(`replay --verify: recompute every recorded score and levy`, `${fmt(verify.value.scoresChecked)} scores + ${fmt(verify.value.leviesChecked)} levies in ${(verify.ms / 1000).toFixed(1)} s, ${verify.value.mismatches.length} differ`);
    if (verify.value.mismatches.length) process.exitCode = 2;
    const checkpoint = await time(() => ledger.get(IntegrityService).checkpoint());
    const integrity = await time(() => ledger.get(IntegrityService).verify());
    line('checkpoint + verify the whole log', `checkpoint of ${fmt(checkpoint.value.checkpoint.treeSize)} events in ${(checkpoint.ms / 1000).toFixed(1)} s; verify ${integrity.value.ok ? 'OK' : 'FAILED'} in ${(integrity.ms / 1000).toFixed(1)} s`);
    await ledger.close();
    return { ingest, rawRate, rebuildRate, latencies, whatIf, verify: verify.value };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

