import {
  balanceBasis,
  balanceParametersV1,
  checkTolerancesV1,
  flattenIndicators,
  governingVersion,
  WHAT_IF_STREAM_PREFIX,
  type ActiveSubmission,
  type BalanceData,
  type BalanceParameters,
  type CheckTolerances,
  type FarmYearInputs,
  type LandUse,
  type LevyAssessed,
  type NormSetDocument,
  type QualityClass,
  type ScoreCalculated,
} from '@asb/domain';
import { readAllInBatches, type EventStore } from '@asb/event-store';

type Farm = { province: string | null; landUse: LandUse | null; peatSharePct: number; livestockUnits: number | null };
type Submission = { submissionId: string; eventId: string; data: BalanceData; active: boolean };
type Score = FarmYearInputs['scores'][number];
type Levy = FarmYearInputs['levies'][number];
type Year = { farmId: string; year: number; submissions: Submission[]; scores: Map<string, Score>; levies: Map<string, Levy> };

/** The official record as a what-if reads it: every farm-year of the years asked, and the norm sets as recorded. */
export type WhatIfRecord = Readonly<{
  farmYears: FarmYearInputs[];
  /** The last event of the official record read (what-if streams are not part of it). */
  logPosition: number;
  /** Every recorded version of every norm set, oldest first, as of that position. */
  normSets: ReadonlyMap<string, NormSetDocument[]>;
}>;

const DETAIL_KEYS = ['province', 'landUse', 'peatSharePct', 'livestockUnits'] as const;

/**
 * Reads the official record once, in log order, up to `upTo` (D51): farms, active submissions, the
 * latest score of each scheme and the latest levy assessment of each farm-year, and the norm sets.
 * One sequential pass instead of a read per farm-year: at national scale (150,000 farm-years with three
 * submissions, a score and a levy each) the store answers a scan far faster than 750,000 point reads.
 * The balance's basis is taken under the balance parameters that governed each year, as recorded.
 */
export const readWhatIfRecord = async (
  store: EventStore,
  options: Readonly<{ years: Readonly<{ from: number; to: number }>; upTo: number; onProgress?: (eventsRead: number) => void }>,
): Promise<WhatIfRecord> => {
  const farms = new Map<string, Farm>();
  const years = new Map<string, Year>();
  const normSets = new Map<string, NormSetDocument[]>();
  const inRange = (year: number) => year >= options.years.from && year <= options.years.to;
  const yearOf = (farmId: string, year: number): Year => {
    const key = `${farmId}\u0000${year}`;
    let y = years.get(key);
    if (!y) years.set(key, (y = { farmId, year, submissions: [], scores: new Map(), levies: new Map() }));
    return y;
  };
  let logPosition = 0;
  let read = 0;
  for await (const batch of readAllInBatches(store, { upTo: options.upTo, batchSize: 5000 })) {
    for (const e of batch) {
      if (e.streamId.startsWith(WHAT_IF_STREAM_PREFIX)) continue;
      logPosition = e.position;
      const d = e.data as Record<string, any>;
      switch (e.type) {
        case 'FarmRegistered':
          farms.set(d.farmId, { province: d.province ?? null, landUse: d.landUse ?? null, peatSharePct: d.peatSharePct ?? 0, livestockUnits: d.livestockUnits ?? null });
          break;
        case 'FarmDetailsCorrected': {
          const farm = farms.get(d.farmId);
          if (farm) for (const k of DETAIL_KEYS) if (Object.hasOwn(d.changes ?? {}, k)) (farm as Record<string, unknown>)[k] = d.changes[k];
          break;
        }
        case 'BalanceDataSubmitted':
        case 'BalanceDataCorrected': {
          if (!inRange(d.year)) break;
          const y = yearOf(d.farmId, d.year);
          if (e.type === 'BalanceDataCorrected') for (const s of y.submissions) if (s.submissionId === d.supersedes) s.active = false;
          const { farmId: _f, year: _y, submissionId, submittedAt: _s, correctedAt: _c, supersedes: _p, reason: _r, ...data } = d;
          y.submissions.push({ submissionId, eventId: e.id, data: data as BalanceData, active: true });
          break;
        }
        case 'BalanceDataWithdrawn':
          if (inRange(d.year)) for (const s of yearOf(d.farmId, d.year).submissions) if (s.submissionId === d.submissionId) s.active = false;
          break;
        case 'ScoreCalculated':
        case 'ScoreRecalculated': {
          if (!inRange(d.year)) break;
          const s = d as ScoreCalculated['data'];
          // The quality of each recorded value, where the score recorded its provenance (D46).
          const quality: Record<string, QualityClass> = {};
          for (const kpi of Object.values(s.inputs.provenance ?? {})) for (const p of kpi?.indicators ?? []) quality[p.indicator] = p.quality;
          yearOf(s.farmId, s.year).scores.set(s.scheme, {
            scheme: s.scheme,
            normSet: s.normSet,
            totalCents: s.result.totalCents,
            kpis: s.result.kpis,
            indicators: flattenIndicators(s.inputs.indicators) as Record<string, number | boolean>,
            quality,
            landUse: s.inputs.landUse,
            peatSharePct: s.inputs.peatSharePct,
            priorBiodiversityPaid: s.inputs.priorBiodiversityPaid === true,
          });
          break;
        }
        case 'LevyAssessed': {
          if (!inRange(d.year)) break;
          const l = d as LevyAssessed['data'];
          yearOf(l.farmId, l.year).levies.set(l.levyId, { levyId: l.levyId, normSet: l.assessment.normSet, totalCents: l.assessment.totalCents, parts: Object.fromEntries(l.assessment.lines.map((x) => [x.componentId, x.amountCents])), levied: Object.fromEntries(l.assessment.lines.map((x) => [x.componentId, Number(x.excess) > 0])), inputs: l.inputs });
          break;
        }
        case 'NormSetPublished':
        case 'NormSetAmended': {
          const doc = d.document as NormSetDocument;
          normSets.set(doc.normSetId, [...(normSets.get(doc.normSetId) ?? []), doc]);
          break;
        }
        default:
          break;
      }
    }
    read += batch.length;
    options.onProgress?.(read);
  }
  const governing = <P>(shipped: NormSetDocument<P>, year: number) => governingVersion<P>({ versions: (normSets.get(shipped.normSetId) ?? []).map((document) => ({ document })) }, { year }) ?? shipped;
  const farmYears: FarmYearInputs[] = [];
  for (const y of [...years.values()].sort((a, b) => a.year - b.year || (a.farmId < b.farmId ? -1 : a.farmId > b.farmId ? 1 : 0))) {
    const farm = farms.get(y.farmId) ?? { province: null, landUse: null, peatSharePct: 0, livestockUnits: null };
    const active: ActiveSubmission[] = y.submissions.filter((s) => s.active).map((s) => ({ submissionId: s.submissionId, eventId: s.eventId, recordedAt: '', data: s.data }));
    const params = governing<BalanceParameters>(balanceParametersV1, y.year).parameters;
    // Indicators by the balance precedence (computeFarmBalance's rule), with their quality classes.
    const indicators: Record<string, { value: number | boolean; quality: QualityClass }> = {};
    for (const source of [...params.indicatorSourcePrecedence].reverse()) {
      for (const s of active.filter((x) => x.data.source === source)) for (const [k, v] of Object.entries(s.data.indicators ?? {})) if (v) indicators[k] = { value: v.value, quality: v.quality };
    }
    const land = active.filter((s) => s.data.landUse).at(-1)?.data.landUse ?? farm.landUse;
    farmYears.push({
      farmId: y.farmId,
      year: y.year,
      province: farm.province,
      landUse: land,
      livestockUnits: farm.livestockUnits,
      peatSharePct: farm.peatSharePct,
      indicators,
      balance: active.length ? balanceBasis(active, farm.landUse, params) : null,
      scores: [...y.scores.values()].map((sc) => ({ ...sc, quality: Object.fromEntries(Object.keys(sc.indicators).map((k) => [k, sc.quality[k] ?? indicators[k]?.quality ?? 'default'])) })),
      levies: [...y.levies.values()],
    });
  }
  return { farmYears, logPosition, normSets };
};

/** The shipped documents the balance and the checks fall back to before their first publication reaches the log (D41). */
export const SHIPPED_FALLBACKS: Readonly<Record<string, NormSetDocument<BalanceParameters> | NormSetDocument<CheckTolerances>>> = {
  'balance-parameters': balanceParametersV1,
  'check-tolerances': checkTolerancesV1,
};
