import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyParameterChanges,
  assessLevy,
  balanceBasis,
  balanceParametersV1,
  buildWhatIfReport,
  checkTolerancesV1,
  drenthe2025NormSet,
  minas2003,
  readScenario,
  resolveNamedPath,
  scoreRecordedInputs,
  type FarmYearInputs,
  type NormSetDocument,
} from '@asb/domain';
import type { EvaluationPlan } from './evaluate-farm-years';
import { FarmYearShards } from './farm-year-shards';
import { decodeRows, encodeRows } from './what-if-rows-codec';

/** Farm-years that differ in size, milk and surplus, some with sources for the cross-source checks. */
const farmYears = Array.from({ length: 60 }, (_, i): FarmYearInputs => {
  const landUse = { grasslandHa: 20 + i, maizeHa: i % 7, arableHa: 0 };
  const indicators: Record<string, number | boolean> = { 'nSoilSurplusKgHa.grassland': 60 + i * 2, 'nSoilSurplusKgHa.maize': 40 + i, nh3KgHa: 30 + (i % 20), ghgGCo2eqKgFpcm: 800 + i, grazingHours: 900 };
  const score = scoreRecordedInputs({ landUse, peatSharePct: i % 5 === 0 ? 20 : 0, indicators, priorBiodiversityPaid: false }, drenthe2025NormSet);
  const levyInputs = { values: { nFarmSurplusKgHa: { value: 150 + i * 3, quality: 'calculated' as const } }, landUse, livestockUnits: 80 + i, fpcmKg: null };
  const levy = assessLevy(levyInputs, minas2003);
  const submissions = [
    { submissionId: 'klw', eventId: `k${i}`, recordedAt: 't', data: { source: 'klw' as const, sourceDocumentId: 'k', landUse, flows: [{ kind: 'concentrates' as const, kgProduct: 100_000 + i * 1000, nContentGPerKg: 28, quality: 'registered' as const }, { kind: 'milk' as const, kgProduct: 500_000 + i * 9000, proteinPct: 3.4, fatPct: 4.4, quality: 'measured' as const }] } },
    { submissionId: 'zuivel', eventId: `z${i}`, recordedAt: 't', data: { source: 'dairy-processor' as const, sourceDocumentId: 'z', flows: [{ kind: 'milk' as const, kgProduct: Math.round((500_000 + i * 9000) * (1 - (i % 8) / 200)), proteinPct: 3.4, fatPct: 4.4, quality: 'measured' as const }] } },
  ];
  return {
    farmId: `nl-${String(i).padStart(3, '0')}`,
    year: 2024 + (i % 2),
    province: i % 3 ? 'Drenthe' : 'Friesland',
    landUse,
    livestockUnits: 80 + i,
    peatSharePct: i % 5 === 0 ? 20 : 0,
    indicators: Object.fromEntries(Object.entries(indicators).map(([k, v]) => [k, { value: v, quality: 'calculated' as const }])),
    balance: balanceBasis(submissions, landUse, balanceParametersV1.parameters),
    scores: [{ scheme: 'drenthe-2025', normSet: { id: 'drenthe-2025', version: 1 }, totalCents: score.totalCents, kpis: score.kpis, indicators, quality: {}, landUse, peatSharePct: i % 5 === 0 ? 20 : 0, priorBiodiversityPaid: false }],
    levies: [{ levyId: 'minas-2003', normSet: { id: 'minas-2003', version: minas2003.version }, totalCents: levy.totalCents, parts: Object.fromEntries(levy.lines.map((l) => [l.componentId, l.amountCents])), levied: Object.fromEntries(levy.lines.map((l) => [l.componentId, Number(l.excess) > 0])), inputs: levyInputs }],
    sources: i % 2 ? { submissions, counterparts: [] } : null,
  };
});

const change = <P extends object>(doc: NormSetDocument<P>, path: string, value: string): NormSetDocument<P> => ({ ...doc, parameters: applyParameterChanges(doc.parameters, [{ path: resolveNamedPath(doc.parameters, path, 'p'), value }]).parameters as P });
const scenario = readScenario({ name: 'three kinds, sampled', years: { from: 2024, to: 2025 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: 'x', value: '1' }] }], uncertainty: { samples: 3, seed: 5 } });
const drafted = new Map(
  [
    [drenthe2025NormSet, change(drenthe2025NormSet, 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold', '90')],
    [balanceParametersV1, change(balanceParametersV1, 'milkProteinToNitrogenFactor', '6.25')],
    [checkTolerancesV1, change(checkTolerancesV1, 'milkDelivered.relativePct.blockAbove', '2')],
  ].map(([base, hypothetical]) => [base.normSetId, new Map([2024, 2025].map((y) => [y, { base: base as NormSetDocument, hypothetical: hypothetical as NormSetDocument }]))]),
);
const plan: EvaluationPlan = { scenario, drafted, normSets: new Map<string, NormSetDocument[]>([['drenthe-2025', [drenthe2025NormSet]], ['minas-2003', [minas2003]]]), pseudonymKey: 'k' };
// Groups of one are shown (minimum 1): the comparison is of every figure, none suppressed to null (D69).
/** Farm-years on `threads` threads, the workers ended after (a test's shards are not kept). */
const evaluateInParallel = async (p: EvaluationPlan, fys: readonly FarmYearInputs[], onProgress: (done: number) => void, options: { threads: number; worker?: { path: string } }) => {
  const shards = new FarmYearShards(options);
  try {
    return await shards.evaluate(p, fys, onProgress);
  } finally {
    await shards.close();
  }
};
const report = (rows: Parameters<typeof buildWhatIfReport>[0]['rows']) => JSON.stringify(buildWhatIfReport({ scenario, logPosition: 1, changes: [], rows, budgets: [], minGroupSize: 1 }));

describe('farm-years evaluated in worker threads (D60)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'asb-whatif-worker-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('give the report one thread gives, byte for byte, whatever the split', async () => {
    const progress: number[] = [];
    const one = await evaluateInParallel(plan, farmYears, () => undefined, { threads: 1 });
    // The worker from its TypeScript source, through tsx (the built one is a .js beside the service).
    const worker = { path: join(dir, 'worker.js') };
    writeFileSync(worker.path, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(join(__dirname, 'what-if-worker.ts'))});\n`);
    const two = await evaluateInParallel(plan, farmYears, (done) => void progress.push(done), { threads: 2, worker });
    const three = await evaluateInParallel(plan, farmYears, () => undefined, { threads: 3, worker });
    expect(report(two)).toBe(report(one));
    expect(report(three)).toBe(report(one));
    expect(progress.at(-1)).toBe(farmYears.length);
    // The scenario moves something, so the comparison compares something.
    const parsed = JSON.parse(report(one));
    expect(parsed.findings.farmYearsNewlyBlocked).toBeGreaterThan(0);
    expect(parsed.totals.find((t: { measure: string }) => t.measure === 'subsidyCents').delta).not.toBe(0);
  });

  it('keep their shard between runs: only farm-years that are not the objects last sent go out again, and every run gives one thread\'s report (D74)', async () => {
    const worker = { path: join(dir, 'kept-worker.js') };
    writeFileSync(worker.path, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(join(__dirname, 'what-if-worker.ts'))});\n`);
    for (const threads of [2, 3]) {
      const shards = new FarmYearShards({ threads, worker });
      try {
        const official: EvaluationPlan = { ...plan, scenario: { ...scenario, drafts: [], uncertainty: { samples: 0, seed: 0 } }, drafted: new Map() };
        // The warm-up: every worker is given its shard once, and no rows come back.
        expect(await shards.evaluate(official, farmYears, () => undefined, { rows: false })).toEqual([]);
        const given = shards.stats.sentFarmYears;
        expect(given).toBeGreaterThan(0);
        expect(given).toBeLessThan(farmYears.length);
        expect(report(await shards.evaluate(plan, farmYears, () => undefined))).toBe(report(await evaluateInParallel(plan, farmYears, () => undefined, { threads: 1 })));
        expect(shards.stats.sentFarmYears).toBe(given);
        // A live ledger's tail: two farm-years derived again (new objects), one new to the record, one gone.
        const moved = farmYears.map((f, i) => (i === 7 || i === 40 ? { ...f, livestockUnits: (f.livestockUnits ?? 0) + 30, indicators: { ...f.indicators, nh3KgHa: { value: 99, quality: 'self-declared' as const } } } : f)).filter((_, i) => i !== 12);
        const added = [...moved, { ...farmYears[3], farmId: 'nl-new' }];
        const progress: number[] = [];
        const after = await shards.evaluate(plan, added, (done) => void progress.push(done));
        expect(report(after)).toBe(report(await evaluateInParallel(plan, added, () => undefined, { threads: 1 })));
        expect(after).toHaveLength(added.length);
        expect(progress.at(-1)).toBe(added.length);
        // Sent: at most the three farm-years that are new objects (those of shard 0 stay on this thread).
        expect(shards.stats.sentFarmYears - given).toBeLessThanOrEqual(3);
        expect(shards.stats.rowBytes).toBeGreaterThan(0);
      } finally {
        await shards.close();
      }
    }
  });

  it("a run that failed on this thread leaves no worker's answer to the next run: the next run gets its own rows (D74)", async () => {
    const worker = { path: join(dir, 'failing-worker.js') };
    writeFileSync(worker.path, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(join(__dirname, 'what-if-worker.ts'))});\n`);
    const shards = new FarmYearShards({ threads: 2, worker });
    try {
      // A farm-year whose score names a version not in the log fails the run; it is put first, and it evaluates on this thread (shard 0).
      const onThisThread = (farmId: string) => {
        let h = 0x811c9dc5;
        for (let i = 0; i < farmId.length; i++) h = Math.imul(h ^ farmId.charCodeAt(i), 0x01000193);
        return (h >>> 0) % 2 === 0;
      };
      const poisoned = Array.from({ length: 50 }, (_, i) => ({ ...farmYears[0], farmId: `nl-p${i}`, scores: [{ ...farmYears[0].scores[0], normSet: { id: 'drenthe-2025', version: 99 } }] })).filter((f) => onThisThread(f.farmId));
      expect(poisoned.length).toBeGreaterThan(0);
      await expect(shards.evaluate(plan, [...poisoned, ...farmYears], () => undefined)).rejects.toThrow(/version 99/);
      // The next run, another plan (another pseudonym key): each of its rows is its own.
      const next: EvaluationPlan = { ...plan, pseudonymKey: 'another key' };
      const rows = await shards.evaluate(next, farmYears, () => undefined);
      const alone = await evaluateInParallel(next, farmYears, () => undefined, { threads: 1 });
      expect(rows.map((r) => r.farm).sort()).toEqual(alone.map((r) => r.farm).sort());
      expect(report(rows)).toBe(report(alone));
    } finally {
      await shards.close();
    }
  });

  it('are ended only after the runs asked before: a close while a run waits its turn does not end that run\'s workers (D74)', async () => {
    const worker = { path: join(dir, 'queued-worker.js') };
    writeFileSync(worker.path, `require(${JSON.stringify(require.resolve('tsx/cjs'))});\nrequire(${JSON.stringify(join(__dirname, 'what-if-worker.ts'))});\n`);
    const shards = new FarmYearShards({ threads: 2, worker });
    try {
      const alone = report(await evaluateInParallel(plan, farmYears, () => undefined, { threads: 1 }));
      // The second run is queued behind the first; the close (on demand, after a run) is asked while the first runs.
      let closed: Promise<void> | null = null;
      const first = shards.evaluate(plan, farmYears, () => void (closed ??= shards.close()));
      const second = shards.evaluate(plan, farmYears, () => undefined);
      expect(report(await first)).toBe(alone);
      expect(report(await second)).toBe(alone);
      expect(closed).not.toBeNull();
      await closed;
      // A run after the close starts workers again.
      expect(report(await shards.evaluate(plan, farmYears, () => undefined))).toBe(alone);
    } finally {
      await shards.close();
    }
  });

  it('come back encoded and read back as they were, key order and nulls included (D74)', async () => {
    const rows = await evaluateInParallel(plan, farmYears, () => undefined, { threads: 1 });
    const odd = { ...rows[0], province: null, samples: [], official: { ...rows[0].official, nSurplusKg: null, co2eKg: -0, blocking: ['a:b', 'a:b'] } };
    for (const list of [rows, [odd], []]) {
      const back = decodeRows(encodeRows(list));
      expect(back).toEqual(list);
      expect(JSON.stringify(back)).toBe(JSON.stringify(list));
    }
    expect(Object.is(decodeRows(encodeRows([odd]))[0].official.co2eKg, -0)).toBe(true);
    // The plan draws samples and blocks findings: the rows hold every kind of value the encoding writes.
    expect(rows.some((r) => r.samples.length && r.official.blocking.length && Object.values(r.hypothetical.levied).includes(true))).toBe(true);
  });

  it('give the report computing every part of a drafted result gives, byte for byte (D65)', async () => {
    const levyDrafted: EvaluationPlan = {
      ...plan,
      scenario: { ...scenario, uncertainty: { samples: 0, seed: 5 } },
      drafted: new Map([...drafted, ['minas-2003', new Map([2024, 2025].map((y) => [y, { base: minas2003 as NormSetDocument, hypothetical: change(minas2003, 'components[n-surplus].levyFreeLevelByLandUse.grassland', '190') as NormSetDocument }]))]]),
    };
    for (const p of [plan, levyDrafted]) {
      const kept = await evaluateInParallel(p, farmYears, () => undefined, { threads: 1 });
      const every = await evaluateInParallel({ ...p, everyPart: true }, farmYears, () => undefined, { threads: 1 });
      expect(report(kept)).toBe(report(every));
    }
    const parsed = JSON.parse(report(await evaluateInParallel(levyDrafted, farmYears, () => undefined, { threads: 1 })));
    expect(parsed.totals.find((t: { measure: string }) => t.measure === 'levyCents').delta).not.toBe(0);
  });
});
