import fc from 'fast-check';
import { balanceParametersV1, checkTolerancesV1, streams, type BalanceParameters, type CheckTolerances, type Command, type Decider, type DomainEvent, type NormSetDocument } from '@asb/domain';
import { InMemoryEventStore, UpcasterRegistry, type StoredEvent } from '@asb/event-store';
import { farmYearKey, foldProjection, manureLinksProjection, type FarmYearsQuery, type ManureLinksQuery } from '@asb/projections';
import { newEvent } from '../../../../test/support/new-event';
import { FixedClock } from '../clock/clock';
import type { CommandContext } from '../command-handling/command-context';
import { CommandService, type CommandResult } from '../command-handling/command-service';
import { FarmDataReader } from '../farm-data/farm-data.reader';
import { NormSetService } from '../norms';
import { CheckRunner } from './check-runner';

/**
 * D77: the checks reactor with the farm-year's submissions folded forward and each submission's own
 * outcomes kept must hand the findings decider exactly the outcomes of the path before (every active
 * submission folded, read and checked again: CHECKS_BALANCE_FORWARD=off), over random histories —
 * submissions, corrections, withdrawals, manure both ways, farm-specific norms, farm details, recorded
 * data that does not read, other tolerances and milk protein factors, and restarts of the forward side.
 */

/** Records what each reconcile would decide on, and writes nothing: both sides read the same log. */
class RecordingCommandService extends CommandService {
  readonly reconciles: Array<{ commandId: string; command: unknown }> = [];
  override async handle<S, C extends Command, E extends DomainEvent>(_streamId: string, _decider: Decider<S, C, E>, command: C, ctx: CommandContext): Promise<CommandResult<E>> {
    this.reconciles.push({ commandId: ctx.commandId, command });
    return { streamId: _streamId, events: [], stored: [], replayed: false } as unknown as CommandResult<E>;
  }
}

const FARMS = ['nl-1', 'nl-2', 'nl-3'];
const YEAR = 2025;
const clock = new FixedClock('2025-12-01T00:00:00.000Z');

// Other rules a reconcile may be handed (the same objects every time, as the norm-set service hands them out).
const tolerancesV2: NormSetDocument<CheckTolerances> = {
  ...checkTolerancesV1,
  version: 2,
  parameters: {
    ...checkTolerancesV1.parameters,
    milkNitrogen: { relativePct: { warnAbove: '0.5', blockAbove: '1' } },
    plausibility: { ...checkTolerancesV1.parameters.plausibility, ranges: { ...checkTolerancesV1.parameters.plausibility.ranges, milkUreaMg100g: { min: '10', max: '20' }, grazingHours: { min: '0', max: '1000' } } },
  },
};
const parametersV2: NormSetDocument<BalanceParameters> = { ...balanceParametersV1, version: 2, parameters: { ...balanceParametersV1.parameters, milkProteinToNitrogenFactor: '6.25' } };

const quality = fc.constantFrom('registered', 'measured', 'calculated', 'default', 'self-declared');
const counterparty = fc.constantFrom(...FARMS);
// Values on and near the tolerance bands and ranges as well as anywhere.
const kg = fc.oneof(fc.constantFrom(0, 1_000, 500_000, 1_000_000, 1_010_000, 1_010_001, 1_030_000), fc.integer({ min: 0, max: 2_000_000 }));
const flow = fc.oneof(
  fc.record({ kind: fc.constant('milk'), kgProduct: kg, proteinPct: fc.constantFrom(3.19, 3.4), fatPct: fc.constantFrom(4.4, 4.1), quality }, { requiredKeys: ['kind', 'kgProduct', 'quality'] }).chain((f) =>
    fc.option(fc.constantFrom(5000, 5050, 5100, 5200, 4900, 5102), { nil: undefined }).map((nKg) => (nKg === undefined ? f : { ...f, nKg })),
  ),
  fc.record({ kind: fc.constant('manure-delivered'), kgProduct: kg, nKg: fc.constantFrom(2000, 2100), counterpartyFarmId: counterparty, quality }),
  fc.record({ kind: fc.constant('organic-manure-received'), kgProduct: kg, nKg: fc.constantFrom(2000, 1900), counterpartyFarmId: counterparty, quality }),
  fc.record({ kind: fc.constant('concentrates'), kgProduct: kg, nContentGPerKg: fc.constantFrom(28, 30), p2o5ContentGPerKg: fc.constantFrom(9, 10), quality }),
  fc.record({ kind: fc.constant('mineral-fertiliser'), kgProduct: kg, nKg: fc.constantFrom(5400, 6000), quality }),
  fc.record({ kind: fc.constant('animals-sold'), kgProduct: kg, nKg: fc.constantFrom(2220, 500), p2o5Kg: fc.constantFrom(900, 200), quality }),
);
const indicatorValue = (values: number[]) => fc.record({ value: fc.constantFrom(...values), quality });
const indicators = fc.record(
  {
    milkUreaMg100g: indicatorValue([4, 5, 18, 20, 21, 45, 46]),
    rationCrudeProteinGKgDm: indicatorValue([100, 160, 250, 251]),
    grazingHours: indicatorValue([0, 1000, 1200, 8760]),
    nFarmSurplusKgHa: indicatorValue([150, 171.4, 184, 600, 601]),
    nUsageKgHa: indicatorValue([170, 230, 250]),
    nUsageNormKgHa: indicatorValue([170, 230]),
    p2o5UsageKgHa: indicatorValue([70, 90]),
    p2o5UsageNormKgHa: indicatorValue([75, 90]),
  },
  { requiredKeys: [] },
);
const landUse = fc.record({ grasslandHa: fc.constantFrom(0, 39.5, 40, 42), maizeHa: fc.constantFrom(0, 10), arableHa: fc.constantFrom(0, 2.5) });
const balanceData = fc.record(
  {
    source: fc.constantFrom('klw', 'dairy-processor', 'manure-transport-registry', 'gecombineerde-opgave'),
    flows: fc.array(flow, { maxLength: 4 }),
    indicators,
    landUse,
    stockChange: fc.record({ nKg: fc.constantFrom(0, 100), p2o5Kg: fc.constantFrom(0, 50) }),
    // Recorded data that does not read: both sides must fail on it alike.
    broken: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
  },
  { requiredKeys: ['source', 'broken'] },
);

type Step =
  | { op: 'submit'; farm: number; data: Record<string, unknown> }
  | { op: 'correct'; farm: number; pick: number; data: Record<string, unknown> }
  | { op: 'withdraw'; farm: number; pick: number }
  | { op: 'grant'; farm: number; extraN: string; extraP: string; areaHa?: number }
  | { op: 'details'; farm: number; livestockUnits: number; grasslandHa: number }
  | { op: 'batch-end'; rules: number }
  | { op: 'restart' };
const farm = fc.nat({ max: FARMS.length - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('submit' as const), farm, data: balanceData }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('correct' as const), farm, pick: fc.nat(), data: balanceData }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('withdraw' as const), farm, pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('grant' as const), farm, extraN: fc.constantFrom('0', '20', '35.5'), extraP: fc.constantFrom('0', '5'), areaHa: fc.option(fc.constantFrom(4, 12.5), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('details' as const), farm, livestockUnits: fc.constantFrom(120, 300, 400), grasslandHa: fc.constantFrom(0, 40, 50) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('batch-end' as const), rules: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'restart' as const }) },
);

const recorded = (data: Record<string, unknown>, submissionId: string) => {
  const { broken, ...rest } = data;
  return { sourceDocumentId: `doc-${submissionId}`, ...rest, ...(broken ? { flows: [{ kind: 'milk', kgProduct: 'lots', quality: 'measured' }] } : {}) };
};

describe('the checks reactor with farm-years folded forward (D77)', () => {
  it('hands the findings decider the outcomes of the path before, and reads the same balances, over random histories', async () => {
    await fc.assert(
      // `tight`: the forward side's command service holds folds of a few events only, so streams are let go and read
      // whole again between reconciles while the reader still holds the fold it moved forward last (D77, D79).
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 60 }), fc.boolean(), async (steps, tight) => {
        const store = new InMemoryEventStore();
        if (tight) {
          // Each read hands out new event objects, as the embedded store parses them: a stream read again is not the one folded.
          const readStream = store.readStream.bind(store);
          store.readStream = async (streamId, options) => (await readStream(streamId, options)).map((e) => ({ ...e }));
        }
        const links: ManureLinksQuery = {
          counterparts: async (farmId: string, year: number) => {
            const all = await store.readAll();
            return foldProjection(manureLinksProjection, all.filter((e) => (e.data as { year?: number }).year === year)).get(farmYearKey(farmId, year))?.counterparts ?? [];
          },
        } as unknown as ManureLinksQuery;
        const farmYears = { ofFarm: async (farmId: string) => ((await store.streamRevision(streams.balance(farmId, YEAR))) === null ? [] : [{ farmId, year: YEAR }]) } as unknown as FarmYearsQuery;
        const side = (forward: boolean) => {
          const commands = new RecordingCommandService(store, new UpcasterRegistry(), forward && tight ? { events: 4 } : {});
          const normSets = new NormSetService(commands, clock);
          const reader = new FarmDataReader(commands, normSets, { forward });
          return { commands, reader, runner: new CheckRunner(commands, reader, links, farmYears, clock, normSets, { forward }) };
        };
        let forward = side(true);
        const before = side(false);
        const active: string[][] = FARMS.map(() => []);
        let pending: StoredEvent[] = [];
        let n = 0;
        const append = async (streamId: string, type: string, data: object) => {
          const revision = await store.streamRevision(streamId);
          const result = await store.append(streamId, [newEvent(type, data)], revision === null ? 'no_stream' : revision);
          pending.push(...result.events);
        };
        for (const f of FARMS) await append(streams.farm(f), 'FarmRegistered', { farmId: f, farmerId: `farmer-${f}`, registeredAt: clock.now(), province: 'drenthe', landUse: { grasslandHa: 40, maizeHa: 10, arableHa: 0 }, soilTypes: ['sand'], livestockUnits: 120 });
        const outcomesOf = async (run: (runner: CheckRunner) => Promise<void>) => {
          const results: unknown[] = [];
          for (const s of [forward, before]) {
            s.commands.reconciles.length = 0;
            const failed = await run(s.runner).then(() => null, (e: Error) => e.message);
            // Farm-years reconcile side by side: the order they reach the decider in depends on the reads each makes.
            results.push({ failed, reconciles: [...s.commands.reconciles].sort((x, y) => (x.commandId < y.commandId ? -1 : x.commandId > y.commandId ? 1 : 0)) });
          }
          expect(results[0]).toEqual(results[1]);
          expect(JSON.stringify(results[0])).toBe(JSON.stringify(results[1])); // and in the same order, key for key, as recorded
        };
        for (const s of steps) {
          const farmId = 'farm' in s ? FARMS[s.farm] : '';
          const base = { farmId, year: YEAR };
          switch (s.op) {
            case 'submit': {
              const submissionId = `s${++n}`;
              await append(streams.balance(farmId, YEAR), 'BalanceDataSubmitted', { ...base, submissionId, ...recorded(s.data, submissionId), submittedAt: clock.now() });
              active[s.farm].push(submissionId);
              break;
            }
            case 'correct': {
              if (!active[s.farm].length) break;
              const supersedes = active[s.farm][s.pick % active[s.farm].length];
              const submissionId = `s${++n}`;
              await append(streams.balance(farmId, YEAR), 'BalanceDataCorrected', { ...base, submissionId, supersedes, reason: 'typo', ...recorded(s.data, submissionId), correctedAt: clock.now() });
              active[s.farm] = [...active[s.farm].filter((id) => id !== supersedes), submissionId];
              break;
            }
            case 'withdraw': {
              if (!active[s.farm].length) break;
              const submissionId = active[s.farm][s.pick % active[s.farm].length];
              await append(streams.balance(farmId, YEAR), 'BalanceDataWithdrawn', { ...base, submissionId, reason: 'wrong farm', withdrawnAt: clock.now() });
              active[s.farm] = active[s.farm].filter((id) => id !== submissionId);
              break;
            }
            case 'grant':
              await append(streams.equivalentMeasures(farmId), 'FarmSpecificNormGranted', {
                ...base, registrationId: `r${++n}`, measure: 'm', crop: 'grass', soilRegion: 'sand', extraNKgHa: s.extraN, extraP2o5KgHa: s.extraP, ...(s.areaHa !== undefined ? { areaHa: s.areaHa } : {}), decidedBy: 'rvo', grantedAt: clock.now(),
              });
              break;
            case 'details':
              await append(streams.farm(farmId), 'FarmDetailsCorrected', { farmId, changes: { livestockUnits: s.livestockUnits, landUse: { grasslandHa: s.grasslandHa, maizeHa: 10, arableHa: 0 } }, reason: 'survey', correctedAt: clock.now() });
              break;
            case 'restart':
              // A new process: nothing held, everything folded from the log again.
              forward = side(true);
              break;
            case 'batch-end': {
              const batch = pending;
              pending = [];
              await outcomesOf((runner) => runner.onBatch(batch));
              // The balance a read answers (the same reader serves GET …/balance) is the whole balance of the path before, figure for figure.
              for (const f of FARMS) {
                const balances = [];
                for (const { reader } of [forward, before]) {
                  balances.push(await reader.currentBalance(f, YEAR, balanceParametersV1).then(({ readSubmissions: _, ...b }) => b, (e: Error) => e.message));
                }
                expect(balances[0]).toEqual(balances[1]);
                expect(JSON.stringify(balances[0])).toBe(JSON.stringify(balances[1])); // as the API writes it
              }
              // Reconciles under other rules: the outcomes kept under one set of rules are not those of another.
              if (s.rules >= 4 && batch.length) {
                const rules = { tolerances: s.rules === 4 ? tolerancesV2 : checkTolerancesV1, parameters: s.rules === 5 ? parametersV2 : balanceParametersV1 };
                for (const f of FARMS) await outcomesOf((runner) => runner.reconcile(f, YEAR, batch[batch.length - 1], rules));
              }
              break;
            }
          }
        }
        await outcomesOf((runner) => runner.onBatch(pending));
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});
