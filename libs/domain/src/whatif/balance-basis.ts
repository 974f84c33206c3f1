import Decimal from 'decimal.js';
import { flowNitrogenKg, flowP2o5Kg, type ActiveSubmission } from '../balance/compute-balance';
import type { BalanceParameters } from '../balance/balance-parameters';
import { totalAreaHa, type LandUse } from '../farm/farm';
import { INPUT_FLOW_KINDS, OUTPUT_FLOW_KINDS, isInputFlow, type FlowKind } from '../submission/balance-data';
import type { DataSource, QualityClass } from '../submission/data-source';
import { ownValue } from '../shared/guards';

/**
 * What the farm-gate balance of one farm-year is made of once the official balance chose its flows
 * (D51): the flows whose N and P2O5 no balance parameter moves, the milk (whose N, P2O5 and FPCM the
 * parameters convert), the stock change and the area. A what-if evaluates the balance under other
 * conversion parameters from this, exactly as `computeFarmBalance` would (tested against it); which
 * source a flow comes from is the official selection's (a precedence change is refused, D51).
 */
export type BalanceBasis = Readonly<{
  areaHa: number | null;
  stock: Readonly<{ nKg: number; p2o5Kg: number }>;
  /** Flows other than milk: kg N and P2O5 as exact decimals, with their quality class. */
  flows: ReadonlyArray<Readonly<{ input: boolean; nKg: string; p2o5Kg: string; quality: QualityClass }>>;
  /** Milk flows: converted by the parameters where the figure is not stated. */
  milk: ReadonlyArray<Readonly<{ kg: number; proteinPct: number | null; fatPct: number | null; nKg: string | null; p2o5Kg: string | null; quality: QualityClass }>>;
}>;

export type BalanceFigures = Readonly<{ nSurplusKg: number; nSurplusKgHa: number | null; p2o5SurplusKg: number; p2o5SurplusKgHa: number | null; fpcmKg: number | null }>;

const D = (v: Decimal.Value) => new Decimal(v);
const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();

/** The rule of `computeFarmBalance`: the first source in the precedence that has it, its latest; else the latest. */
const pickBySource = <T extends { source: DataSource }>(candidates: T[], precedence: readonly DataSource[]): T | undefined => {
  for (const source of precedence) {
    const hits = candidates.filter((c) => c.source === source);
    if (hits.length) return hits[hits.length - 1];
  }
  return candidates[candidates.length - 1];
};

/** The basis of a farm-year's balance from its active submissions, under the official parameters' selection. */
export const balanceBasis = (submissions: readonly ActiveSubmission[], farmLandUse: LandUse | null, p: BalanceParameters): BalanceBasis => {
  const flows: Array<BalanceBasis['flows'][number]> = [];
  const milk: Array<BalanceBasis['milk'][number]> = [];
  for (const kind of [...INPUT_FLOW_KINDS, ...OUTPUT_FLOW_KINDS] as FlowKind[]) {
    const candidates = submissions.filter((s) => s.data.flows?.some((f) => f.kind === kind)).map((s) => ({ source: s.data.source, submission: s }));
    const pick = pickBySource(candidates, ownValue<readonly DataSource[]>(p.flowSourcePrecedence, kind) ?? p.flowSourcePrecedence.default);
    if (!pick) continue;
    for (const f of pick.submission.data.flows!.filter((x) => x.kind === kind)) {
      if (f.kind === 'milk') {
        const statedN = f.proteinPct === undefined ? flowNitrogenKg(f, p).toString() : null;
        const statedP = f.p2o5Kg !== undefined || f.p2o5ContentGPerKg !== undefined ? flowP2o5Kg(f, p).toString() : null;
        milk.push({ kg: f.kgProduct, proteinPct: f.proteinPct ?? null, fatPct: f.fatPct ?? null, nKg: statedN, p2o5Kg: statedP, quality: f.quality });
      } else flows.push({ input: isInputFlow(f.kind), nKg: flowNitrogenKg(f, p).toString(), p2o5Kg: flowP2o5Kg(f, p).toString(), quality: f.quality });
    }
  }
  const stock = pickBySource(submissions.filter((s) => s.data.stockChange).map((s) => ({ source: s.data.source, stock: s.data.stockChange! })), p.flowSourcePrecedence.default);
  const land = pickBySource(submissions.filter((s) => s.data.landUse).map((s) => ({ source: s.data.source, landUse: s.data.landUse! })), p.landUseSourcePrecedence);
  const areaHa = land ? totalAreaHa(land.landUse) : farmLandUse ? totalAreaHa(farmLandUse) : null;
  return { areaHa, stock: { nKg: stock?.stock.nKg ?? 0, p2o5Kg: stock?.stock.p2o5Kg ?? 0 }, flows, milk };
};

/**
 * A figure rounded to 2 decimals half up, from its value in doubles and a bound on the doubles' error
 * (`scale`: the sum of the magnitudes it was added from): null where the exact value may lie within
 * the error of a tie (or rounds to zero, whose sign the exact path keeps), so that only the exact path
 * decides there.
 */
const round2Near = (x: number, scale: number): number | null => {
  const c = x * 100;
  const k = Math.round(c);
  // Doubles add up to ~1e-15 of the magnitudes added; a margin of 1e-12 of them is far outside that.
  if (k === 0 || !Number.isFinite(c) || Math.abs(Math.abs(c - Math.floor(c)) - 0.5) <= 1e-12 * (scale * 100 + 1)) return null;
  return k / 100;
};

/**
 * The figures in doubles (D65), or null where a rounding is too near a tie to decide without the exact
 * decimals: then `balanceFiguresExact` decides. Equal to it wherever it answers (property-tested, ties
 * included).
 */
export const balanceFiguresInDoubles = (basis: BalanceBasis, p: BalanceParameters): BalanceFigures | null => {
  let n = 0;
  let nScale = 0;
  let p2o5 = 0;
  let pScale = 0;
  for (const f of basis.flows) {
    const fn = Number(f.nKg);
    const fp = Number(f.p2o5Kg);
    n += f.input ? fn : -fn;
    p2o5 += f.input ? fp : -fp;
    nScale += Math.abs(fn);
    pScale += Math.abs(fp);
  }
  const factor = Number(p.milkProteinToNitrogenFactor);
  const milkP = (Number(p.milkPhosphorusGPerKg) / 1000) * Number(p.phosphorusToP2o5);
  for (const m of basis.milk) {
    const mn = m.nKg !== null ? Number(m.nKg) : (m.kg * m.proteinPct!) / 100 / factor;
    const mp = m.p2o5Kg !== null ? Number(m.p2o5Kg) : m.kg * milkP;
    n -= mn;
    p2o5 -= mp;
    nScale += Math.abs(mn);
    pScale += Math.abs(mp);
  }
  n -= basis.stock.nKg;
  p2o5 -= basis.stock.p2o5Kg;
  nScale += Math.abs(basis.stock.nKg);
  pScale += Math.abs(basis.stock.p2o5Kg);
  const perHa = basis.areaHa !== null && basis.areaHa >= 0.01 ? basis.areaHa : null;
  const first = basis.milk[0];
  let fpcm: number | null = null;
  if (first && first.fatPct !== null && first.proteinPct !== null) {
    const f = first.kg * (Number(p.fpcm.base) + Number(p.fpcm.fatPerPct) * first.fatPct + Number(p.fpcm.proteinPerPct) * first.proteinPct);
    fpcm = round2Near(f, Math.abs(f));
    if (fpcm === null) return null;
  }
  const nSurplusKg = round2Near(n, nScale);
  const p2o5SurplusKg = round2Near(p2o5, pScale);
  const nSurplusKgHa = perHa ? round2Near(n / perHa, nScale / perHa) : null;
  const p2o5SurplusKgHa = perHa ? round2Near(p2o5 / perHa, pScale / perHa) : null;
  if (nSurplusKg === null || p2o5SurplusKg === null || (perHa && (nSurplusKgHa === null || p2o5SurplusKgHa === null))) return null;
  return { nSurplusKg, nSurplusKgHa, p2o5SurplusKg, p2o5SurplusKgHa, fpcmKg: fpcm };
};

/**
 * The balance's figures from a basis under (hypothetical) parameters: the arithmetic of
 * `computeFarmBalance`, in doubles where that decides the rounding and in exact decimals where not (D65).
 */
export const balanceFigures = (basis: BalanceBasis, p: BalanceParameters): BalanceFigures => balanceFiguresInDoubles(basis, p) ?? balanceFiguresExact(basis, p);

/** The balance's figures in exact decimals: the arithmetic of `computeFarmBalance`. */
export const balanceFiguresExact = (basis: BalanceBasis, p: BalanceParameters): BalanceFigures => {
  let nIn = D(0);
  let nOut = D(0);
  let pIn = D(0);
  let pOut = D(0);
  for (const f of basis.flows) {
    if (f.input) {
      nIn = nIn.plus(f.nKg);
      pIn = pIn.plus(f.p2o5Kg);
    } else {
      nOut = nOut.plus(f.nKg);
      pOut = pOut.plus(f.p2o5Kg);
    }
  }
  for (const m of basis.milk) {
    nOut = nOut.plus(m.nKg ?? D(m.kg).times(m.proteinPct!).div(100).div(p.milkProteinToNitrogenFactor));
    pOut = pOut.plus(m.p2o5Kg ?? D(m.kg).times(p.milkPhosphorusGPerKg).div(1000).times(p.phosphorusToP2o5));
  }
  const perHa = basis.areaHa !== null && basis.areaHa >= 0.01 ? basis.areaHa : null;
  const n = nIn.minus(nOut).minus(basis.stock.nKg);
  const p2o5 = pIn.minus(pOut).minus(basis.stock.p2o5Kg);
  const first = basis.milk[0];
  const fpcm =
    first && first.fatPct !== null && first.proteinPct !== null
      ? round2(D(first.kg).times(D(p.fpcm.base).plus(D(p.fpcm.fatPerPct).times(first.fatPct)).plus(D(p.fpcm.proteinPerPct).times(first.proteinPct))))
      : null;
  return { nSurplusKg: round2(n), nSurplusKgHa: perHa ? round2(n.div(perHa)) : null, p2o5SurplusKg: round2(p2o5), p2o5SurplusKgHa: perHa ? round2(p2o5.div(perHa)) : null, fpcmKg: fpcm };
};
