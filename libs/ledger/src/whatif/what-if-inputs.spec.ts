import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serialize, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { balanceParametersV1 } from '@asb/domain';
import { InMemoryEventStore, type NewEvent } from '@asb/event-store';
import { WHAT_IF_FOLD_FORMAT, WhatIfInputSnapshot } from './what-if-input-snapshot';
import { readWhatIfRecord } from './what-if-inputs';
import { HeldWhatIfInputs } from './held-what-if-inputs';

const FARMS = ['nl-a', 'nl-b', 'nl-c'];
const YEARS = [2023, 2024, 2025];
const landUse = (g: number) => ({ grasslandHa: g, maizeHa: 5, arableHa: 0 });

/** One fact of the record (or of a what-if stream), over a small space of farms, years and ids so that facts meet. */
const fact = fc.oneof(
  fc.record({ t: fc.constant('register' as const), farm: fc.constantFrom(...FARMS), g: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ t: fc.constant('correct-farm' as const), farm: fc.constantFrom(...FARMS), g: fc.integer({ min: 1, max: 90 }) }),
  fc.record({ t: fc.constant('submit' as const), farm: fc.constantFrom(...FARMS), year: fc.constantFrom(...YEARS), id: fc.constantFrom('s1', 's2', 's3'), source: fc.constantFrom('klw', 'dairy-processor', 'gecombineerde-opgave'), kg: fc.integer({ min: 1, max: 900_000 }), n: fc.integer({ min: 50, max: 250 }), to: fc.constantFrom(...FARMS, 'nl-elsewhere') }, { requiredKeys: ['t', 'farm', 'year', 'id', 'source', 'kg', 'n'] }),
  fc.record({ t: fc.constant('correct' as const), farm: fc.constantFrom(...FARMS), year: fc.constantFrom(...YEARS), id: fc.constantFrom('s4', 's5'), supersedes: fc.constantFrom('s1', 's2', 's3'), kg: fc.integer({ min: 1, max: 900_000 }), n: fc.integer({ min: 50, max: 250 }) }),
  fc.record({ t: fc.constant('withdraw' as const), farm: fc.constantFrom(...FARMS), year: fc.constantFrom(...YEARS), id: fc.constantFrom('s1', 's2', 's3', 's4') }),
  fc.record({ t: fc.constant('score' as const), farm: fc.constantFrom(...FARMS), year: fc.constantFrom(...YEARS), cents: fc.integer({ min: 0, max: 500_000 }) }),
  fc.record({ t: fc.constant('levy' as const), farm: fc.constantFrom(...FARMS), year: fc.constantFrom(...YEARS), cents: fc.integer({ min: 0, max: 500_000 }) }),
  fc.record({ t: fc.constant('amend-balance' as const), factor: fc.constantFrom('6.25', '6.38', '6.5'), from: fc.constantFrom('2024-01-01', '2025-01-01') }),
  fc.record({ t: fc.constant('grant' as const), app: fc.constantFrom('a1', 'a2'), cents: fc.integer({ min: 0, max: 900_000 }) }),
  fc.record({ t: fc.constant('release' as const), app: fc.constantFrom('a1', 'a2'), cents: fc.integer({ min: 0, max: 900_000 }) }),
  fc.record({ t: fc.constant('what-if' as const) }),
);
type Fact = typeof fact extends fc.Arbitrary<infer T> ? T : never;

let seq = 0;
const ev = (type: string, data: unknown): NewEvent => {
  const id = `e-${++seq}`;
  return { id, type, schemaVersion: 1, data, metadata: { actor: { id: 'x', role: 'system' }, recordedAt: '2026-01-01T00:00:00.000Z', correlationId: id, causationId: id } };
};
let balanceVersion = 1;
const toEvent = (f: Fact): [string, NewEvent] => {
  // `to`: manure delivered to another farm, which makes the two farm-years each other's counterparts.
  const data = (kg: number, n: number, source = 'klw', to?: string) => ({ source, sourceDocumentId: 'd', landUse: landUse(40), flows: [{ kind: 'concentrates', kgProduct: kg, nKg: n, quality: 'registered' }, { kind: 'milk', kgProduct: kg, proteinPct: 3.4, fatPct: 4.4, quality: 'measured' }, ...(to ? [{ kind: 'manure-delivered', kgProduct: kg, nKg: n, quality: 'registered', counterpartyFarmId: to }] : [])], indicators: { nFarmSurplusKgHa: { value: n, quality: 'calculated' } } });
  switch (f.t) {
    case 'register':
      return [`farm-${f.farm}`, ev('FarmRegistered', { farmId: f.farm, province: 'Drenthe', landUse: landUse(f.g), peatSharePct: 0, livestockUnits: f.g })];
    case 'correct-farm':
      return [`farm-${f.farm}`, ev('FarmDetailsCorrected', { farmId: f.farm, changes: { landUse: landUse(f.g) } })];
    case 'submit':
      return [`balance-${f.farm}-${f.year}`, ev('BalanceDataSubmitted', { farmId: f.farm, year: f.year, submissionId: f.id, ...data(f.kg, f.n, f.source, f.to), submittedAt: 't' })];
    case 'correct':
      return [`balance-${f.farm}-${f.year}`, ev('BalanceDataCorrected', { farmId: f.farm, year: f.year, submissionId: f.id, supersedes: f.supersedes, ...data(f.kg, f.n), correctedAt: 't', reason: 'r' })];
    case 'withdraw':
      return [`balance-${f.farm}-${f.year}`, ev('BalanceDataWithdrawn', { farmId: f.farm, year: f.year, submissionId: f.id })];
    case 'score':
      return [`score-${f.farm}-${f.year}`, ev('ScoreCalculated', { scheme: 'drenthe-2025', farmId: f.farm, year: f.year, normSet: { id: 'drenthe-2025', version: 1 }, result: { totalCents: f.cents, kpis: { k: f.cents } }, inputs: { indicators: { nFarmSurplusKgHa: 100 }, landUse: landUse(40), peatSharePct: 0 } })];
    case 'levy':
      return [`levy-${f.farm}-${f.year}`, ev('LevyAssessed', { levyId: 'minas-2003', farmId: f.farm, year: f.year, assessment: { normSet: { id: 'minas-2003', version: 1 }, totalCents: f.cents, lines: [{ componentId: 'n', amountCents: f.cents, excess: f.cents > 0 ? '1' : '0' }] }, inputs: { values: {}, landUse: landUse(40), livestockUnits: 10, fpcmKg: null } })];
    case 'amend-balance':
      balanceVersion++;
      return ['norm-set-balance-parameters', ev('NormSetAmended', { document: { ...balanceParametersV1, version: balanceVersion, effectiveFrom: f.from, parameters: { ...balanceParametersV1.parameters, milkProteinToNitrogenFactor: f.factor } } })];
    case 'grant':
      return ['budget-drenthe-2025', ev('SubsidyGranted', { scheme: 'drenthe-2025', farmId: 'nl-a', applicationId: f.app, rank: 1, reservedCents: f.cents, partial: false, limitedBy: 'none', grantedAt: 't' })];
    case 'release':
      return ['budget-drenthe-2025', ev('BudgetReservationReleased', { scheme: 'drenthe-2025', farmId: 'nl-a', applicationId: f.app, releasedCents: f.cents, releasedAt: 't' })];
    case 'what-if':
      return ['what-if-scenario-x', ev('WhatIfScenarioDrafted', { scenarioId: 'x' })];
  }
};

const logOf = async (facts: readonly Fact[]) => {
  balanceVersion = 1;
  const store = new InMemoryEventStore();
  for (const f of facts) {
    const [stream, e] = toEvent(f);
    await store.append(stream, [e], 'any');
  }
  return store;
};

const years = { from: 2023, to: 2025 };

describe('the what-if input snapshot (D60)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-whatif-snapshot-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a run resumed from a snapshot reads exactly the record a run reading the whole log reads, at any position', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), async (facts, a, b) => {
        const store = await logOf(facts);
        const head = await store.headPosition();
        const [saveAt, runAt] = [1 + (a % head), 1 + (b % head)].sort((x, y) => x - y);
        const snapshot = new WhatIfInputSnapshot(join(dir, `s-${seq}.v8`));
        // A first run saves its fold; a later run (same position or further on) resumes from it.
        await readWhatIfRecord(store, { years, upTo: saveAt, snapshot });
        const resumed = await readWhatIfRecord(store, { years, upTo: runAt, snapshot });
        const whole = await readWhatIfRecord(store, { years, upTo: runAt });
        expect(resumed).toEqual(whole);
        // And as the report sees it: the same bytes.
        expect(JSON.stringify(resumed.farmYears)).toBe(JSON.stringify(whole.farmYears));
        expect(JSON.stringify([...resumed.normSets, ...resumed.reservedCents])).toBe(JSON.stringify([...whole.normSets, ...whole.reservedCents]));
      }),
      { numRuns: 150 },
    );
  });

  it('a snapshot past the run, of another log, of other upcasters or of another format is not used', async () => {
    const store = await logOf([
      { t: 'register', farm: 'nl-a', g: 40 },
      { t: 'submit', farm: 'nl-a', year: 2024, id: 's1', source: 'klw', kg: 1000, n: 100 },
      { t: 'score', farm: 'nl-a', year: 2024, cents: 100 },
      { t: 'grant', app: 'a1', cents: 500 },
    ]);
    const path = join(dir, 'inputs.v8');
    const snapshot = new WhatIfInputSnapshot(path);
    await readWhatIfRecord(store, { years, upTo: 4, snapshot });
    expect(await snapshot.load(store, 3)).toBeNull();
    expect((await snapshot.load(store, 4))?.after).toBe(4);
    const other = await logOf([{ t: 'register', farm: 'nl-b', g: 40 }, { t: 'register', farm: 'nl-c', g: 40 }, { t: 'register', farm: 'nl-a', g: 40 }, { t: 'register', farm: 'nl-a', g: 41 }]);
    expect(await snapshot.load(other, 4)).toBeNull();
    const fold = (await snapshot.load(store, 4))!;
    expect(await new WhatIfInputSnapshot(path, 'other upcasters').load(store, 4)).toBeNull();
    writeFileSync(path, serialize({ format: WHAT_IF_FOLD_FORMAT + 1, ...fold, farms: [], years: [], normSets: [], reservations: [] }));
    expect(await snapshot.load(store, 4)).toBeNull();
    writeFileSync(path, 'not a snapshot');
    expect(await snapshot.load(store, 4)).toBeNull();
    expect((await readWhatIfRecord(store, { years, upTo: 4, snapshot })).farmYears).toHaveLength(1);
  });

  it('runs resumed from the inputs held in memory read exactly what a whole read reads, at any positions in any order (D65)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.boolean(), async (facts, positions, withSnapshot) => {
        const store = await logOf(facts);
        const head = await store.headPosition();
        const held = new HeldWhatIfInputs(60_000);
        const snapshot = withSnapshot ? new WhatIfInputSnapshot(join(dir, `h-${seq}.v8`)) : undefined;
        for (const p of positions) {
          const upTo = 1 + (p % head);
          const resumed = await held.read(store, { years, upTo, snapshot });
          const whole = await readWhatIfRecord(store, { years, upTo });
          expect(resumed).toEqual(whole);
          expect(JSON.stringify(resumed.farmYears)).toBe(JSON.stringify(whole.farmYears));
        }
        held.forget();
      }),
      { numRuns: 150 },
    );
  });

  it('held inputs give the same farm-year objects while the record does not move, and new ones when it does', async () => {
    const store = await logOf([{ t: 'register', farm: 'nl-a', g: 40 }, { t: 'submit', farm: 'nl-a', year: 2024, id: 's1', source: 'klw', kg: 1000, n: 100 }]);
    const held = new HeldWhatIfInputs(60_000);
    const first = await held.read(store, { years, upTo: 2 });
    // Only what-if events after it: the record did not move.
    await store.append('what-if-scenario-x', [toEvent({ t: 'what-if' })[1]], 'any');
    const again = await held.read(store, { years, upTo: 3 });
    expect(again).toBe(first);
    await store.append('balance-nl-a-2024', [toEvent({ t: 'submit', farm: 'nl-a', year: 2024, id: 's2', source: 'klw', kg: 2000, n: 90 })[1]], 'any');
    const moved = await held.read(store, { years, upTo: 4 });
    expect(moved).not.toBe(first);
    expect(moved).toEqual(await readWhatIfRecord(store, { years, upTo: 4 }));
    // Not kept: every read derives its own.
    const none = new HeldWhatIfInputs(0);
    expect(await none.read(store, { years, upTo: 4 })).not.toBe(await none.read(store, { years, upTo: 4 }));
    held.forget();
  });

  it('a record that moved derives again only the farm-years the tail touched, and their counterparts (D74)', async () => {
    const facts: Fact[] = [...FARMS.map((farm): Fact => ({ t: 'register', farm, g: 40 }))];
    for (const farm of FARMS) for (const year of YEARS) facts.push({ t: 'submit', farm, year, id: 's1', source: 'klw', kg: 1000, n: 100, to: farm === 'nl-b' && year === 2024 ? 'nl-c' : undefined });
    const store = await logOf(facts);
    const held = new HeldWhatIfInputs(60_000);
    const first = await held.read(store, { years, upTo: await store.headPosition() });
    const same = (r: typeof first) => r.farmYears.filter((f) => first.farmYears.includes(f)).map((f) => `${f.farmId}:${f.year}`);
    const all = first.farmYears.map((f) => `${f.farmId}:${f.year}`);
    // One farm's one year: that farm-year alone is new.
    await store.append('balance-nl-a-2025', [toEvent({ t: 'submit', farm: 'nl-a', year: 2025, id: 's2', source: 'klw', kg: 2000, n: 90 })[1]], 'any');
    const one = await held.read(store, { years, upTo: await store.headPosition() });
    expect(one).toEqual(await readWhatIfRecord(store, { years, upTo: await store.headPosition() }));
    expect(all.filter((k) => !same(one).includes(k))).toEqual(['nl-a:2025']);
    // A farm's details: its years. A farm-year with a manure counterpart: its counterpart's too.
    const before = one;
    await store.append('farm-nl-a', [toEvent({ t: 'correct-farm', farm: 'nl-a', g: 60 })[1]], 'any');
    await store.append('balance-nl-c-2024', [toEvent({ t: 'withdraw', farm: 'nl-c', year: 2024, id: 's1' })[1]], 'any');
    const moved = await held.read(store, { years, upTo: await store.headPosition() });
    expect(moved).toEqual(await readWhatIfRecord(store, { years, upTo: await store.headPosition() }));
    const rederived = moved.farmYears.filter((f) => !before.farmYears.includes(f)).map((f) => `${f.farmId}:${f.year}`);
    expect(rederived.sort()).toEqual(['nl-a:2023', 'nl-a:2024', 'nl-a:2025', 'nl-b:2024', 'nl-c:2024']);
    // A farm-year that once named a counterpart (a submission since corrected away) stays in its
    // counterpart's record, as the manure-links read model keeps it: a new submission moves both.
    await store.append('balance-nl-b-2024', [toEvent({ t: 'correct', farm: 'nl-b', year: 2024, id: 's4', supersedes: 's1', kg: 900, n: 80 })[1]], 'any');
    const corrected = await held.read(store, { years, upTo: await store.headPosition() });
    await store.append('balance-nl-b-2024', [toEvent({ t: 'submit', farm: 'nl-b', year: 2024, id: 's2', source: 'dairy-processor', kg: 900, n: 80 })[1]], 'any');
    const named = await held.read(store, { years, upTo: await store.headPosition() });
    expect(named).toEqual(await readWhatIfRecord(store, { years, upTo: await store.headPosition() }));
    expect(named.farmYears.filter((f) => !corrected.farmYears.includes(f)).map((f) => `${f.farmId}:${f.year}`)).toEqual(['nl-b:2024', 'nl-c:2024']);
    // A farm-year new to the record is derived and put in its place.
    await store.append('balance-nl-d-2023', [toEvent({ t: 'submit', farm: 'nl-d' as never, year: 2023, id: 's1', source: 'klw', kg: 10, n: 60 })[1]], 'any');
    const added = await held.read(store, { years, upTo: await store.headPosition() });
    expect(added).toEqual(await readWhatIfRecord(store, { years, upTo: await store.headPosition() }));
    expect(added.farmYears.filter((f) => !named.farmYears.includes(f)).map((f) => `${f.farmId}:${f.year}`)).toEqual(['nl-d:2023']);
    // A balance-parameter version governs every farm-year's basis: all derived again.
    await store.append('norm-set-balance-parameters', [toEvent({ t: 'amend-balance', factor: '6.25', from: '2024-01-01' })[1]], 'any');
    const amended = await held.read(store, { years, upTo: await store.headPosition() });
    expect(amended).toEqual(await readWhatIfRecord(store, { years, upTo: await store.headPosition() }));
    expect(amended.farmYears.filter((f) => added.farmYears.includes(f))).toEqual([]);
    held.forget();
  });

  it('held inputs brought up to date after each of several tails equal the record read whole (D74: a live ledger derives only what a tail touched)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fact, { minLength: 1, maxLength: 12 }), { minLength: 2, maxLength: 5 }), async (tails) => {
        const store = await logOf([]);
        const held = new HeldWhatIfInputs(60_000);
        for (const tail of tails) {
          for (const f of tail) await store.append(...(([stream, e]) => [stream, [e], 'any'] as const)(toEvent(f)));
          const upTo = await store.headPosition();
          const kept = await held.read(store, { years, upTo });
          expect(JSON.stringify(kept.farmYears)).toBe(JSON.stringify((await readWhatIfRecord(store, { years, upTo })).farmYears));
        }
        held.forget();
      }),
      { numRuns: 200 },
    );
  });

  it('held inputs let go are collected: nothing else keeps the last record', async () => {
    const store = await logOf([{ t: 'register', farm: 'nl-a', g: 40 }, { t: 'submit', farm: 'nl-a', year: 2024, id: 's1', source: 'klw', kg: 1000, n: 100 }]);
    const held = new HeldWhatIfInputs(60_000);
    const record = new WeakRef(await held.read(store, { years, upTo: 2 }));
    held.forget();
    await new Promise((resolve) => setTimeout(resolve, 0));
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    expect(record.deref()).toBeUndefined();
  });

  it('the budget reserved per scheme is what the grants reserved less what was released', async () => {
    const store = await logOf([
      { t: 'grant', app: 'a1', cents: 1000 },
      { t: 'grant', app: 'a2', cents: 700 },
      { t: 'release', app: 'a1', cents: 200 },
      { t: 'release', app: 'a1', cents: 300 },
      { t: 'release', app: 'a2', cents: 700 },
    ]);
    const record = await readWhatIfRecord(store, { years, upTo: 5 });
    expect(record.reservedCents.get('drenthe-2025')).toBe(700);
  });
});

/** A store that notes the positions of every event it hands out, and a snapshot that counts its loads. */
const watched = (store: InMemoryEventStore) => {
  const read: number[] = [];
  const readAll: InMemoryEventStore['readAll'] = async (options) => {
    const events = await store.readAll(options);
    read.push(...events.map((e) => e.position));
    return events;
  };
  return { store: Object.assign(Object.create(store) as InMemoryEventStore, { readAll }), read };
};
const counted = (snapshot: WhatIfInputSnapshot) => {
  let loads = 0;
  let saves = 0;
  return {
    saved: { load: (s: Parameters<WhatIfInputSnapshot['load']>[0], upTo: number) => (loads++, snapshot.load(s, upTo)), save: (f: Parameters<WhatIfInputSnapshot['save']>[0]) => (saves++, snapshot.save(f)) },
    loads: () => loads,
    saves: () => saves,
  };
};

describe('a warm process: the what-if inputs loaded at its start (D71)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-whatif-warm-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const registered = (farm: string, g: number): Fact => ({ t: 'register', farm, g });
  const submitted = (farm: string, year: number, id: string, kg: number): Fact => ({ t: 'submit', farm, year, id, source: 'klw', kg, n: 100 });
  const appended = async (store: InMemoryEventStore, f: Fact) => {
    const [stream, e] = toEvent(f);
    await store.append(stream, [e], 'any');
  };

  it("a warm process's first run reads only the tail appended since the warm-up, and reads what a whole read reads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fact, { minLength: 1, maxLength: 30 }), fc.array(fact, { maxLength: 10 }), async (before, tail) => {
        const base = await logOf(before);
        const { store, read } = watched(base);
        const held = new HeldWhatIfInputs(Infinity);
        await held.warm(store);
        const warmedTo = await base.headPosition();
        for (const f of tail) await appended(base, f);
        read.length = 0;
        const head = await base.headPosition();
        const run = await held.read(store, { years, upTo: head });
        // Besides the tail, only the one event that tells the held fold's log is this log.
        expect(read.filter((p) => p <= warmedTo).length).toBeLessThanOrEqual(1);
        const whole = await readWhatIfRecord(base, { years, upTo: head });
        expect(run).toEqual(whole);
        expect(JSON.stringify(run.farmYears)).toBe(JSON.stringify(whole.farmYears));
        held.forget();
      }),
      { numRuns: 100 },
    );
  });

  it('the warm-up derives the farm-years of every year folded: a run over them gets those objects, and they are not let go', async () => {
    const base = await logOf([registered('nl-a', 40), submitted('nl-a', 2023, 's1', 1000), submitted('nl-a', 2025, 's2', 2000)]);
    const { store, read } = watched(base);
    const held = new HeldWhatIfInputs(Infinity);
    await held.warm(store);
    // A timer of Infinity ms would fire at once: wait past it.
    const later = () => new Promise((resolve) => setTimeout(resolve, 20));
    await later();
    read.length = 0;
    const first = await held.read(store, { years, upTo: 3 });
    // Still held: only the check that the log holds the fold's last event is read.
    expect(read).toEqual([3]);
    await later();
    expect(await held.read(store, { years, upTo: 3 })).toBe(first);
    expect(first).toEqual(await readWhatIfRecord(base, { years, upTo: 3 }));
    held.forget();
  });

  it('a run asked during the warm-up waits for it, is told its progress, and the inputs are loaded once', async () => {
    const base = await logOf([registered('nl-a', 40), registered('nl-b', 30), submitted('nl-a', 2024, 's1', 1000), submitted('nl-b', 2024, 's2', 2000)]);
    const { store, read } = watched(base);
    const snapshot = counted(new WhatIfInputSnapshot(join(dir, 'inputs.v8')));
    const held = new HeldWhatIfInputs(Infinity);
    const warming = held.warm(store, { snapshot: snapshot.saved });
    const told: number[] = [];
    const run = await held.read(store, { years, upTo: 4, snapshot: snapshot.saved, onProgress: (n) => told.push(n) });
    await warming;
    expect(told).toContain(4);
    // Every event read once by the warm-up, plus the check that the log still holds the held fold's last event.
    expect(read.filter((p) => p === 1)).toHaveLength(1);
    expect(read.filter((p) => p === 4).length).toBeLessThanOrEqual(2);
    expect(snapshot.loads()).toBe(1);
    expect(run).toEqual(await readWhatIfRecord(base, { years, upTo: 4 }));
    held.forget();
  });

  it('a restart warms again: from the snapshot the last process saved and the tail after it, not the whole log', async () => {
    const base = await logOf([registered('nl-a', 40), submitted('nl-a', 2024, 's1', 1000), submitted('nl-a', 2025, 's2', 1500)]);
    const path = join(dir, 'inputs.v8');
    const before = new HeldWhatIfInputs(Infinity);
    await before.warm(base, { snapshot: new WhatIfInputSnapshot(path) });
    before.forget();
    // While the process is down the record grows.
    await appended(base, submitted('nl-a', 2024, 's3', 1200));
    const { store, read } = watched(base);
    const snapshot = counted(new WhatIfInputSnapshot(path));
    const restarted = new HeldWhatIfInputs(Infinity);
    await restarted.warm(store, { snapshot: snapshot.saved });
    expect(snapshot.loads()).toBe(1);
    expect(read.filter((p) => p < 3)).toEqual([]);
    read.length = 0;
    const run = await restarted.read(store, { years, upTo: 4, snapshot: snapshot.saved });
    expect(read.filter((p) => p !== 4)).toEqual([]);
    expect(snapshot.loads()).toBe(1);
    expect(run).toEqual(await readWhatIfRecord(base, { years, upTo: 4 }));
    restarted.forget();
    // The warm-up saved what it read past the snapshot; a held fold following a short tail does not save
    // (D74: the next start reads that tail again), and the start after reads what a whole read reads.
    expect(snapshot.saves()).toBe(1);
    const live = new HeldWhatIfInputs(Infinity);
    await live.warm(base, { snapshot: snapshot.saved });
    await appended(base, submitted('nl-a', 2025, 's4', 900));
    await live.read(base, { years, upTo: 5, snapshot: snapshot.saved });
    expect(snapshot.saves()).toBe(1);
    live.forget();
    const again = new HeldWhatIfInputs(Infinity);
    expect(await again.read(base, { years, upTo: 5, snapshot: snapshot.saved })).toEqual(await readWhatIfRecord(base, { years, upTo: 5 }));
    again.forget();
  });
});
