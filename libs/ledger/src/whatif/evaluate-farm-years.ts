import {
  areaClassOf,
  soilClassOf,
  evaluateFarmYear,
  farmYearRandom,
  governingVersion,
  OUTCOME_MEASURES,
  perturb,
  refuse,
  simplify,
  type BalanceParameters,
  type CheckTolerances,
  type EvaluationNorms,
  type FarmYearInputs,
  type LevyNorms,
  type NormSetDocument,
  type NormSetRef,
  type SchemeNorms,
  type WhatIfFarmYear,
  type WhatIfScenario,
} from '@asb/domain';
import { pseudonymise } from './pseudonymise';
import { SHIPPED_FALLBACKS } from './what-if-inputs';

/** Per drafted norm set and year: the version the changes were applied to and the hypothetical document. */
export type Drafted = ReadonlyMap<string, ReadonlyMap<number, Readonly<{ base: NormSetDocument; hypothetical: NormSetDocument }>>>;

/** Everything a farm-year's evaluation depends on besides the farm-year: plain data, so a worker thread can be given it. */
export type EvaluationPlan = Readonly<{
  scenario: WhatIfScenario;
  drafted: Drafted;
  /** Every recorded version of every norm set, oldest first, as of the run's position. */
  normSets: ReadonlyMap<string, readonly NormSetDocument[]>;
  pseudonymKey: string;
  /** Every part of a drafted result computed again (the path before D65), for comparing with the default. */
  everyPart?: boolean;
}>;

/** The norms a farm-year is evaluated under: the recorded versions, the governing ones and the drafts. */
export const evaluationNorms = (plan: EvaluationPlan): EvaluationNorms => {
  const histories = (id: string) => plan.normSets.get(id) ?? [];
  const byRef = new Map<string, NormSetDocument>();
  const document = (ref: NormSetRef) => {
    const key = `${ref.id}@${ref.version}`;
    let doc = byRef.get(key);
    if (!doc) {
      doc = histories(ref.id).find((d) => d.version === ref.version) ?? refuse('NORM_SET_NOT_FOUND', `no version ${ref.version} of ${ref.id} in the log`, 'not_found', 'normSet');
      byRef.set(key, doc);
    }
    return doc;
  };
  const governed = <P>(id: string, year: number, which: 'official' | 'hypothetical'): NormSetDocument<P> => {
    const d = plan.drafted.get(id)?.get(year);
    if (d) return (which === 'official' ? d.base : d.hypothetical) as NormSetDocument<P>;
    return (governingVersion<P>({ versions: histories(id).map((document) => ({ document })) }, { year }) ?? SHIPPED_FALLBACKS[id]) as NormSetDocument<P>;
  };
  const pairsOf = <P>(kind: 'scheme-scoring' | 'levy', year: number) =>
    [...plan.drafted.values()].map((m) => m.get(year)).filter((d): d is { base: NormSetDocument; hypothetical: NormSetDocument } => !!d && d.base.kind === kind).map((d) => ({ official: d.base as NormSetDocument<P>, hypothetical: d.hypothetical as NormSetDocument<P> }));
  const cache = new Map<string, unknown>();
  const memo = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  return {
    document,
    drafted: (id, year) => plan.drafted.get(id)?.get(year)?.hypothetical ?? null,
    draftedSchemes: (year) => memo(`s:${year}`, () => pairsOf<SchemeNorms>('scheme-scoring', year)),
    draftedLevies: (year) => memo(`l:${year}`, () => pairsOf<LevyNorms>('levy', year)),
    balance: (year, which) => memo(`b:${year}:${which}`, () => governed<BalanceParameters>('balance-parameters', year, which).parameters),
    tolerances: (year, which) => memo(`t:${year}:${which}`, () => governed<CheckTolerances>('check-tolerances', year, which)?.parameters ?? null),
    everyPart: plan.everyPart === true,
  };
};

/** Farm-years evaluated one after the other: official, scenario and each sample within the margins. */
export const evaluateFarmYears = (plan: EvaluationPlan, farmYears: readonly FarmYearInputs[], onProgress: (done: number) => void = () => undefined): WhatIfFarmYear[] => {
  const norms = evaluationNorms(plan);
  const { scenario } = plan;
  const rows: WhatIfFarmYear[] = [];
  for (const [i, f] of farmYears.entries()) {
    const simplified = simplify(f, scenario.simplifications);
    const official = evaluateFarmYear(f, norms, 'official');
    const hypothetical = evaluateFarmYear(simplified, norms, 'hypothetical', simplified === f);
    const drawn = [];
    const margins = norms.balance(f.year, 'hypothetical').uncertaintyPctByQuality;
    for (let s = 0; s < scenario.uncertainty.samples; s++) {
      const o = evaluateFarmYear(perturb(simplified, margins, farmYearRandom(scenario.uncertainty.seed, f.farmId, f.year, s)), norms, 'hypothetical');
      drawn.push(Object.fromEntries(OUTCOME_MEASURES.map((m) => [m, o[m]])) as Record<(typeof OUTCOME_MEASURES)[number], number | null>);
    }
    rows.push({
      farm: pseudonymise(plan.pseudonymKey, f.farmId),
      year: f.year,
      recorded: f.scores.length + f.levies.length > 0,
      province: f.province,
      areaClass: areaClassOf(f.balance?.areaHa ?? (f.landUse ? f.landUse.grasslandHa + f.landUse.maizeHa + f.landUse.arableHa : null)),
      soilClass: soilClassOf(f.soilTypes),
      official,
      hypothetical,
      samples: drawn,
    });
    if (i % 1000 === 999) onProgress(i + 1);
  }
  onProgress(farmYears.length);
  return rows;
};
