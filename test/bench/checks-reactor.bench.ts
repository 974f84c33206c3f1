import { streams, type BalanceData } from '@asb/domain';
import { InMemoryEventStore, UpcasterRegistry, type StoredEvent } from '@asb/event-store';
import { BalanceSubmissionHandler, CheckRunner, CommandService, FarmDataReader, FixedClock, NormSetService } from '@asb/ledger';
import type { FarmYearsQuery, ManureLinksQuery } from '@asb/projections';
import { klwSubmission } from '../support/farm-fixtures';
import { newEvent } from '../support/new-event';
import { fmt, line } from './measure';

/** The command path bench's KLW submission (`klwSubmission`), its indicators keyed as the API records them. */
const klw = (submissionId: string, milkKg: number): BalanceData => {
  const { submissionId: _id, scheme: _scheme, indicators, ...data } = klwSubmission(submissionId, milkKg, 300_000);
  return { ...data, indicators: Object.fromEntries(indicators.map(({ key, ...value }) => [key, value])) } as BalanceData;
};

const threadCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * The checks reactor alone (D77), in this process: CPU per submission of `CheckRunner.onBatch` as the
 * farm-years fill up, with the farm-year's submissions folded forward (CHECKS_BALANCE_FORWARD on) and
 * without (off), alternated in the same run. The KLW submission of the command-path bench, one per farm
 * per round, delivered in batches of 16 as the subscriber thread gets them; an in-memory log, so that
 * what is measured is the reactor's own work (the HTTP bench measures the whole subscriber thread).
 */
export const benchChecksReactor = async (options: { farms: number; rounds: number; pairs: number; modes: readonly string[] }) => {
  console.log(`\nThe checks reactor (D77): ${fmt(options.farms)} farm-years, ${options.rounds} KLW submissions each, batches of 16; on/off alternated ${options.pairs}×`);
  const bands = [0, 5, 10, 15].filter((b) => b < options.rounds);
  const results: Record<'on' | 'off', number[][]> = { on: bands.map(() => []), off: bands.map(() => []) };
  // Pair -1 warms the JIT up on both paths and is not counted.
  for (let pair = -1; pair < options.pairs; pair++) {
    for (const mode of (pair % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)).filter((m) => options.modes.includes(m))) {
      const forward = mode === 'on';
      const store = new InMemoryEventStore();
      const clock = new FixedClock('2025-12-01T00:00:00.000Z');
      // The request thread's folds and the subscriber thread's are separate, as in the API (D66).
      const requests = new CommandService(store, new UpcasterRegistry());
      const submissions = new BalanceSubmissionHandler(requests);
      const subscriber = new CommandService(store, new UpcasterRegistry());
      const normSets = new NormSetService(subscriber, clock);
      const links = { counterparts: async () => [] } as unknown as ManureLinksQuery;
      const farmYears = { ofFarm: async () => [] } as unknown as FarmYearsQuery;
      const runner = new CheckRunner(subscriber, new FarmDataReader(subscriber, normSets, { forward }), links, farmYears, clock, normSets, { forward });
      const farmId = (f: number) => `bench-${f}`;
      for (let f = 0; f < options.farms; f++) {
        await store.append(streams.farm(farmId(f)), [newEvent('FarmRegistered', { farmId: farmId(f), farmerId: `farmer-${f}`, registeredAt: clock.now(), province: 'drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], livestockUnits: 120 })], 'no_stream');
      }
      const cpu = bands.map(() => ({ ms: 0, n: 0 }));
      for (let round = 0; round < options.rounds; round++) {
        const band = bands.filter((b) => round >= b).length - 1;
        for (let from = 0; from < options.farms; from += 16) {
          const batch: StoredEvent[] = [];
          for (let f = from; f < Math.min(options.farms, from + 16); f++) {
            const submissionId = `s-${f}-${round}`;
            const data = klw(submissionId, 900_000 + ((f * 31 + round) % 1000));
            const result = await submissions.execute({ type: 'SubmitBalanceData', data: { farmId: farmId(f), year: 2025, submissionId, data, now: clock.now() } }, { commandId: submissionId, actor: { id: `farmer-${f}`, role: 'farmer' }, now: clock.now() });
            batch.push(...result.stored);
          }
          const started = threadCpuMs();
          await runner.onBatch(batch);
          cpu[band].ms += threadCpuMs() - started;
          cpu[band].n += batch.length;
        }
      }
      if (pair >= 0) cpu.forEach((c, b) => results[mode][b].push(c.ms / c.n));
    }
  }
  const fmtMs = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(', ');
  bands.forEach((b, k) => {
    const upTo = Math.min(options.rounds, bands[k + 1] ?? options.rounds) - 1;
    const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    if (!results.on[k].length || !results.off[k].length) return line(`  CPU per submission, farm-years holding ${b}–${upTo}`, `${fmtMs([...results.on[k], ...results.off[k]])} ms`);
    line(`  CPU per submission, farm-years holding ${b}–${upTo}`, `forward ${fmtMs(results.on[k])} ms; off ${fmtMs(results.off[k])} ms; ratio ${(mean(results.on[k]) / mean(results.off[k])).toFixed(2)}`);
  });
};
