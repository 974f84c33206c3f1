import Decimal from 'decimal.js';
import type { ActiveSubmission, FarmBalance, ReadActiveSubmission } from '../balance/compute-balance';
import { totalAreaHa, type LandUse } from '../farm/farm';
import type { NormSetDocument } from '../norms/norm-set';
import type { Flow } from '../submission/balance-data';
import type { DataSource } from '../submission/data-source';
import type { IndicatorKey } from '../submission/indicator-keys';
import type { CheckOutcome } from './check-outcome';
import { relativeDifferencePct, severityOf } from './check-outcome';
import type { CheckTolerances } from './check-tolerances';
import { readActiveSubmissions } from '../balance/compute-balance';
import { checkCheckTolerances } from '../norms/validate-norm-set';
import { invalidField, isDecimalString, isPlainObject, ownValue, requireArray, requireObject, requireString } from '../shared/guards';
import { readLandUse } from '../submission/validate-balance-data';
import { normDecimal } from '../shared/norm-decimal';
import { roundHalfUp } from '../shared/round-half-up';

export type CounterpartFarmYear = Readonly<{ farmId: string; submissions: readonly ActiveSubmission[] }>;

export type CheckInput = Readonly<{
  farmId: string;
  year: number;
  submissions: readonly ActiveSubmission[];
  balance: FarmBalance;
  farm: Readonly<{ landUse: LandUse; livestockUnits: number }> | null;
  /** Farms this farm sent manure to or received it from, in the same year. */
  counterparts: readonly CounterpartFarmYear[];
  tolerances: NormSetDocument<CheckTolerances>;
}>;

/** What the cross-source checks (1–4) read: the submissions of the farm-year and of its manure counterparts, not the balance. */
export type CrossSourceInput = Pick<CheckInput, 'farmId' | 'year' | 'submissions' | 'counterparts' | 'tolerances'>;

const D = (v: Decimal.Value) => new Decimal(v);
const round = (d: Decimal, places = 2) => roundHalfUp(d, places);
const latestFrom = (subs: readonly ActiveSubmission[], source: DataSource) => subs.filter((s) => s.data.source === source).at(-1);
const flowsOf = (s: ActiveSubmission | undefined, pred: (f: Flow) => boolean) => s?.data.flows?.filter(pred) ?? [];
const sumKg = (flows: readonly Flow[]) => flows.reduce((a, f) => a.plus(f.kgProduct), D(0));

/** 1. Milk delivered per the dairy processor vs milk output in the KLW submission. */
const milkDelivered = (i: CrossSourceInput): CheckOutcome[] => {
  const processor = latestFrom(i.submissions, 'dairy-processor');
  const klw = latestFrom(i.submissions, 'klw');
  const delivered = flowsOf(processor, (f) => f.kind === 'milk');
  const reported = flowsOf(klw, (f) => f.kind === 'milk');
  if (!delivered.length || !reported.length) return [];
  const diffPct = relativeDifferencePct(sumKg(reported), sumKg(delivered));
  const severity = severityOf(diffPct, i.tolerances.parameters.milkDelivered.relativePct);
  return [
    {
      checkId: 'milk-delivered',
      subject: 'milk',
      severity,
      message: `KLW reports ${sumKg(reported)} kg milk, the dairy processor ${sumKg(delivered)} kg (${round(diffPct)} %)`,
      compared: [processor!.eventId, klw!.eventId],
      values: { processorKg: sumKg(delivered).toNumber(), klwKg: sumKg(reported).toNumber(), differencePct: round(diffPct) },
    },
  ];
};

/** 2. Manure per the transport registry vs what the other farm reports; both sides must match. */
const manureTransfer = (i: CrossSourceInput): CheckOutcome[] => {
  const band = i.tolerances.parameters.manureTransfer.relativePct;
  const out: CheckOutcome[] = [];
  const compare = (registry: ActiveSubmission, registryKg: Decimal, other: ActiveSubmission | undefined, otherKg: Decimal, subject: string, direction: string) => {
    if (!other) return;
    const diffPct = relativeDifferencePct(otherKg, registryKg);
    out.push({
      checkId: 'manure-transfer',
      subject,
      severity: severityOf(diffPct, band),
      message: `${direction}: the transport registry records ${registryKg} kg, the other side reports ${otherKg} kg (${round(diffPct)} %)`,
      compared: [registry.eventId, other.eventId],
      values: { registryKg: registryKg.toNumber(), reportedKg: otherKg.toNumber(), differencePct: round(diffPct) },
    });
  };
  // This farm as sender: the registry on this farm vs the receiver's own report.
  const ownRegistry = latestFrom(i.submissions, 'manure-transport-registry');
  for (const c of i.counterparts) {
    const sent = flowsOf(ownRegistry, (f) => f.kind === 'manure-delivered' && f.counterpartyFarmId === c.farmId);
    if (sent.length) {
      const receiverReport = latestFrom(c.submissions, 'klw');
      const received = flowsOf(receiverReport, (f) => f.kind === 'organic-manure-received' && f.counterpartyFarmId === i.farmId);
      compare(ownRegistry!, sumKg(sent), receiverReport, sumKg(received), `manure-out:${c.farmId}`, `${i.farmId} → ${c.farmId}`);
    }
    // This farm as receiver: the sender's registry record vs this farm's own report.
    const senderRegistry = latestFrom(c.submissions, 'manure-transport-registry');
    const delivered = flowsOf(senderRegistry, (f) => f.kind === 'manure-delivered' && f.counterpartyFarmId === i.farmId);
    if (delivered.length) {
      const ownReport = latestFrom(i.submissions, 'klw');
      const received = flowsOf(ownReport, (f) => f.kind === 'organic-manure-received' && f.counterpartyFarmId === c.farmId);
      compare(senderRegistry!, sumKg(delivered), ownReport, sumKg(received), `manure-in:${c.farmId}`, `${c.farmId} → ${i.farmId}`);
    }
  }
  return out;
};

/** 3. Land in use per the gecombineerde opgave vs the land use in the KLW submission. */
const landInUse = (i: CrossSourceInput): CheckOutcome[] => {
  const go = latestFrom(i.submissions, 'gecombineerde-opgave');
  const klw = latestFrom(i.submissions, 'klw');
  if (!go?.data.landUse || !klw?.data.landUse) return [];
  const keys = ['grasslandHa', 'maizeHa', 'arableHa'] as const;
  const diffs = keys.map((k) => D(klw.data.landUse![k]).minus(go.data.landUse![k]));
  const worst = diffs.reduce((a, b) => (b.abs().gt(a.abs()) ? b : a), D(0));
  return [
    {
      checkId: 'land-in-use',
      subject: 'land',
      severity: severityOf(worst, i.tolerances.parameters.landInUse.absoluteHa),
      message: `KLW land use ${totalAreaHa(klw.data.landUse)} ha vs gecombineerde opgave ${totalAreaHa(go.data.landUse)} ha (largest difference ${round(worst)} ha in one land use)`,
      compared: [go.eventId, klw.eventId],
      values: Object.fromEntries([...keys.map((k, n) => [`${k}Difference`, round(diffs[n])]), ['largestDifferenceHa', round(worst)]]),
    },
  ];
};

/** 4. Milk N recomputed from milk kg and protein % vs the submitted milk N. */
const milkNitrogen = (i: CrossSourceInput, factor: string): CheckOutcome[] => i.submissions.flatMap((s) => milkNitrogenOf(s, i.tolerances, factor));

/** Check 4 on one submission: it reads that submission alone. */
const milkNitrogenOf = (s: ActiveSubmission, tolerances: NormSetDocument<CheckTolerances>, factor: string): CheckOutcome[] =>
  flowsOf(s, (f) => f.kind === 'milk' && f.nKg !== undefined && f.proteinPct !== undefined).map((f) => {
    const recomputed = D(f.kgProduct).times(f.proteinPct!).div(100).div(factor);
    const diffPct = relativeDifferencePct(f.nKg!, recomputed);
    return {
      checkId: 'milk-nitrogen' as const,
      subject: `milk-n:${s.data.source}`,
      severity: severityOf(diffPct, tolerances.parameters.milkNitrogen.relativePct),
      message: `${s.data.source} states ${f.nKg} kg milk N; ${f.kgProduct} kg × ${f.proteinPct} % ÷ ${factor} gives ${round(recomputed)} kg (${round(diffPct)} %)`,
      compared: [s.eventId],
      values: { submittedNKg: f.nKg!, recomputedNKg: round(recomputed), differencePct: round(diffPct) },
    };
  });

/** 5. Farm N surplus recomputed from the flows vs the KLW-reported farm surplus. */
const farmNSurplus = (i: CheckInput): CheckOutcome[] => {
  const klw = latestFrom(i.submissions, 'klw');
  const reported = klw?.data.indicators?.nFarmSurplusKgHa?.value;
  if (typeof reported !== 'number' || i.balance.n.surplusKgHa === null || !Object.keys(i.balance.flowSources).length) return [];
  const diff = D(i.balance.n.surplusKgHa).minus(reported);
  const compared = [...new Set([klw!.eventId, ...i.submissions.filter((s) => Object.values(i.balance.flowSources).some((fs) => fs?.submissionId === s.submissionId)).map((s) => s.eventId)])];
  return [
    {
      checkId: 'farm-n-surplus',
      subject: 'n-surplus',
      severity: severityOf(diff, i.tolerances.parameters.farmNSurplus.absoluteKgHa),
      message: `KLW reports a farm N surplus of ${reported} kg/ha; the submitted flows give ${i.balance.n.surplusKgHa} kg/ha`,
      compared,
      values: { reportedKgHa: reported, recomputedKgHa: i.balance.n.surplusKgHa, differenceKgHa: round(diff) },
    },
  ];
};

/** Check 6's physical ranges on one submission: each of its indicators that has a range. */
const rangesOf = (s: ActiveSubmission, tolerances: NormSetDocument<CheckTolerances>): CheckOutcome[] => {
  const p = tolerances.parameters.plausibility;
  const out: CheckOutcome[] = [];
  for (const [key, v] of Object.entries(s.data.indicators ?? {})) {
    const range = ownValue(p.ranges as Record<string, { min: string; max: string }>, key as IndicatorKey);
    if (!range || !v || typeof v.value !== 'number') continue;
    const outside = D(v.value).lt(normDecimal(range.min)) || D(v.value).gt(normDecimal(range.max));
    out.push({
      checkId: 'plausibility',
      subject: `range:${key}:${s.data.source}`,
      severity: outside ? 'blocking' : 'pass',
      message: `${key} = ${v.value} from ${s.data.source}${outside ? ` is outside the possible range ${range.min}..${range.max}` : ' is within range'}`,
      compared: [s.eventId],
      values: { value: v.value, min: range.min, max: range.max },
    });
  }
  return out;
};

/** 6. Plausibility: physical ranges, urea vs ration protein, grazing vs stocking density. */
const plausibility = (i: CheckInput, ranges: CheckOutcome[]): CheckOutcome[] => {
  const p = i.tolerances.parameters.plausibility;
  // The ranges' array is this call's own (checksOf builds it for it): appended to, not copied.
  const out = ranges;
  const ind = i.balance.indicators;
  const urea = ind.milkUreaMg100g;
  const protein = ind.rationCrudeProteinGKgDm;
  if (urea && protein && typeof urea.value === 'number' && typeof protein.value === 'number') {
    const expected = normDecimal(p.ureaFromRationProtein.slope).times(D(protein.value).minus(normDecimal(p.ureaFromRationProtein.proteinOffset)));
    const diff = D(urea.value).minus(expected);
    const off = diff.abs().gt(normDecimal(p.ureaFromRationProtein.toleranceMg100g));
    out.push({
      checkId: 'plausibility',
      subject: 'urea-vs-ration-protein',
      severity: off ? 'warning' : 'pass',
      message: `milk urea ${urea.value} mg/100 g with ration crude protein ${protein.value} g/kg DM; expected about ${round(expected, 1)}`,
      compared: [...new Set([eventOf(i, urea.submissionId), eventOf(i, protein.submissionId)])],
      values: { ureaMg100g: urea.value, rationCrudeProteinGKgDm: protein.value, expectedUreaMg100g: round(expected, 1) },
    });
  }
  const grazing = ind.grazingHours;
  if (grazing && typeof grazing.value === 'number' && grazing.value > 0 && i.farm) {
    const grassland = i.farm.landUse.grasslandHa;
    const density = grassland > 0 ? D(i.farm.livestockUnits).div(grassland) : null;
    const off = density === null || density.gt(normDecimal(p.maxLivestockUnitsPerGrasslandHaWhenGrazing));
    out.push({
      checkId: 'plausibility',
      subject: 'grazing-vs-stocking',
      severity: off ? 'warning' : 'pass',
      message:
        density === null
          ? `${grazing.value} grazing hours reported without grassland`
          : `${grazing.value} grazing hours with ${round(density)} livestock units per ha grassland (plausible up to ${p.maxLivestockUnitsPerGrasslandHaWhenGrazing})`,
      compared: [eventOf(i, grazing.submissionId)],
      values: { grazingHours: grazing.value, livestockUnitsPerGrasslandHa: density ? round(density) : null },
    });
  }
  return out;
};

/** The event a balance figure came from; a figure from a submission not among the inputs names no event. */
const eventOf = (i: CrossSourceInput, submissionId: string) => i.submissions.find((s) => s.submissionId === submissionId)?.eventId ?? `submission:${submissionId}`;

/** Milk protein factors found valid: the check is a function of the string alone, so each is checked once (D85: at every reconcile before). */
const validFactors = new Set<unknown>();

const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The entrance (D31): submissions as recorded (null optional fields read as absent), the farm's
 * details (a farm whose land use or livestock units are missing reads as unknown), the balance's
 * figures and the tolerances; anything else malformed is a DomainError naming the field.
 */
const readCheckInput = (raw: CheckInput, factor: string, submissionsRead = false): CheckInput => {
  const readSubmissions = (v: unknown, field: string) => (submissionsRead ? (v as ReadActiveSubmission[]) : readActiveSubmissions(v, field));
  const input = requireObject(raw, 'input');
  if (!validFactors.has(factor)) {
    if (!isDecimalString(factor) || Number(factor) <= 0) invalidField('INVALID_DECIMAL', 'the milk protein to nitrogen factor is a decimal above 0', 'milkProteinToNitrogenFactor');
    if (validFactors.size >= 1_000) validFactors.clear();
    validFactors.add(factor);
  }
  const tolerances = requireObject(input.tolerances, 'tolerances') as NormSetDocument<CheckTolerances>;
  checkCheckTolerances(tolerances.parameters);
  const farm = input.farm;
  const f = isPlainObject(farm) ? farm : null;
  const knownFarm =
    f && isPlainObject(f.landUse) && typeof f.livestockUnits === 'number'
      ? { landUse: readLandUse(f.landUse, 'farm.landUse'), livestockUnits: finiteOrNull(f.livestockUnits) ?? invalidField('INVALID_NUMBER', 'livestockUnits must be a finite number', 'farm.livestockUnits') }
      : null;
  const balance = requireObject(input.balance, 'balance') as FarmBalance;
  const n = isPlainObject(balance.n) ? balance.n : {};
  const indicators: Record<string, { value: number | boolean; submissionId: string }> = {};
  if (isPlainObject(balance.indicators)) {
    for (const [key, v] of Object.entries(balance.indicators)) {
      if (isPlainObject(v) && (typeof v.value === 'boolean' || finiteOrNull(v.value) !== null) && typeof v.submissionId === 'string') {
        Object.defineProperty(indicators, key, { value: { ...v, value: v.value, submissionId: v.submissionId }, enumerable: true });
      }
    }
  }
  return {
    farmId: requireString(input.farmId, 'farmId', 100),
    year: input.year as number,
    submissions: readSubmissions(input.submissions, 'submissions'),
    balance: {
      ...balance,
      n: { ...(n as FarmBalance['n']), surplusKgHa: finiteOrNull((n as { surplusKgHa?: unknown }).surplusKgHa) },
      flowSources: isPlainObject(balance.flowSources) ? balance.flowSources : {},
      indicators: indicators as FarmBalance['indicators'],
    },
    farm: knownFarm,
    counterparts: requireArray(input.counterparts ?? [], 'counterparts').map((c, k) => {
      const counterpart = requireObject(c, `counterparts[${k}]`);
      return { farmId: requireString(counterpart.farmId, `counterparts[${k}].farmId`, 100), submissions: readSubmissions(counterpart.submissions, `counterparts[${k}].submissions`) };
    }),
    tolerances,
  };
};

/**
 * What checks 4 and 6 conclude from one submission alone: its milk N and its indicators against their
 * ranges. A submission's data never changes, so under the same tolerances and milk protein factor
 * these are the same outcomes at every reconcile: the checks reactor keeps them per submission (D77).
 */
export type SubmissionOutcomes = Readonly<{ milkNitrogen: readonly CheckOutcome[]; ranges: readonly CheckOutcome[] }>;

export const submissionOutcomes = (s: ReadActiveSubmission, tolerances: NormSetDocument<CheckTolerances>, milkProteinToNitrogenFactor: string): SubmissionOutcomes => ({
  milkNitrogen: milkNitrogenOf(s, tolerances, milkProteinToNitrogenFactor),
  ranges: rangesOf(s, tolerances),
});

/** A farm-year's check input whose submissions (and the counterparts') were read already, each once (D77). */
export type ReadCheckInput = Omit<CheckInput, 'submissions' | 'counterparts'> &
  Readonly<{ submissions: readonly ReadActiveSubmission[]; counterparts: ReadonlyArray<Readonly<{ farmId: string; submissions: readonly ReadActiveSubmission[] }>> }>;

/** Every check of action 11 that has data to work on; checks without data yield nothing. */
export const runChecks = (raw: CheckInput, milkProteinToNitrogenFactor: string): CheckOutcome[] => {
  const input = readCheckInput(raw, milkProteinToNitrogenFactor);
  return checksOf(input, (s) => submissionOutcomes(s, input.tolerances, milkProteinToNitrogenFactor));
};

/**
 * `runChecks` on submissions read already, with each submission's own outcomes from `outcomesOf`
 * (which must answer `submissionOutcomes` of it under the input's tolerances and this factor: the
 * checks reactor answers them from what it kept, D77). The same outcomes, in the same order.
 */
export const runChecksOnRead = (raw: ReadCheckInput, milkProteinToNitrogenFactor: string, outcomesOf: (s: ReadActiveSubmission) => SubmissionOutcomes): CheckOutcome[] =>
  checksOf(readCheckInput(raw as CheckInput, milkProteinToNitrogenFactor, true), outcomesOf);

/** Checks 1–6 in their order; 4 and the ranges of 6 are each submission's own outcomes, in the submissions' order. */
const checksOf = (input: CheckInput, outcomesOf: (s: ReadActiveSubmission) => SubmissionOutcomes): CheckOutcome[] => {
  const own = (input.submissions as readonly ReadActiveSubmission[]).map(outcomesOf);
  // One array, appended to in the checks' order (D85: flatMap and the spreads copied every submission's kept outcomes twice per reconcile).
  const out: CheckOutcome[] = [];
  const append = (outcomes: readonly CheckOutcome[]) => {
    for (const o of outcomes) out.push(o);
  };
  append(milkDelivered(input));
  append(manureTransfer(input));
  append(landInUse(input));
  for (const o of own) append(o.milkNitrogen);
  append(farmNSurplus(input));
  const ranges: CheckOutcome[] = [];
  for (const o of own) for (const r of o.ranges) ranges.push(r);
  append(plausibility(input, ranges));
  return out;
};

/** The submissions of a cross-source input read as `runChecks` reads them (null optional fields absent). */
export const readCrossSourceInput = (raw: CrossSourceInput): CrossSourceInput => ({
  ...raw,
  submissions: readActiveSubmissions(raw.submissions, 'submissions'),
  counterparts: raw.counterparts.map((c, k) => ({ farmId: c.farmId, submissions: readActiveSubmissions(c.submissions, `counterparts[${k}].submissions`) })),
});

/** Checks 1–3 (milk delivered, manure transfer, land in use) on a read input: they depend on the tolerances only. */
export const sourceComparisons = (input: CrossSourceInput): CheckOutcome[] => [...milkDelivered(input), ...manureTransfer(input), ...landInUse(input)];

/** Check 4 (milk nitrogen) on a read input: it depends on the milk protein factor as well. */
export const milkNitrogenCheck = (input: CrossSourceInput, milkProteinToNitrogenFactor: string): CheckOutcome[] => milkNitrogen(input, milkProteinToNitrogenFactor);

/**
 * The checks that compare one source with another (milk delivered, manure transfer, land in use, milk
 * nitrogen), on their own: a what-if (D60) asks which of them block under other tolerances or another
 * milk protein factor. The same functions `runChecks` runs, on the submissions read the same way.
 */
export const crossSourceChecks = (raw: CrossSourceInput, milkProteinToNitrogenFactor: string): CheckOutcome[] => {
  const input = readCrossSourceInput(raw);
  return [...sourceComparisons(input), ...milkNitrogenCheck(input, milkProteinToNitrogenFactor)];
};
