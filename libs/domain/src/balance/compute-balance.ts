import Decimal from 'decimal.js';
import type { LandUse } from '../farm/farm';
import { totalAreaHa } from '../farm/farm';
import type { NormSetDocument } from '../norms/norm-set';
import { INPUT_FLOW_KINDS, MODEL_UNRECORDED, OUTPUT_FLOW_KINDS, isInputFlow, type BalanceData, type Flow, type FlowKind } from '../submission/balance-data';
import type { DataSource, QualityClass } from '../submission/data-source';
import type { IndicatorKey } from '../submission/indicator-keys';
import type { BalanceParameters } from './balance-parameters';
import { MAX_MAGNITUDE, invalidField, isPlainObject, ownValue, requireArray, requireObject, requireString } from '../shared/guards';
import { readBalanceData, readLandUse } from '../submission/validate-balance-data';
import { checkBalanceParameters } from '../norms/validate-norm-set';
import { roundHalfUp } from '../shared/round-half-up';
import { normDecimal } from '../shared/norm-decimal';

/** An active submission as the balance sees it: its data and where it came from. */
export type ActiveSubmission = Readonly<{ submissionId: string; eventId: string; recordedAt: string; data: BalanceData }>;

export type NutrientBalance = Readonly<{
  inputsKg: Partial<Record<FlowKind, number>>;
  outputsKg: Partial<Record<FlowKind, number>>;
  totalInputsKg: number;
  totalOutputsKg: number;
  stockChangeKg: number;
  surplusKg: number;
  surplusKgHa: number | null;
}>;

export type MilkFigures = Readonly<{ kg: number; proteinPct: number | null; fatPct: number | null; nKg: number; p2o5Kg: number; fpcmKg: number | null; source: DataSource }>;

export type FarmBalance = Readonly<{
  farmId: string;
  year: number;
  areaHa: number | null;
  areaSource: DataSource | 'farm-register' | null;
  n: NutrientBalance;
  p2o5: NutrientBalance;
  milk: MilkFigures | null;
  flowSources: Partial<Record<FlowKind, { source: DataSource; submissionId: string; quality: QualityClass }>>;
  /** Each indicator by the source precedence, with the model and version that computed it (D45; `none`, or `unrecorded` before D45). */
  indicators: Partial<Record<IndicatorKey, { value: number | boolean; quality: QualityClass; source: DataSource; submissionId: string; model?: string; modelVersion?: string }>>;
  submissionIds: string[];
  parameters: { id: string; version: number };
}>;

const D = (v: number | string) => new Decimal(v);
/** The smallest area per-ha figures are computed for. */
const MIN_AREA_HA = 0.01;

/**
 * A figure rounded to two decimals, refused when it is beyond any farm's (a per-ha figure over an area
 * of 5e-324 ha would otherwise be Infinity): the balance answers finite numbers or a DomainError.
 */
const round2 = (d: Decimal, field = 'balance') => {
  const n = roundHalfUp(d, 2);
  if (!Number.isFinite(n) || Math.abs(n) > MAX_MAGNITUDE) return invalidField('OUT_OF_RANGE', `${field}: the figure is beyond any farm's`, field);
  return n;
};

/** Decimals are immutable: one zero serves every sum that starts from nothing. */
const ZERO = D(0);

/** N of a flow in kg: stated kg, else product × content; milk from protein (÷ 6.38). */
export const flowNitrogenKg = (flow: Flow, p: BalanceParameters): Decimal => {
  if (flow.kind === 'milk' && flow.proteinPct !== undefined) {
    return D(flow.kgProduct).times(flow.proteinPct).div(100).div(normDecimal(p.milkProteinToNitrogenFactor));
  }
  if (flow.nKg !== undefined) return D(flow.nKg);
  if (flow.nContentGPerKg !== undefined) return D(flow.kgProduct).times(flow.nContentGPerKg).div(1000);
  return ZERO;
};

/** P2O5 of a flow in kg; milk without a measured figure uses the Dutch standard. */
export const flowP2o5Kg = (flow: Flow, p: BalanceParameters): Decimal => {
  if (flow.p2o5Kg !== undefined) return D(flow.p2o5Kg);
  if (flow.p2o5ContentGPerKg !== undefined) return D(flow.kgProduct).times(flow.p2o5ContentGPerKg).div(1000);
  if (flow.kind === 'milk') return D(flow.kgProduct).times(normDecimal(p.milkPhosphorusGPerKg)).div(1000).times(normDecimal(p.phosphorusToP2o5));
  return ZERO;
};

// The parameters' decimals parsed once per process (normDecimal, D85), not at every balance.
export const fpcmKg = (kgMilk: number, fatPct: number, proteinPct: number, p: BalanceParameters): Decimal =>
  D(kgMilk).times(normDecimal(p.fpcm.base).plus(normDecimal(p.fpcm.fatPerPct).times(fatPct)).plus(normDecimal(p.fpcm.proteinPerPct).times(proteinPct)));

declare const READ: unique symbol;
/**
 * An active submission read at the entrance (D31): checked, null optional fields absent. What the
 * arithmetic may trust without reading it again — a farm-year's submissions moved forward by the
 * checks reactor are read once each, not at every reconcile (D77).
 */
export type ReadActiveSubmission = ActiveSubmission & { readonly [READ]: true };

/** One active submission as recorded, checked (null optional fields read as absent); `field` names it in an error. */
export const readActiveSubmission = (s: unknown, field: string): ReadActiveSubmission => {
  if (!isPlainObject(s)) return invalidField('INVALID_OBJECT', 'a submission is an object', field);
  return {
    submissionId: requireString(s.submissionId, `${field}.submissionId`, 200),
    eventId: requireString(s.eventId, `${field}.eventId`, 200),
    recordedAt: typeof s.recordedAt === 'string' ? s.recordedAt : '',
    data: readBalanceData(s.data, `${field}.data`, 'recorded'),
  } as ReadActiveSubmission;
};

/** Active submissions as recorded, each checked (null optional fields read as absent). */
export const readActiveSubmissions = (raw: unknown, field: string): ReadActiveSubmission[] =>
  requireArray(raw, field).map((s, i) => readActiveSubmission(s, `${field}[${i}]`));

const pickBySource = <T extends { source: DataSource }>(candidates: T[], precedence: readonly DataSource[]): T | undefined => {
  for (const source of precedence) {
    const hits = candidates.filter((c) => c.source === source);
    if (hits.length) return hits[hits.length - 1]; // the latest submission of the preferred source
  }
  return candidates[candidates.length - 1];
};

/**
 * The farm-gate balance of one farm-year from its active submissions (asb.md, "The balance"):
 * each flow kind from the preferred source, surplus = inputs − outputs − stock change, per ha of
 * land in use.
 */
export const computeFarmBalance = (
  farmId: string,
  year: number,
  rawSubmissions: readonly ActiveSubmission[],
  rawFarmLandUse: LandUse | null,
  params: NormSetDocument<BalanceParameters>,
): FarmBalance => balanceOf(farmId, year, () => readActiveSubmissions(rawSubmissions, 'submissions'), rawFarmLandUse, params, filtered);

/**
 * `computeFarmBalance` on submissions read already (each once, as they were recorded: D77); the rest is
 * read as there. The same figures: it picks each flow kind's, the stock's, the land's and the indicators'
 * submissions from one pass over them (`indexed`) instead of a pass per flow kind and source.
 */
export const computeFarmBalanceOfRead = (
  farmId: string,
  year: number,
  submissions: readonly ReadActiveSubmission[],
  rawFarmLandUse: LandUse | null,
  params: NormSetDocument<BalanceParameters>,
): FarmBalance => balanceOf(farmId, year, () => submissions, rawFarmLandUse, params, indexed);

/** How the balance finds its submissions: the one the source precedence picks among those that have something, and those of a source. */
type Picking = Readonly<{
  pick: (what: 'stock' | 'land' | FlowKind, has: (s: ActiveSubmission) => boolean, precedence: readonly DataSource[]) => ActiveSubmission | undefined;
  ofSource: (source: DataSource) => readonly ActiveSubmission[];
}>;

/** A pass over the submissions per question, as before D77. */
const filtered = (submissions: readonly ActiveSubmission[]): Picking => ({
  pick: (_what, has, precedence) => pickBySource(submissions.filter(has).map((s) => ({ source: s.data.source, submission: s })), precedence)?.submission,
  ofSource: (source) => submissions.filter((x) => x.data.source === source),
});

/** One pass: per thing a submission may have, the latest submission having it by source and of any source; the submissions by source, in order. */
const indexed = (submissions: readonly ActiveSubmission[]): Picking => {
  const latest = new Map<string, Map<DataSource, ActiveSubmission>>();
  const latestOfAny = new Map<string, ActiveSubmission>();
  const bySource = new Map<DataSource, ActiveSubmission[]>();
  const note = (what: string, s: ActiveSubmission) => {
    let of = latest.get(what);
    if (!of) latest.set(what, (of = new Map()));
    of.set(s.data.source, s);
    latestOfAny.set(what, s);
  };
  for (const s of submissions) {
    for (const f of s.data.flows ?? []) note(f.kind, s);
    if (s.data.stockChange) note('stock', s);
    if (s.data.landUse) note('land', s);
    const same = bySource.get(s.data.source);
    if (same) same.push(s);
    else bySource.set(s.data.source, [s]);
  }
  return {
    // pickBySource: the latest of the first source in the precedence that has one, else the latest of any source.
    pick: (what, _has, precedence) => {
      for (const source of precedence) {
        const hit = latest.get(what)?.get(source);
        if (hit) return hit;
      }
      return latestOfAny.get(what);
    },
    ofSource: (source) => bySource.get(source) ?? [],
  };
};

const balanceOf = (
  farmId: string,
  year: number,
  readSubmissions: () => readonly ReadActiveSubmission[],
  rawFarmLandUse: LandUse | null,
  params: NormSetDocument<BalanceParameters>,
  picking: (submissions: readonly ActiveSubmission[]) => Picking,
): FarmBalance => {
  // The entrance (D31): what is recorded is read with null as absent; anything else malformed is a
  // DomainError naming the field, never a DecimalError from inside the arithmetic.
  requireObject(params, 'parameters');
  checkBalanceParameters(params.parameters);
  const p = params.parameters;
  const submissions = readSubmissions();
  const farmLandUse = rawFarmLandUse === null || rawFarmLandUse === undefined ? null : readLandUse(rawFarmLandUse, 'farm.landUse');
  const { pick, ofSource } = picking(submissions);
  const flowSources: FarmBalance['flowSources'] = {};
  const chosen: Array<{ flows: Flow[] }> = [];
  for (const kind of [...INPUT_FLOW_KINDS, ...OUTPUT_FLOW_KINDS] as FlowKind[]) {
    const picked = pick(kind, (s) => !!s.data.flows?.some((f) => f.kind === kind), ownValue<readonly DataSource[]>(p.flowSourcePrecedence, kind) ?? p.flowSourcePrecedence.default);
    if (!picked) continue;
    const flows = picked.data.flows!.filter((f) => f.kind === kind);
    chosen.push({ flows });
    flowSources[kind] = { source: picked.data.source, submissionId: picked.submissionId, quality: flows[0].quality };
  }
  const stockOf = pick('stock', (s) => !!s.data.stockChange, p.flowSourcePrecedence.default);
  const stock = stockOf && { source: stockOf.data.source, stock: stockOf.data.stockChange! };
  const landOf = pick('land', (s) => !!s.data.landUse, p.landUseSourcePrecedence);
  const land = landOf && { source: landOf.data.source, landUse: landOf.data.landUse! };
  const areaHa = land ? totalAreaHa(land.landUse) : farmLandUse ? totalAreaHa(farmLandUse) : null;
  // Per-ha figures need an area a farm can have: below a hundredth of a hectare (5e-324 ha reaches
  // this function as readily as 40 ha) there is none to divide by, and the figures stay absent.
  const perHaArea = areaHa !== null && areaHa >= MIN_AREA_HA ? areaHa : null;

  const nutrient = (amount: (f: Flow) => Decimal, stockKg: number): NutrientBalance => {
    const inputs: Record<string, Decimal> = {};
    const outputs: Record<string, Decimal> = {};
    for (const { flows } of chosen) {
      for (const f of flows) {
        const bucket = isInputFlow(f.kind) ? inputs : outputs;
        bucket[f.kind] = (bucket[f.kind] ?? ZERO).plus(amount(f));
      }
    }
    const totalIn = Object.values(inputs).reduce((a, b) => a.plus(b), ZERO);
    const totalOut = Object.values(outputs).reduce((a, b) => a.plus(b), ZERO);
    const surplus = totalIn.minus(totalOut).minus(stockKg);
    const toNumbers = (r: Record<string, Decimal>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round2(v)]));
    return {
      inputsKg: toNumbers(inputs),
      outputsKg: toNumbers(outputs),
      totalInputsKg: round2(totalIn),
      totalOutputsKg: round2(totalOut),
      stockChangeKg: stockKg,
      surplusKg: round2(surplus),
      surplusKgHa: perHaArea ? round2(surplus.div(perHaArea), 'landUse') : null,
    };
  };

  const milkFlow = chosen.flatMap((c) => c.flows).find((f) => f.kind === 'milk');
  const milk: MilkFigures | null = milkFlow
    ? {
        kg: milkFlow.kgProduct,
        proteinPct: milkFlow.proteinPct ?? null,
        fatPct: milkFlow.fatPct ?? null,
        nKg: round2(flowNitrogenKg(milkFlow, p)),
        p2o5Kg: round2(flowP2o5Kg(milkFlow, p)),
        fpcmKg: milkFlow.fatPct !== undefined && milkFlow.proteinPct !== undefined ? round2(fpcmKg(milkFlow.kgProduct, milkFlow.fatPct, milkFlow.proteinPct, p)) : null,
        source: flowSources.milk!.source,
      }
    : null;

  const indicators = indicatorsOf(p, ofSource);

  return {
    farmId,
    year,
    areaHa,
    areaSource: land ? land.source : farmLandUse ? 'farm-register' : null,
    n: nutrient((f) => flowNitrogenKg(f, p), stock?.stock.nKg ?? 0),
    p2o5: nutrient((f) => flowP2o5Kg(f, p), stock?.stock.p2o5Kg ?? 0),
    milk,
    flowSources,
    indicators,
    submissionIds: submissions.map((s) => s.submissionId),
    parameters: { id: params.normSetId, version: params.version },
  };
};

type OfSource = Picking['ofSource'];

/**
 * Each indicator from the source precedence: of every submission of every source, lowest precedence
 * first, the last to have it wins. One object per indicator, not one per submission and indicator (D85:
 * that garbage grew with the farm-year's submissions at every reconcile): the walk notes each key's
 * winner — a key keeps the place of its first assignment, as an object's does — and builds the entries
 * once at the end (compute-balance-paths.spec holds it to the assignments it replaced).
 */
const indicatorsOf = (p: BalanceParameters, ofSource: OfSource): FarmBalance['indicators'] => {
  const winners = new Map<string, { s: ActiveSubmission; source: DataSource }>();
  for (const source of p.indicatorSourcePrecedence.slice().reverse()) {
    for (const s of ofSource(source)) {
      const own = s.data.indicators;
      if (!own) continue;
      for (const key in own) {
        if (!Object.hasOwn(own, key) || !own[key as IndicatorKey]) continue;
        const known = winners.get(key);
        if (known) {
          known.s = s;
          known.source = source;
        } else winners.set(key, { s, source });
      }
    }
  }
  const indicators: FarmBalance['indicators'] = {};
  for (const [key, { s, source }] of winners) {
    const v = s.data.indicators![key as IndicatorKey]!;
    indicators[key as IndicatorKey] = s.data.modelVersion !== undefined
      ? { value: v.value, quality: v.quality, source, submissionId: s.submissionId, model: s.data.model ?? MODEL_UNRECORDED, modelVersion: s.data.modelVersion }
      : { value: v.value, quality: v.quality, source, submissionId: s.submissionId, model: s.data.model ?? MODEL_UNRECORDED };
  }
  return indicators;
};
