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
  type BudgetReservationReleased,
  type CheckTolerances,
  type FarmYearInputs,
  type LandUse,
  type LevyAssessed,
  type NormSetDocument,
  type QualityClass,
  type ScoreCalculated,
  type SubsidyGranted,
} from '@asb/domain';
import { counterpartsIn } from '@asb/projections';
import { readAllInBatches, type EventStore, type StoredEvent } from '@asb/event-store';

type Farm = { province: string | null; soilTypes?: readonly string[]; landUse: LandUse | null; peatSharePct: number; livestockUnits: number | null };
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
  /** Per scheme: the budget reserved by its grants, less what was released (D39), as of that position. */
  reservedCents: ReadonlyMap<string, number>;
}>;

const DETAIL_KEYS = ['province', 'soilTypes', 'landUse', 'peatSharePct', 'livestockUnits'] as const;

/**
 * What a what-if keeps of the log, folded in log order (D51, D60): farms, the submissions of every
 * farm-year with whether each is still active, the latest score per scheme and levy per farm-year,
 * every norm-set version, and the budget reserved per scheme application. Every year is kept (not
 * only a scenario's), so one fold serves every scenario and can be saved and resumed (`WhatIfInputSnapshot`).
 * Plain data (Maps, arrays, objects): it survives `v8.serialize` unchanged.
 */
export type WhatIfFold = {
  /** The last event folded, what-if streams included: where a resumed read starts after. */
  after: number;
  /** Its id: a resumed read checks the log still holds this event there. */
  afterEventId: string | null;
  /** The last event of the official record folded (what-if streams are not part of it). */
  logPosition: number;
  farms: Map<string, Farm>;
  years: Map<string, Year>;
  normSets: Map<string, NormSetDocument[]>;
  /** Per scheme, per application: reserved at the grant and released so far (D39: the released total). */
  reservations: Map<string, Map<string, { reservedCents: number; releasedCents: number }>>;
};

/**
 * What a stretch of the log changed in a fold (D74): the farm-years (`farm\u0000year`) and the farms it
 * touched, or `everything` — a balance-parameter version governs the basis of every farm-year of its
 * years. A record derived before the stretch is brought up to date by deriving these again (`whatIfRecordOf`).
 */
export type FoldChanges = { farmYears: Set<string>; farms: Set<string>; everything: boolean };
export const noFoldChanges = (): FoldChanges => ({ farmYears: new Set(), farms: new Set(), everything: false });

/** Where a fold is kept between runs (`WhatIfInputSnapshot`): load answers null when it cannot be resumed to `upTo`. */
export type SavedFold = Readonly<{ load: (store: EventStore, upTo: number) => Promise<WhatIfFold | null>; save: (fold: WhatIfFold) => void }>;

export const emptyWhatIfFold = (): WhatIfFold => ({ after: 0, afterEventId: null, logPosition: 0, farms: new Map(), years: new Map(), normSets: new Map(), reservations: new Map() });

const yearOf = (fold: WhatIfFold, farmId: string, year: number, changes?: FoldChanges): Year => {
  const key = `${farmId}\u0000${year}`;
  changes?.farmYears.add(key);
  let y = fold.years.get(key);
  if (!y) fold.years.set(key, (y = { farmId, year, submissions: [], scores: new Map(), levies: new Map() }));
  return y;
};

/**
 * Folds events (in log order, after `fold.after`) into the fold, in place. Saved folds are resumed: a
 * change of what this keeps or how bumps `WHAT_IF_FOLD_FORMAT` (what-if-input-snapshot.ts).
 */
export const foldWhatIfEvents = (fold: WhatIfFold, events: readonly StoredEvent[], changes?: FoldChanges): void => {
  for (const e of events) {
    fold.after = e.position;
    fold.afterEventId = e.id;
    if (e.streamId.startsWith(WHAT_IF_STREAM_PREFIX)) continue;
    fold.logPosition = e.position;
    const d = e.data as Record<string, any>;
    switch (e.type) {
      case 'FarmRegistered':
        changes?.farms.add(d.farmId);
        fold.farms.set(d.farmId, { province: d.province ?? null, ...(Array.isArray(d.soilTypes) ? { soilTypes: d.soilTypes } : {}), landUse: d.landUse ?? null, peatSharePct: d.peatSharePct ?? 0, livestockUnits: d.livestockUnits ?? null });
        break;
      case 'FarmDetailsCorrected': {
        const farm = fold.farms.get(d.farmId);
        changes?.farms.add(d.farmId);
        if (farm) for (const k of DETAIL_KEYS) if (Object.hasOwn(d.changes ?? {}, k)) (farm as Record<string, unknown>)[k] = d.changes[k];
        break;
      }
      case 'BalanceDataSubmitted':
      case 'BalanceDataCorrected': {
        const y = yearOf(fold, d.farmId, d.year, changes);
        if (e.type === 'BalanceDataCorrected') for (const s of y.submissions) if (s.submissionId === d.supersedes) s.active = false;
        const { farmId: _f, year: _y, submissionId, submittedAt: _s, correctedAt: _c, supersedes: _p, reason: _r, ...data } = d;
        y.submissions.push({ submissionId, eventId: e.id, data: data as BalanceData, active: true });
        break;
      }
      case 'BalanceDataWithdrawn':
        for (const s of yearOf(fold, d.farmId, d.year, changes).submissions) if (s.submissionId === d.submissionId) s.active = false;
        break;
      case 'ScoreCalculated':
      case 'ScoreRecalculated': {
        const s = d as ScoreCalculated['data'];
        // The quality of each recorded value, where the score recorded its provenance (D46).
        const quality: Record<string, QualityClass> = {};
        for (const kpi of Object.values(s.inputs.provenance ?? {})) for (const p of kpi?.indicators ?? []) quality[p.indicator] = p.quality;
        yearOf(fold, s.farmId, s.year, changes).scores.set(s.scheme, {
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
        const l = d as LevyAssessed['data'];
        yearOf(fold, l.farmId, l.year, changes).levies.set(l.levyId, { levyId: l.levyId, normSet: l.assessment.normSet, totalCents: l.assessment.totalCents, parts: Object.fromEntries(l.assessment.lines.map((x) => [x.componentId, x.amountCents])), levied: Object.fromEntries(l.assessment.lines.map((x) => [x.componentId, Number(x.excess) > 0])), inputs: l.inputs });
        break;
      }
      case 'NormSetPublished':
      case 'NormSetAmended': {
        const doc = d.document as NormSetDocument;
        if (changes && doc.normSetId === balanceParametersV1.normSetId) changes.everything = true;
        fold.normSets.set(doc.normSetId, [...(fold.normSets.get(doc.normSetId) ?? []), doc]);
        break;
      }
      case 'SubsidyGranted':
      case 'BudgetReservationReleased': {
        const g = d as SubsidyGranted['data'] | BudgetReservationReleased['data'];
        let scheme = fold.reservations.get(g.scheme);
        if (!scheme) fold.reservations.set(g.scheme, (scheme = new Map()));
        const a = scheme.get(g.applicationId) ?? { reservedCents: 0, releasedCents: 0 };
        if ('reservedCents' in g) a.reservedCents = g.reservedCents;
        else a.releasedCents = g.releasedCents;
        scheme.set(g.applicationId, a);
        break;
      }
      default:
        break;
    }
  }
};

/** A record derived earlier from the same fold, and what the fold took in since (D74). */
export type DerivedBefore = Readonly<{ record: WhatIfRecord; changes: FoldChanges }>;

const keyOfYear = (farmId: string, year: number) => `${farmId}\u0000${year}`;
const byYearAndFarm = (a: { year: number; farmId: string }, b: { year: number; farmId: string }) => a.year - b.year || (a.farmId < b.farmId ? -1 : a.farmId > b.farmId ? 1 : 0);

/**
 * The what-if's record from a fold: the farm-years of the years asked, in (year, farm) order. Given a
 * record derived before from the same fold (`before`) and the changes folded since, only the farm-years
 * those changes touched are derived again — with the farm-years whose manure counterparts they are, or
 * were — and every other farm-year is the *same object* as before, so what runs cache per farm-year is
 * found again (D74: a live ledger). A balance-parameter version derives every farm-year again.
 */
export const whatIfRecordOf = (fold: WhatIfFold, range: Readonly<{ from: number; to: number }>, before?: DerivedBefore): WhatIfRecord => {
  const governing = <P>(shipped: NormSetDocument<P>, year: number) => governingVersion<P>({ versions: (fold.normSets.get(shipped.normSetId) ?? []).map((document) => ({ document })) }, { year }) ?? shipped;
  const inRange = [...fold.years.values()].filter((y) => y.year >= range.from && y.year <= range.to);
  const activeOf = (y: Year): ActiveSubmission[] => y.submissions.filter((s) => s.active).map((s) => ({ submissionId: s.submissionId, eventId: s.eventId, recordedAt: '', data: s.data }));
  // The active submissions of a farm-year, each list made once: a counterpart shares its farm-year's.
  const active = new Map<string, ActiveSubmission[]>();
  const activeAt = (key: string) => {
    let subs = active.get(key);
    if (!subs) active.set(key, (subs = fold.years.has(key) ? activeOf(fold.years.get(key)!) : []));
    return subs;
  };
  // The manure counterparts of each farm-year, as the check runner finds them: farms its submissions
  // name, and farms whose submissions name it (the manure-links read model, folded here).
  // After a tail (D74) only the years it touched are derived again: only their links are needed.
  const incremental = before && !before.changes.everything ? yearsTouched(fold, before.changes, range) : null;
  const linked = new Map<string, Set<string>>();
  for (const y of inRange)
    if (!incremental || incremental.has(y.year))
      for (const s of y.submissions)
      for (const other of counterpartsIn(s.data)) {
        const key = keyOfYear(other, y.year);
        if (!linked.has(key)) linked.set(key, new Set());
        linked.get(key)!.add(y.farmId);
      }
  const counterpartIds = (y: Year) => {
    const named = activeAt(keyOfYear(y.farmId, y.year)).flatMap((s) => counterpartsIn(s.data));
    return [...new Set([...(linked.get(keyOfYear(y.farmId, y.year)) ?? []), ...named])].filter((id) => id !== y.farmId).sort();
  };
  const derive = (y: Year): FarmYearInputs => {
    const farm = fold.farms.get(y.farmId) ?? { province: null, landUse: null, peatSharePct: 0, livestockUnits: null };
    const submissions = activeAt(keyOfYear(y.farmId, y.year));
    const counterparts = counterpartIds(y).map((id) => ({ farmId: id, submissions: activeAt(keyOfYear(id, y.year)) }));
    const params = governing<BalanceParameters>(balanceParametersV1, y.year).parameters;
    // Indicators by the balance precedence (computeFarmBalance's rule), with their quality classes.
    const indicators: Record<string, { value: number | boolean; quality: QualityClass }> = {};
    for (const source of [...params.indicatorSourcePrecedence].reverse()) {
      for (const s of submissions.filter((x) => x.data.source === source)) for (const [k, v] of Object.entries(s.data.indicators ?? {})) if (v) indicators[k] = { value: v.value, quality: v.quality };
    }
    const land = submissions.filter((s) => s.data.landUse).at(-1)?.data.landUse ?? farm.landUse;
    return {
      farmId: y.farmId,
      year: y.year,
      province: farm.province,
      ...(farm.soilTypes ? { soilTypes: farm.soilTypes } : {}),
      landUse: land,
      livestockUnits: farm.livestockUnits,
      peatSharePct: farm.peatSharePct,
      indicators,
      balance: submissions.length ? balanceBasis(submissions, farm.landUse, params) : null,
      scores: [...y.scores.values()].map((sc) => ({ ...sc, quality: Object.fromEntries(Object.keys(sc.indicators).map((k) => [k, sc.quality[k] ?? indicators[k]?.quality ?? 'default'])) })),
      levies: [...y.levies.values()],
      sources: submissions.length ? { submissions, counterparts } : null,
    };
  };
  const farmYears = before && incremental ? rederived(before, fold, range, derive, counterpartIds) : inRange.sort(byYearAndFarm).map(derive);
  const reservedCents = new Map<string, number>();
  for (const [scheme, apps] of fold.reservations) {
    let net = 0;
    for (const a of apps.values()) net += Math.max(0, a.reservedCents - a.releasedCents);
    reservedCents.set(scheme, net);
  }
  return { farmYears, logPosition: fold.logPosition, normSets: fold.normSets, reservedCents };
};

/** The farm-years a tail touched, in the range: those it folded into, and every year of a farm whose details moved. */
const touchedYears = (fold: WhatIfFold, changes: FoldChanges, range: Readonly<{ from: number; to: number }>): Year[] => {
  const touched = new Set<Year>();
  for (const key of changes.farmYears) {
    const y = fold.years.get(key);
    if (y && y.year >= range.from && y.year <= range.to) touched.add(y);
  }
  for (const farmId of changes.farms)
    for (let year = range.from; year <= range.to; year++) {
      const y = fold.years.get(keyOfYear(farmId, year));
      if (y) touched.add(y);
    }
  return [...touched];
};
const yearsTouched = (fold: WhatIfFold, changes: FoldChanges, range: Readonly<{ from: number; to: number }>) => new Set(touchedYears(fold, changes, range).map((y) => y.year));

/**
 * The farm-years of a record derived before, with those the changes touched derived again (D74): a
 * farm-year whose facts moved, every year of a farm whose details moved, and the farm-years whose
 * manure counterparts a moved farm-year is, was or ever named (their records hold its submissions).
 * The rest are the objects of before. Its cost is that of the touched farm-years and one pass over
 * the record, without a key or a map per farm-year.
 */
const rederived = (before: DerivedBefore, fold: WhatIfFold, range: Readonly<{ from: number; to: number }>, derive: (y: Year) => FarmYearInputs, counterpartIds: (y: Year) => string[]): FarmYearInputs[] => {
  const { changes } = before;
  const previous = (farmId: string, year: number) => {
    // The record is in (year, farm) order: found by halving.
    const list = before.record.farmYears;
    let [lo, hi] = [0, list.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const c = byYearAndFarm(list[mid], { year, farmId });
      if (c === 0) return list[mid];
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  const affected = new Map<number, Set<string>>();
  const affect = (farmId: string, year: number) => {
    let farms = affected.get(year);
    if (!farms) affected.set(year, (farms = new Set()));
    farms.add(farmId);
  };
  for (const y of touchedYears(fold, changes, range)) {
    affect(y.farmId, y.year);
    if (!changes.farmYears.has(keyOfYear(y.farmId, y.year))) continue;
    for (const id of counterpartIds(y)) affect(id, y.year);
    for (const c of previous(y.farmId, y.year)?.sources?.counterparts ?? []) affect(c.farmId, y.year);
    for (const s of y.submissions) for (const id of counterpartsIn(s.data)) affect(id, y.year);
  }
  const farmYears = before.record.farmYears.map((f) => (affected.get(f.year)?.has(f.farmId) ? derive(fold.years.get(keyOfYear(f.farmId, f.year))!) : f));
  let added = false;
  for (const [year, farms] of affected)
    for (const farmId of farms) {
      const y = fold.years.get(keyOfYear(farmId, year));
      if (!y || year < range.from || year > range.to || previous(farmId, year)) continue;
      farmYears.push(derive(y));
      added = true;
    }
  return added ? farmYears.sort(byYearAndFarm) : farmYears;
};

/**
 * The fold resumed to `upTo` (D51, D60): from `from` (a fold held in memory, D65) or else the snapshot
 * where one is given and can be resumed, or else from the start — then only the log's tail is read. At
 * national scale (150,000 farm-years with three submissions, a score and a levy each) the store answers
 * a scan far faster than 750,000 point reads. `moved`: whether the official record moved (the fold is
 * then saved to the snapshot: not for what-if events alone, or a run's own events would make every run
 * write it again; the next run reads those few again instead; nor where `saveIf` says no, D74). `changes`:
 * what the events read changed (D74).
 */
export const resumeWhatIfFold = async (
  store: EventStore,
  from: WhatIfFold | null,
  options: Readonly<{ upTo: number; onProgress?: (eventsRead: number) => void; snapshot?: SavedFold; saveIf?: (fold: WhatIfFold) => boolean }>,
): Promise<{ fold: WhatIfFold; moved: boolean; changes: FoldChanges; saved: boolean }> => {
  const fold = from ?? (await options.snapshot?.load(store, options.upTo)) ?? emptyWhatIfFold();
  const resumedAt = fold.logPosition;
  const changes = noFoldChanges();
  for await (const batch of readAllInBatches(store, { after: fold.after || null, upTo: options.upTo, batchSize: 5000 })) {
    foldWhatIfEvents(fold, batch, changes);
    options.onProgress?.(batch[batch.length - 1].position);
  }
  const moved = fold.logPosition > resumedAt;
  const saved = moved && !!options.snapshot && (options.saveIf?.(fold) ?? true);
  if (saved) options.snapshot!.save(fold);
  return { fold, moved, changes, saved };
};

/**
 * Reads the official record up to `upTo` (D51): one sequential pass in log order, resumed from a
 * snapshot of the fold where one is given and not past `upTo` (D60). The balance's basis is taken
 * under the balance parameters that governed each year, as recorded.
 */
export const readWhatIfRecord = async (
  store: EventStore,
  options: Readonly<{ years: Readonly<{ from: number; to: number }>; upTo: number; onProgress?: (eventsRead: number) => void; snapshot?: SavedFold }>,
): Promise<WhatIfRecord> => whatIfRecordOf((await resumeWhatIfFold(store, null, options)).fold, options.years);

/** Whether the log still holds, at the fold's position, the event it was folded to (not another or a reset log). */
export const logHoldsFold = async (store: EventStore, fold: Pick<WhatIfFold, 'after' | 'afterEventId'>): Promise<boolean> => {
  if (fold.after === 0) return false;
  const [there] = await store.readAll({ after: fold.after - 1, limit: 1 });
  return !!there && there.position === fold.after && there.id === fold.afterEventId;
};

/** The shipped documents the balance and the checks fall back to before their first publication reaches the log (D41). */
export const SHIPPED_FALLBACKS: Readonly<Record<string, NormSetDocument<BalanceParameters> | NormSetDocument<CheckTolerances>>> = {
  'balance-parameters': balanceParametersV1,
  'check-tolerances': checkTolerancesV1,
};
