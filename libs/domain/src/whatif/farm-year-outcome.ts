import Decimal from 'decimal.js';
import type { BalanceParameters } from '../balance/balance-parameters';
import type { ActiveSubmission } from '../balance/compute-balance';
import { severityOf } from '../checks/check-outcome';
import type { CheckOutcome } from '../checks/check-outcome';
import { milkNitrogenCheck, readCrossSourceInput, sourceComparisons, type CounterpartFarmYear, type CrossSourceInput } from '../checks/run-checks';
import { assertNever } from '../shared/decider';
import type { CheckTolerances } from '../checks/check-tolerances';
import type { LandUse } from '../farm/farm';
import { assessLevy, reassessLevyParts, type LevyInputs } from '../levy/assess-levy';
import type { LevyNorms } from '../levy/levy-norms';
import type { NormSetDocument, NormSetRef } from '../norms/norm-set';
import { rescoreRecordedInputs, scoreRecordedInputs } from '../score/score';
import { flattenIndicators } from '../score/score-scheme';
import type { KpiRule, SchemeNorms } from '../score/scheme-norms';
import type { QualityClass } from '../submission/data-source';
import { balanceFigures, type BalanceBasis } from './balance-basis';
import type { Simplification } from './scenario';
import { sampleWithin, type Margins } from './uncertainty';
import { partsToRecompute } from './parts-to-recompute';
import { compareToDecimal } from '../shared/compare-to-decimal';

export { compareToDecimal };

type Valued = Readonly<{ value: number | boolean; quality: QualityClass }>;

/** A farm-year as the what-if reads it: the official results with their recorded inputs, and the balance's basis. */
export type FarmYearInputs = Readonly<{
  farmId: string;
  year: number;
  province: string | null;
  /** The farm's registered soil types (absent: not registered), for the breakdown by soil only. */
  soilTypes?: readonly string[];
  landUse: LandUse | null;
  livestockUnits: number | null;
  peatSharePct: number;
  /** Every indicator by the balance precedence, with its quality class (for margins and the checks). */
  indicators: Readonly<Record<string, Valued>>;
  balance: BalanceBasis | null;
  scores: ReadonlyArray<Readonly<{ scheme: string; normSet: NormSetRef; totalCents: number; kpis: Readonly<Record<string, number>>; indicators: Readonly<Record<string, number | boolean>>; quality: Readonly<Record<string, QualityClass>>; landUse: LandUse; peatSharePct: number; priorBiodiversityPaid: boolean }>>;
  levies: ReadonlyArray<Readonly<{ levyId: string; normSet: NormSetRef; totalCents: number; parts: Readonly<Record<string, number>>; levied: Readonly<Record<string, boolean>>; inputs: LevyInputs }>>;
  /** What the cross-source checks compare: the active submissions and those of the manure counterparts (null: none read). */
  sources: Readonly<{ submissions: readonly ActiveSubmission[]; counterparts: readonly CounterpartFarmYear[] }> | null;
}>;

/** The norm documents one farm-year is evaluated under: official and hypothetical, per norm set. */
export type EvaluationNorms = Readonly<{
  /** A scheme or levy document by reference (the version a recorded result names). */
  document: (ref: NormSetRef) => NormSetDocument<any>;
  /** The hypothetical version of a drafted norm set for the year; null when not drafted. */
  drafted: (normSetId: string, year: number) => NormSetDocument<any> | null;
  /** Drafted schemes and levies that farm-years without a recorded result are evaluated under. */
  draftedSchemes: (year: number) => ReadonlyArray<Readonly<{ official: NormSetDocument<SchemeNorms>; hypothetical: NormSetDocument<SchemeNorms> }>>;
  draftedLevies: (year: number) => ReadonlyArray<Readonly<{ official: NormSetDocument<LevyNorms>; hypothetical: NormSetDocument<LevyNorms> }>>;
  balance: (year: number, which: 'official' | 'hypothetical') => BalanceParameters;
  tolerances: (year: number, which: 'official' | 'hypothetical') => CheckTolerances | null;
  /**
   * Compute every part of a drafted result again, as before D65, instead of only the parts a draft or
   * a moved figure touches (the rest standing as recorded). The same report either way (tested); for
   * that comparison.
   */
  everyPart?: boolean;
  /** Compute a farm-year's official outcome again rather than take the one kept from an earlier run (D75): for comparing with the default. */
  officialAgain?: boolean;
}>;

/** What a farm-year comes to under one set of norms: money, kilograms and blocking findings. */
export type FarmYearOutcome = Readonly<{
  subsidyCents: number;
  levyCents: number;
  /** `scheme/kpi` and `levy/component` amounts in cents. */
  parts: Readonly<Record<string, number>>;
  /** `levy/component` → true when the figure is above the levy-free level (plus margin). */
  levied: Readonly<Record<string, boolean>>;
  nSurplusKg: number | null;
  p2o5SurplusKg: number | null;
  nh3Kg: number | null;
  co2eKg: number | null;
  /** Subjects of findings that would block forwarding: the cross-source checks, the farm N surplus check, plausibility ranges. */
  blocking: readonly string[];
  /** The tier reached per `scheme/kpi` (per land use: `scheme/kpi.grassland`), numbered from 1, best first; 0: none. */
  tiers: Readonly<Record<string, number>>;
}>;

export const OUTCOME_MEASURES = ['subsidyCents', 'levyCents', 'nSurplusKg', 'p2o5SurplusKg', 'nh3Kg', 'co2eKg'] as const;
export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number];

const round2 = (n: number) => Math.round(n * 100) / 100;
const areaOf = (l: LandUse | null) => (l ? l.grasslandHa + l.maizeHa + l.arableHa : null);

/** The inputs with the scenario's simplifications applied (action 12): weak figures replaced by a default. */
export const simplify = (f: FarmYearInputs, simplifications: readonly Simplification[]): FarmYearInputs => {
  if (!simplifications.length) return f;
  const replace = (key: string, quality: QualityClass | undefined) => simplifications.find((s) => s.indicator === key && quality !== undefined && s.qualities.includes(quality));
  const indicators: Record<string, Valued> = {};
  for (const [k, v] of Object.entries(f.indicators)) {
    const s = replace(k, v.quality);
    indicators[k] = s && typeof v.value === 'number' ? { value: s.value, quality: 'default' } : v;
  }
  const scores = f.scores.map((sc) => {
    const values: Record<string, number | boolean> = { ...sc.indicators };
    const quality: Record<string, QualityClass> = { ...sc.quality };
    for (const [k, v] of Object.entries(sc.indicators)) {
      const s = replace(k, sc.quality[k]);
      if (s && typeof v === 'number') {
        values[k] = s.value;
        quality[k] = 'default';
      }
    }
    return { ...sc, indicators: values, quality };
  });
  const levies = f.levies.map((l) => {
    const values: Record<string, { value: number; quality: QualityClass }> = {};
    for (const [k, v] of Object.entries(l.inputs.values)) {
      if (!v) continue;
      const s = replace(k, v.quality);
      values[k] = s ? { value: s.value, quality: 'default' } : v;
    }
    return { ...l, inputs: { ...l.inputs, values } };
  });
  return { ...f, indicators, scores, levies };
};

/** The inputs drawn once within their margins (D51): every number with a quality class. */
export const perturb = (f: FarmYearInputs, margins: Margins, random: () => number): FarmYearInputs => {
  const indicators: Record<string, Valued> = {};
  for (const k of Object.keys(f.indicators).sort()) {
    const v = f.indicators[k];
    indicators[k] = typeof v.value === 'number' ? { value: sampleWithin(v.value, v.quality, margins, random), quality: v.quality } : v;
  }
  const scores = f.scores.map((sc) => {
    const values: Record<string, number | boolean> = {};
    for (const k of Object.keys(sc.indicators).sort()) {
      const v = sc.indicators[k];
      values[k] = typeof v === 'number' ? sampleWithin(v, sc.quality[k] ?? 'default', margins, random) : v;
    }
    return { ...sc, indicators: values };
  });
  const levies = f.levies.map((l) => {
    const values: Record<string, { value: number; quality: QualityClass }> = {};
    for (const k of Object.keys(l.inputs.values).sort()) {
      const v = l.inputs.values[k];
      if (v) values[k] = { value: sampleWithin(v.value, v.quality, margins, random), quality: v.quality };
    }
    return { ...l, inputs: { ...l.inputs, values } };
  });
  const balance: BalanceBasis | null = f.balance && {
    ...f.balance,
    flows: f.balance.flows.map((x) => ({ ...x, nKg: String(sampleWithin(Number(x.nKg), x.quality, margins, random)), p2o5Kg: String(sampleWithin(Number(x.p2o5Kg), x.quality, margins, random)) })),
    milk: f.balance.milk.map((m) => ({ ...m, kg: sampleWithin(m.kg, m.quality, margins, random) })),
  };
  return { ...f, indicators, scores, levies, balance };
};

const num = (v: Valued | undefined) => (v && typeof v.value === 'number' ? v.value : null);

/**
 * Results that depend only on objects a run shares between evaluations (a basis or the indicators of a
 * farm-year, a parameters document): computed once per pair. A sample draws new inputs, so it never
 * meets a cached pair; the official and the hypothetical evaluation of a farm-year under an undrafted
 * parameter set do.
 */
const pairCache = <K extends object, P extends object, V>() => {
  const cache = new WeakMap<K, WeakMap<P, V>>();
  return (key: K, params: P, make: () => V): V => {
    let inner = cache.get(key);
    if (!inner) cache.set(key, (inner = new WeakMap()));
    if (inner.has(params)) return inner.get(params)!;
    const v = make();
    inner.set(params, v);
    return v;
  };
};
const figuresCache = pairCache<BalanceBasis, BalanceParameters, ReturnType<typeof balanceFigures>>();
const rangesCache = pairCache<object, object, string[]>();
const tiersCache = pairCache<object, object, Record<string, number>>();
const readSources = new WeakMap<object, CrossSourceInput>();
const comparisonsCache = pairCache<object, object, string[]>();
const milkNitrogenCache = pairCache<object, object, Map<string, string[]>>();

/**
 * Subjects the cross-source checks (libs/domain/src/checks) find blocking under these tolerances and
 * this milk protein factor. The submissions are read once per farm-year, checks 1–3 once per set of
 * tolerances and milk nitrogen once per factor: samples and undrafted sets meet the cache.
 */
const crossSourceBlocking = (f: FarmYearInputs, tolerances: CheckTolerances, factor: string): string[] => {
  if (!f.sources) return [];
  let input = readSources.get(f.sources);
  if (!input) readSources.set(f.sources, (input = readCrossSourceInput({ farmId: f.farmId, year: f.year, submissions: f.sources.submissions, counterparts: f.sources.counterparts, tolerances: null as never })));
  const read = input;
  const withTolerances = () => ({ ...read, tolerances: { parameters: tolerances } as NormSetDocument<CheckTolerances> });
  const blockingOf = (outcomes: readonly CheckOutcome[]) => outcomes.filter((o) => o.severity === 'blocking').map((o) => `${o.checkId}:${o.subject}`);
  const compared = comparisonsCache(read, tolerances, () => blockingOf(sourceComparisons(withTolerances())));
  const byFactor = milkNitrogenCache(read, tolerances, () => new Map());
  let milkN = byFactor.get(factor);
  if (!milkN) byFactor.set(factor, (milkN = blockingOf(milkNitrogenCheck(withTolerances(), factor))));
  return [...compared, ...milkN].sort();
};

/**
 * The tier each KPI reached (numbered from 1, as the regulation numbers them; 0: none), read from the
 * amount it paid — the first tier paying that amount — and, for a KPI per land use, from each land
 * use's value after the peat correction. A yes/no KPI has no tiers.
 */
export const tiersReached = (
  norms: SchemeNorms,
  kpis: Readonly<Record<string, number>>,
  input: Readonly<{ landUse: LandUse; peatSharePct: number; indicators: Readonly<Record<string, number | boolean>> }>,
  standing?: Readonly<{ tiers: Readonly<Record<string, number>>; again: ReadonlySet<string> }>,
): Record<string, number> => {
  const out: Record<string, number> = {};
  const stands = (rule: KpiRule) => {
    // A KPI whose rule and inputs did not change reached the tiers it reached (same keys, same order).
    if (!standing || standing.again.has(rule.id)) return false;
    for (const key of [`${norms.scheme}/${rule.id}`, ...(['grassland', 'maize', 'arable'] as const).map((l) => `${norms.scheme}/${rule.id}.${l}`)]) {
      if (Object.hasOwn(standing.tiers, key)) out[key] = standing.tiers[key];
    }
    return true;
  };
  const byAmount = (rule: Extract<KpiRule, { tiers: unknown }>) => rule.tiers.findIndex((t) => t.cents === (Object.hasOwn(kpis, rule.id) ? kpis[rule.id] : -1)) + 1;
  for (const rule of norms.kpis) {
    if (stands(rule)) continue;
    switch (rule.kind) {
      case 'threshold':
      case 'absoluteBand':
      case 'worstOf':
        out[`${norms.scheme}/${rule.id}`] = byAmount(rule);
        break;
      case 'areaWeighted': {
        // Without peat the value is the figure itself: compared with each exact threshold without a
        // Decimal (compareToDecimal, equivalent by its property test); with peat, corrected exactly.
        const correction = input.peatSharePct === 0 ? null : new Decimal(input.peatSharePct).times(rule.peatCorrectionPerPct);
        for (const landUse of ['grassland', 'maize', 'arable'] as const) {
          const ha = input.landUse[`${landUse}Ha`];
          const table = rule.landUses[landUse];
          const v = Object.hasOwn(input.indicators, table.indicator) ? input.indicators[table.indicator] : undefined;
          if (!(ha > 0) || typeof v !== 'number') continue;
          const value = correction && new Decimal(String(v)).minus(correction);
          out[`${norms.scheme}/${rule.id}.${landUse}`] = table.tiers.findIndex((t) => (value ? value.lte(t.threshold) : compareToDecimal(v, t.threshold) <= 0)) + 1;
        }
        break;
      }
      case 'oncePerScheme':
        break;
      default:
        assertNever(rule);
    }
  }
  return out;
};

type Which = 'official' | 'hypothetical';
/** What the norms give for one year: resolved once per evaluation norms and year, not per farm-year (D75). */
type YearNorms = Readonly<{
  balance: Readonly<Record<Which, BalanceParameters>>;
  tolerances: Readonly<Record<Which, CheckTolerances | null>>;
  schemes: ReturnType<EvaluationNorms['draftedSchemes']>;
  levies: ReturnType<EvaluationNorms['draftedLevies']>;
}>;
const resolvedYears = new WeakMap<EvaluationNorms, Map<number, YearNorms>>();
const yearNorms = (norms: EvaluationNorms, year: number): YearNorms => {
  let years = resolvedYears.get(norms);
  if (!years) resolvedYears.set(norms, (years = new Map()));
  let y = years.get(year);
  if (!y) {
    y = {
      balance: { official: norms.balance(year, 'official'), hypothetical: norms.balance(year, 'hypothetical') },
      tolerances: { official: norms.tolerances(year, 'official'), hypothetical: norms.tolerances(year, 'hypothetical') },
      schemes: norms.draftedSchemes(year),
      levies: norms.draftedLevies(year),
    };
    years.set(year, y);
  }
  return y;
};

/** Stands for "no check tolerances" among the objects an official outcome was computed from. */
const NO_TOLERANCES = {};

/**
 * The objects a farm-year's official outcome is a pure function of, besides the farm-year: the official
 * balance parameters and tolerances of its year, the documents its recorded scores name (their tiers), and
 * the official versions of drafted schemes and levies it has no recorded result for (computed under them).
 */
const officialSources = (f: FarmYearInputs, norms: EvaluationNorms, from: object[]): object[] => {
  const y = yearNorms(norms, f.year);
  from.length = 0;
  from.push(y.balance.official, y.tolerances.official ?? NO_TOLERANCES);
  for (const sc of f.scores) from.push(norms.document(sc.normSet));
  if (f.landUse) {
    for (const pair of y.schemes) if (!f.scores.some((s) => s.normSet.id === pair.official.normSetId)) from.push(pair.official);
    for (const pair of y.levies) if (!f.levies.some((l) => l.normSet.id === pair.official.normSetId)) from.push(pair.official);
  }
  return from;
};
/** Filled for each lookup (a copy kept only with a new outcome): no array per farm-year. */
const sources: object[] = [];

/**
 * Each farm-year's last official outcome, with the objects it was computed from (D75). A run after
 * another (or after the warm-up, D71) on a record that did not move meets the same farm-year and the
 * same documents, and so the outcome computed before: it is not computed, nor allocated, again. An
 * outcome is never changed after it is made (the report only reads it), so runs may share it.
 */
const officialOutcomes = new WeakMap<FarmYearInputs, Readonly<{ from: readonly object[]; outcome: FarmYearOutcome }>>();

/**
 * One farm-year under the official or the hypothetical norms. Official money is what the record
 * holds when `recorded` (never recomputed); otherwise it is computed under the documents that govern.
 */
export const evaluateFarmYear = (f: FarmYearInputs, norms: EvaluationNorms, which: 'official' | 'hypothetical', recordedInputs = false): FarmYearOutcome => {
  if (which === 'hypothetical' || norms.officialAgain) return computeFarmYear(f, norms, which, recordedInputs);
  const from = officialSources(f, norms, sources);
  const kept = officialOutcomes.get(f);
  if (kept && kept.from.length === from.length && kept.from.every((o, i) => o === from[i])) return kept.outcome;
  const copy = [...from];
  const outcome = computeFarmYear(f, norms, 'official', recordedInputs);
  officialOutcomes.set(f, { from: copy, outcome });
  return outcome;
};

const computeFarmYear = (f: FarmYearInputs, norms: EvaluationNorms, which: 'official' | 'hypothetical', recordedInputs: boolean): FarmYearOutcome => {
  const parts: Record<string, number> = {};
  const levied: Record<string, boolean> = {};
  const y = yearNorms(norms, f.year);
  const balanceParams = y.balance[which];
  const figures = f.balance ? figuresCache(f.balance, balanceParams, () => balanceFigures(f.balance!, balanceParams)) : null;
  // The recorded result stands where neither its norm set nor its inputs changed (`recordedInputs`).
  const recorded = (normSetId: string) => which === 'official' || (recordedInputs && norms.drafted(normSetId, f.year) === null);
  let subsidy = 0;
  let tiers: Record<string, number> = {};
  for (const sc of f.scores) {
    if (recorded(sc.normSet.id)) {
      subsidy += sc.totalCents;
      for (const [k, c] of Object.entries(sc.kpis)) parts[`${sc.scheme}/${k}`] = c;
      tiers = { ...tiers, ...tiersCache(sc, norms.document(sc.normSet), () => tiersReached(norms.document(sc.normSet).parameters, sc.kpis, sc)) };
      continue;
    }
    const doc = norms.drafted(sc.normSet.id, f.year) ?? norms.document(sc.normSet);
    const inputs = { landUse: sc.landUse, peatSharePct: sc.peatSharePct, indicators: sc.indicators, priorBiodiversityPaid: sc.priorBiodiversityPaid };
    // On the recorded inputs only the KPIs the draft changed are scored again (D65); the rest stand.
    const recordedDoc = norms.document(sc.normSet);
    const again = recordedInputs && !norms.everyPart ? partsToRecompute('scheme-scoring', recordedDoc.parameters, doc.parameters, []) : null;
    const r = again ? rescoreRecordedInputs(inputs, doc, sc.kpis, again) : scoreRecordedInputs(inputs, doc);
    subsidy += r.totalCents;
    for (const [k, c] of Object.entries(r.kpis)) parts[`${sc.scheme}/${k}`] = c;
    const standing = again && { tiers: tiersCache(sc, recordedDoc, () => tiersReached(recordedDoc.parameters, sc.kpis, sc)), again };
    tiers = { ...tiers, ...tiersReached(doc.parameters, r.kpis, sc, standing ?? undefined) };
  }
  // A drafted scheme this farm-year has no recorded score for: computed from the balance's indicators.
  const scored = new Set(f.scores.map((s) => s.normSet.id));
  if (f.landUse) {
    for (const pair of y.schemes) {
      if (scored.has(pair.official.normSetId)) continue;
      const doc = pair[which];
      const indicators = Object.fromEntries(Object.entries(f.indicators).map(([k, v]) => [k, v.value]));
      const input = { landUse: f.landUse, peatSharePct: f.peatSharePct, indicators: flattenIndicators(indicators) as Record<string, number | boolean> };
      const r = scoreRecordedInputs({ ...input, priorBiodiversityPaid: false }, doc);
      subsidy += r.totalCents;
      for (const [k, c] of Object.entries(r.kpis)) parts[`${doc.parameters.scheme}/${k}`] = c;
      tiers = { ...tiers, ...tiersReached(doc.parameters, r.kpis, input) };
    }
  }
  let levy = 0;
  const assessed = new Set(f.levies.map((l) => l.normSet.id));
  const addLevy = (levyId: string, lines: ReadonlyArray<{ componentId: string; amountCents: number; excess: string }>, total: number) => {
    levy += total;
    for (const l of lines) {
      parts[`${levyId}/${l.componentId}`] = l.amountCents;
      levied[`${levyId}/${l.componentId}`] = new Decimal(l.excess).gt(0);
    }
  };
  for (const l of f.levies) {
    // FPCM is a balance figure: under other balance parameters the levy's basis moves with it.
    const fpcm = which === 'hypothetical' && figures?.fpcmKg != null && l.inputs.fpcmKg !== null ? figures.fpcmKg : l.inputs.fpcmKg;
    if (recorded(l.normSet.id) && fpcm === l.inputs.fpcmKg) {
      levy += l.totalCents;
      for (const [k, c] of Object.entries(l.parts)) parts[`${l.levyId}/${k}`] = c;
      for (const [k, v] of Object.entries(l.levied)) levied[`${l.levyId}/${k}`] = v;
      continue;
    }
    const doc = which === 'hypothetical' ? (norms.drafted(l.normSet.id, f.year) ?? norms.document(l.normSet)) : norms.document(l.normSet);
    const inputs = fpcm === l.inputs.fpcmKg ? l.inputs : { ...l.inputs, fpcmKg: fpcm };
    // On the recorded inputs only the components the draft or a moved FPCM touches are assessed again (D65).
    const again = which === 'hypothetical' && recordedInputs && !norms.everyPart ? partsToRecompute('levy', norms.document(l.normSet).parameters, doc.parameters, fpcm === l.inputs.fpcmKg ? [] : ['fpcmKg']) : null;
    if (again) {
      const r = reassessLevyParts(inputs, doc, l, again);
      levy += r.totalCents;
      for (const line of r.lines) {
        parts[`${l.levyId}/${line.componentId}`] = line.amountCents;
        levied[`${l.levyId}/${line.componentId}`] = line.levied;
      }
      continue;
    }
    const r = assessLevy(inputs, doc);
    addLevy(l.levyId, r.lines, r.totalCents);
  }
  if (f.landUse) {
    for (const pair of y.levies) {
      if (assessed.has(pair.official.normSetId)) continue;
      const values: Record<string, { value: number; quality: QualityClass }> = {};
      for (const c of pair[which].parameters.components) {
        const v = f.indicators[c.indicator];
        if (v && typeof v.value === 'number') values[c.indicator] = { value: v.value, quality: v.quality };
      }
      const r = assessLevy({ values, landUse: f.landUse, livestockUnits: f.livestockUnits ?? 0, fpcmKg: figures?.fpcmKg ?? null }, pair[which]);
      addLevy(pair[which].parameters.levyId, r.lines, r.totalCents);
    }
  }
  const area = figures && f.balance?.areaHa != null ? f.balance.areaHa : areaOf(f.landUse);
  const nh3 = num(f.indicators.nh3KgHa);
  const ghg = num(f.indicators.ghgGCo2eqKgFpcm);
  const blocking: string[] = [];
  const tolerances = y.tolerances[which];
  if (tolerances) {
    blocking.push(...crossSourceBlocking(f, tolerances, balanceParams.milkProteinToNitrogenFactor));
    const reported = num(f.indicators.nFarmSurplusKgHa);
    if (reported !== null && figures?.nSurplusKgHa != null && f.balance!.flows.length + f.balance!.milk.length > 0) {
      if (severityOf(new Decimal(figures.nSurplusKgHa).minus(reported), tolerances.farmNSurplus.absoluteKgHa) === 'blocking') blocking.push('farm-n-surplus');
    }
    const ranges = tolerances.plausibility.ranges as Record<string, { min: string; max: string } | undefined>;
    blocking.push(
      ...rangesCache(f.indicators, ranges, () =>
        Object.keys(f.indicators)
          .sort()
          .filter((key) => {
            const range = Object.hasOwn(ranges, key) ? ranges[key] : undefined;
            const v = num(f.indicators[key]);
            return range !== undefined && v !== null && (compareToDecimal(v, range.min) < 0 || compareToDecimal(v, range.max) > 0);
          })
          .map((key) => `range:${key}`),
      ),
    );
  }
  return {
    subsidyCents: subsidy,
    levyCents: levy,
    parts,
    levied,
    nSurplusKg: figures?.nSurplusKg ?? null,
    p2o5SurplusKg: figures?.p2o5SurplusKg ?? null,
    nh3Kg: nh3 !== null && area !== null ? round2(nh3 * area) : null,
    co2eKg: ghg !== null && figures?.fpcmKg != null ? round2((ghg * figures.fpcmKg) / 1000) : null,
    blocking,
    tiers,
  };
};
