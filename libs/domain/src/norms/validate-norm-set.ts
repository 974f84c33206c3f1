import Decimal from 'decimal.js';
import { LEVY_BASES } from '../levy/levy-norms';
import { isIndicatorKeyFormat } from './indicator-catalogue';
import { isDataSourceFormat, QUALITY_CLASSES } from '../submission/data-source';
import { INPUT_FLOW_KINDS, OUTPUT_FLOW_KINDS } from '../submission/balance-data';
import { cropsOfMeasure, EQUIVALENT_MEASURES, EVIDENCE_KINDS, FERTILISER_KINDS, SOIL_REGIONS } from '../equivalent-measures/equivalent-measures-norms';
import { invalidField as invalid, isDecimalString as isDecimal, isPlainObject } from '../shared/guards';
import { RESERVED_KEYS } from './parameter-paths';

/**
 * Structural validation of a norm set's parameters, one check per kind (D31), each the `validate` of
 * its rule family (`rule-families/`). Total: whatever the document holds, the answer is nothing
 * (valid) or a DomainError of kind 'invalid' with a code and the path of the offending field
 * (`parameters.kpis.0.tiers.1.threshold`). The whole document is checked by `validateNormSet`
 * (`rule-families/validate-norm-set-document.ts`), which picks the check from the registry.
 */
const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
/** Keys of maps a kind lets an authority extend (crops): lower-case names, never a reserved word. */
const MAP_KEY = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** A date, optionally with a time (the date part is what a validity window compares). */
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

type Obj = Record<string, unknown>;

const object = (v: unknown, field: string): Obj => (isPlainObject(v) ? v : invalid('INVALID_OBJECT', `${field} must be an object`, field));
const list = (v: unknown, field: string, code = 'INVALID_ARRAY'): unknown[] =>
  Array.isArray(v) && v.length > 0 ? v : invalid(code, `${field} must be a non-empty list`, field);
const decimal = (v: unknown, field: string, code = 'INVALID_THRESHOLD'): Decimal =>
  isDecimal(v) ? new Decimal(v) : invalid(code, `${field} must be an exact decimal as a string`, field);
const cents = (v: unknown, field: string): number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : invalid('INVALID_AMOUNT', `${field} must be whole cents, zero or more`, field);
const wholeNumber = (v: unknown, field: string, min = 0, max = 9999): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : invalid('INVALID_NUMBER', `${field} must be a whole number from ${min} to ${max}`, field);
const text = (v: unknown, field: string, max = 1000): string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max ? v : invalid('INVALID_STRING', `${field} must be a non-empty text of at most ${max} characters`, field);
const oneOf = (v: unknown, allowed: readonly string[], field: string, code: string): string =>
  typeof v === 'string' && allowed.includes(v) ? v : invalid(code, `${typeof v === 'string' ? v : `a ${v === null ? 'null' : typeof v}`} is not one of ${allowed.join(', ')}`, field);
const isDate = (v: unknown): v is string => {
  if (typeof v !== 'string' || !DATE.test(v)) return false;
  const day = v.slice(0, 10);
  return !Number.isNaN(Date.parse(v)) && new Date(`${day}T00:00:00Z`).toISOString().startsWith(day);
};
const instant = (v: unknown, field: string): string =>
  typeof v === 'string' && v.length <= 40 && !Number.isNaN(Date.parse(v)) ? v : invalid('INVALID_DATE', `${field} must be a date-time`, field);
const mapKeys = (m: Obj, field: string) => {
  for (const key of Object.keys(m)) if (!MAP_KEY.test(key)) invalid('INVALID_KEY', `${key} is not a valid name`, `${field}.${key}`);
};

/**
 * Parameters documents already found valid, by identity: a rule function checks its norm set at every
 * call (D31), and a what-if or a rebuild calls it thousands of times with the same document. Norm-set
 * documents are never changed in place (they are Readonly; amendments copy), so a valid one stays valid.
 */
const validParameters = new WeakMap<object, string>();
const memoised =
  (kind: string, check: (raw: unknown) => void) =>
  (raw: unknown): void => {
    const key = raw !== null && typeof raw === 'object' ? raw : null;
    if (key && validParameters.get(key) === kind) return;
    check(raw);
    if (key) validParameters.set(key, kind);
  };

/** A KPI or component id becomes a key of the result (`kpis[id]`): a name, never a reserved word. */
const identifier = (v: unknown, field: string) => {
  text(v, field, 100);
  if (RESERVED_KEYS.includes(v as string)) invalid('RESERVED_KEY', `${String(v)} may not be an id`, field);
};

/**
 * The structure names an indicator by its format only; whether some published catalogue declares it is
 * checked at publication (`checkIndicatorsDeclared`, D40), so a rule function accepts a document that
 * names an indicator declared at runtime.
 */
const checkIndicator = (key: unknown, field: string) =>
  isIndicatorKeyFormat(key) ? key : invalid('UNKNOWN_INDICATOR', `${String(key)} is not an indicator key (camelCase, one optional dotted part)`, field);

/**
 * Tiers are tried best first, so thresholds must move strictly away from the best value (down for
 * "at least", up for "at most") while the amounts fall: anything else overlaps or never pays.
 */
const checkTiers = (tiers: unknown, direction: 'atMost' | 'atLeast', field: string) => {
  const all = list(tiers, field, 'MISSING_TIER');
  all.forEach((raw, i) => {
    const t = object(raw, `${field}.${i}`);
    const threshold = decimal(t.threshold, `${field}.${i}.threshold`);
    const amount = cents(t.cents, `${field}.${i}.cents`);
    if (i === 0) return;
    const prev = all[i - 1] as Obj;
    const step = threshold.comparedTo(prev.threshold as string);
    const monotone = direction === 'atMost' ? step > 0 : step < 0;
    if (!monotone) invalid('NON_MONOTONE_TIERS', `tier ${i} threshold ${t.threshold} overlaps or does not follow ${prev.threshold}`, `${field}.${i}.threshold`);
    if (amount >= (prev.cents as number)) invalid('NON_MONOTONE_TIERS', `tier ${i} must pay less than tier ${i - 1}`, `${field}.${i}.cents`);
  });
};

const direction = (v: unknown, field: string, allowed: readonly ('atMost' | 'atLeast')[] = ['atMost', 'atLeast']) =>
  oneOf(v, allowed, field, 'INVALID_DIRECTION') as 'atMost' | 'atLeast';

/**
 * A KPI's `sources` (D46), when present: a non-empty list of distinct data-source ids, in order of
 * preference. Whether a catalogue declares them is checked at publication (`checkDataSourcesDeclared`).
 */
const checkKpiSources = (v: unknown, field: string): readonly string[] | undefined => {
  if (v === undefined) return undefined;
  const sources = list(v, field);
  sources.forEach((s, j) => {
    if (!isDataSourceFormat(s)) invalid('INVALID_PRECEDENCE', `${String(s)} is not a data source id`, `${field}.${j}`);
    if (sources.indexOf(s) !== j) invalid('DUPLICATE_VALUE', `${String(s)} is named twice`, `${field}.${j}`);
  });
  return sources as string[];
};

/** The indicator keys a KPI document names (before its shape is known to be right: strings only). */
const namedIndicators = (kpi: Obj): string[] => {
  const keys: unknown[] = [kpi.indicator, ...(Array.isArray(kpi.indicators) ? kpi.indicators : [])];
  if (isPlainObject(kpi.landUses)) for (const t of Object.values(kpi.landUses)) keys.push(isPlainObject(t) ? t.indicator : undefined);
  return keys.filter((k): k is string => typeof k === 'string');
};

/** The longest title a KPI may carry in either language: a heading, not a text. */
const TITLE_MAX = 200;

/** A KPI's `title` (D76), when present: exactly a Dutch and an English name, each a non-empty text. */
const checkKpiTitle = (v: unknown, field: string) => {
  if (v === undefined) return;
  const title = object(v, field);
  for (const key of Object.keys(title)) if (key !== 'nl' && key !== 'en') invalid('INVALID_KEY', `${key} is not a language of a title (nl, en)`, `${field}.${key}`);
  text(title.nl, `${field}.nl`, TITLE_MAX);
  text(title.en, `${field}.en`, TITLE_MAX);
};

const checkKpi = (raw: unknown, i: number) => {
  const field = `parameters.kpis.${i}`;
  const kpi = object(raw, field);
  identifier(kpi.id, `${field}.id`);
  checkKpiSources(kpi.sources, `${field}.sources`);
  checkKpiTitle(kpi.title, `${field}.title`);
  switch (kpi.kind) {
    case 'threshold':
      checkIndicator(kpi.indicator, `${field}.indicator`);
      return checkTiers(kpi.tiers, direction(kpi.direction, `${field}.direction`), `${field}.tiers`);
    case 'absoluteBand':
      checkIndicator(kpi.indicator, `${field}.indicator`);
      return checkTiers(kpi.tiers, 'atMost', `${field}.tiers`);
    case 'worstOf':
      list(kpi.indicators, `${field}.indicators`).forEach((k, j) => checkIndicator(k, `${field}.indicators.${j}`));
      return checkTiers(kpi.tiers, direction(kpi.direction, `${field}.direction`, ['atMost']), `${field}.tiers`);
    case 'areaWeighted': {
      decimal(kpi.peatCorrectionPerPct, `${field}.peatCorrectionPerPct`);
      const dir = direction(kpi.direction, `${field}.direction`, ['atMost']);
      const landUses = object(kpi.landUses, `${field}.landUses`);
      for (const lu of ['grassland', 'maize', 'arable'] as const) {
        if (!Object.hasOwn(landUses, lu)) invalid('MISSING_TIER', `no table for ${lu}`, `${field}.landUses.${lu}`);
        const table = object(landUses[lu], `${field}.landUses.${lu}`);
        checkIndicator(table.indicator, `${field}.landUses.${lu}.indicator`);
        checkTiers(table.tiers, dir, `${field}.landUses.${lu}.tiers`);
      }
      return;
    }
    case 'oncePerScheme':
      checkIndicator(kpi.indicator, `${field}.indicator`);
      cents(kpi.cents, `${field}.cents`);
      return;
    default:
      return invalid('UNKNOWN_KPI_KIND', `unknown KPI kind ${String(kpi.kind)}`, `${field}.kind`);
  }
};

export const checkSchemeParameters = memoised('scheme-scoring', (raw: unknown) => {
  const p = object(raw, 'parameters');
  if (typeof p.scheme !== 'string' || !ID.test(p.scheme)) invalid('INVALID_SCHEME', 'scheme must be lower-case letters, digits and dashes', 'parameters.scheme');
  const kpis = list(p.kpis, 'parameters.kpis', 'MISSING_TIER');
  const ids = new Set<unknown>();
  kpis.forEach((k, i) => {
    checkKpi(k, i);
    const id = (k as Obj).id;
    if (ids.has(id)) invalid('DUPLICATE_KPI', `KPI ${String(id)} appears twice`, `parameters.kpis.${i}.id`);
    ids.add(id);
  });
  // A score records one value per indicator (D46): two KPIs reading one indicator take it from the same sources.
  const sourcesOf = new Map<string, { sources: string; kpi: number }>();
  kpis.forEach((k, i) => {
    const sources = JSON.stringify((k as Obj).sources ?? null);
    for (const key of namedIndicators(k as Obj)) {
      const seen = sourcesOf.get(key);
      if (seen && seen.sources !== sources) invalid('CONFLICTING_SOURCES', `${key} is read by KPI ${seen.kpi} and KPI ${i} from different sources`, `parameters.kpis.${i}.sources`);
      if (!seen) sourcesOf.set(key, { sources, kpi: i });
    }
  });
  for (const field of ['yearlyCapCents', 'schemeCapPerFarmCents', 'budgetCeilingCents', 'reservationPerApplicationCents'] as const) cents(p[field], `parameters.${field}`);
  if (!Array.isArray(p.years) || p.years.length === 0) invalid('MISSING_YEARS', 'a scheme covers at least one year', 'parameters.years');
  (p.years as unknown[]).forEach((y, i) => wholeNumber(y, `parameters.years.${i}`, 1900, 2200));
  const window = object(p.applicationWindow, 'parameters.applicationWindow');
  instant(window.opensAt, 'parameters.applicationWindow.opensAt');
  instant(window.closesAt, 'parameters.applicationWindow.closesAt');
  list(p.requiredAuthorisationSources, 'parameters.requiredAuthorisationSources').forEach((s, i) => {
    if (!isDataSourceFormat(s)) invalid('INVALID_PRECEDENCE', `${String(s)} is not a data source id`, `parameters.requiredAuthorisationSources.${i}`);
  });
  oneOf(p.partialLastGrant, ['grant-remainder', 'refuse'], 'parameters.partialLastGrant', 'INVALID_VALUE');
  const deMinimis = object(p.deMinimis, 'parameters.deMinimis');
  cents(deMinimis.ceilingCents, 'parameters.deMinimis.ceilingCents');
  wholeNumber(deMinimis.fiscalYears, 'parameters.deMinimis.fiscalYears', 1, 100);
  oneOf(deMinimis.period, ['rolling', 'fiscal'], 'parameters.deMinimis.period', 'INVALID_VALUE');
  const eligibility = object(p.eligibility, 'parameters.eligibility');
  list(eligibility.provinces, 'parameters.eligibility.provinces').forEach((v, i) => text(v, `parameters.eligibility.provinces.${i}`, 100));
  list(eligibility.sbiCodes, 'parameters.eligibility.sbiCodes').forEach((v, i) => {
    if (typeof v !== 'string' || !/^\d{2}(\.?\d{1,2}){0,2}$/.test(v)) invalid('INVALID_SBI_CODE', 'an SBI code is digits as the KvK writes them (01.41, 01.41.1, 0141)', `parameters.eligibility.sbiCodes.${i}`);
  });
  if (typeof eligibility.kringloopWijzerRequired !== 'boolean') invalid('INVALID_VALUE', 'kringloopWijzerRequired is true or false', 'parameters.eligibility.kringloopWijzerRequired');
  instant(object(p.closure, 'parameters.closure').deadline, 'parameters.closure.deadline');
  const advance = object(p.advance, 'parameters.advance');
  wholeNumber(advance.year, 'parameters.advance.year', 1900, 2200);
  wholeNumber(advance.basedOnYear, 'parameters.advance.basedOnYear', 1900, 2200);
  const settlement = object(p.settlement, 'parameters.settlement');
  wholeNumber(settlement.year, 'parameters.settlement.year', 1900, 2200);
  list(settlement.years, 'parameters.settlement.years').forEach((y, i) => wholeNumber(y, `parameters.settlement.years.${i}`, 1900, 2200));
  const disputes = object(p.disputes, 'parameters.disputes');
  oneOf(disputes.decidedBy, ['calculator', 'norm_authority'], 'parameters.disputes.decidedBy', 'INVALID_VALUE');
  wholeNumber(disputes.decisionDays, 'parameters.disputes.decisionDays', 1, 365);
});

export const checkLevyParameters = memoised('levy', (raw: unknown) => {
  const p = object(raw, 'parameters');
  if (typeof p.levyId !== 'string' || !ID.test(p.levyId)) invalid('INVALID_LEVY_ID', 'levyId must be lower-case letters, digits and dashes', 'parameters.levyId');
  if (typeof p.illustrative !== 'boolean') invalid('INVALID_VALUE', 'illustrative is true or false', 'parameters.illustrative');
  if (p.capCentsPerFarm !== undefined) cents(p.capCentsPerFarm, 'parameters.capCentsPerFarm');
  const objections = object(p.objections, 'parameters.objections');
  wholeNumber(objections.objectionDays, 'parameters.objections.objectionDays', 1, 365);
  oneOf(objections.decidedBy, ['norm_authority'], 'parameters.objections.decidedBy', 'INVALID_VALUE');
  wholeNumber(objections.decisionDays, 'parameters.objections.decisionDays', 1, 365);
  const components = list(p.components, 'parameters.components', 'MISSING_TIER');
  const ids = new Set<unknown>();
  components.forEach((raw, i) => {
    const field = `parameters.components.${i}`;
    const c = object(raw, field);
    identifier(c.id, `${field}.id`);
    if (ids.has(c.id)) invalid('DUPLICATE_COMPONENT', `component ${String(c.id)} appears twice`, `${field}.id`);
    ids.add(c.id);
    checkIndicator(c.indicator, `${field}.indicator`);
    oneOf(c.basis, LEVY_BASES, `${field}.basis`, 'UNKNOWN_BASIS');
    text(c.unit, `${field}.unit`, 100);
    if (c.levyFreeLevelByLandUse !== undefined) {
      const byLandUse = object(c.levyFreeLevelByLandUse, `${field}.levyFreeLevelByLandUse`);
      for (const lu of ['grassland', 'maize', 'arable']) decimal(byLandUse[lu], `${field}.levyFreeLevelByLandUse.${lu}`);
    } else decimal(c.levyFreeLevel, `${field}.levyFreeLevel`);
    if (c.quantityFactor !== undefined && decimal(c.quantityFactor, `${field}.quantityFactor`).lte(0)) invalid('INVALID_THRESHOLD', 'quantityFactor must be above 0', `${field}.quantityFactor`);
    if (c.capCents !== undefined) cents(c.capCents, `${field}.capCents`);
    if (c.tolerancePctByQuality !== undefined) {
      const tolerances = object(c.tolerancePctByQuality, `${field}.tolerancePctByQuality`);
      for (const [quality, pct] of Object.entries(tolerances)) {
        oneOf(quality, QUALITY_CLASSES, `${field}.tolerancePctByQuality.${quality}`, 'INVALID_VALUE');
        const d = decimal(pct, `${field}.tolerancePctByQuality.${quality}`);
        if (d.lt(0) || d.gt(100)) invalid('INVALID_THRESHOLD', 'a tolerance is 0 to 100 %', `${field}.tolerancePctByQuality.${quality}`);
      }
    }
    const tiers = list(c.tiers, `${field}.tiers`, 'MISSING_TIER');
    tiers.forEach((rawTier, j) => {
      const t = object(rawTier, `${field}.tiers.${j}`);
      const from = decimal(t.from, `${field}.tiers.${j}.from`);
      decimal(t.tariffCentsPerUnit, `${field}.tiers.${j}.tariffCentsPerUnit`);
      if (j === 0 && !from.isZero()) invalid('MISSING_TIER', 'the first tier starts at the levy-free level (from 0)', `${field}.tiers.0.from`);
      if (j > 0 && !from.gt((tiers[j - 1] as Obj).from as string)) invalid('NON_MONOTONE_TIERS', `tier ${j} must start above tier ${j - 1}`, `${field}.tiers.${j}.from`);
    });
  });
});

const precedence = (v: unknown, field: string) => {
  if (!Array.isArray(v) || v.length === 0 || !v.every(isDataSourceFormat)) {
    invalid('INVALID_PRECEDENCE', 'a source precedence is a non-empty list of data source ids', field);
  }
};

const positiveDecimal = (v: unknown, field: string) => {
  if (decimal(v, field, 'INVALID_DECIMAL').lte(0)) invalid('INVALID_DECIMAL', `${field} must be above 0`, field);
};

export const checkBalanceParameters = memoised('balance-parameters', (raw: unknown) => {
  const p = object(raw, 'parameters');
  positiveDecimal(p.milkProteinToNitrogenFactor, 'parameters.milkProteinToNitrogenFactor');
  decimal(p.milkPhosphorusGPerKg, 'parameters.milkPhosphorusGPerKg', 'INVALID_DECIMAL');
  decimal(p.phosphorusToP2o5, 'parameters.phosphorusToP2o5', 'INVALID_DECIMAL');
  const fpcm = object(p.fpcm, 'parameters.fpcm');
  for (const k of ['base', 'fatPerPct', 'proteinPerPct']) decimal(fpcm[k], `parameters.fpcm.${k}`, 'INVALID_DECIMAL');
  const flows = object(p.flowSourcePrecedence, 'parameters.flowSourcePrecedence');
  if (!Object.hasOwn(flows, 'default')) invalid('INVALID_PRECEDENCE', 'flowSourcePrecedence needs a default', 'parameters.flowSourcePrecedence.default');
  const flowKinds: readonly string[] = ['default', ...INPUT_FLOW_KINDS, ...OUTPUT_FLOW_KINDS];
  for (const [k, v] of Object.entries(flows)) {
    oneOf(k, flowKinds, `parameters.flowSourcePrecedence.${k}`, 'INVALID_PRECEDENCE');
    precedence(v, `parameters.flowSourcePrecedence.${k}`);
  }
  precedence(p.indicatorSourcePrecedence, 'parameters.indicatorSourcePrecedence');
  precedence(p.landUseSourcePrecedence, 'parameters.landUseSourcePrecedence');
  // A margin for every quality class (D51): a what-if samples every input within its class's margin.
  const margins = object(p.uncertaintyPctByQuality, 'parameters.uncertaintyPctByQuality');
  for (const k of Object.keys(margins)) oneOf(k, QUALITY_CLASSES, `parameters.uncertaintyPctByQuality.${k}`, 'INVALID_VALUE');
  for (const quality of QUALITY_CLASSES) {
    const field = `parameters.uncertaintyPctByQuality.${quality}`;
    if (!Object.hasOwn(margins, quality)) invalid('MISSING_VALUE', `a margin for ${quality} figures is needed`, field);
    const d = decimal(margins[quality], field);
    if (d.lt(0) || d.gt(100)) invalid('INVALID_THRESHOLD', 'a margin is 0 to 100 %', field);
  }
});

const band = (v: unknown, field: string) => {
  const b = object(v, field);
  const warn = decimal(b.warnAbove, `${field}.warnAbove`);
  const block = decimal(b.blockAbove, `${field}.blockAbove`);
  if (warn.lt(0)) invalid('INVALID_THRESHOLD', 'a tolerance is zero or more', `${field}.warnAbove`);
  if (block.lt(warn)) invalid('NON_MONOTONE_TIERS', 'blockAbove must not be below warnAbove', `${field}.blockAbove`);
};

export const checkCheckTolerances = memoised('check-tolerances', (raw: unknown) => {
  const p = object(raw, 'parameters');
  band(object(p.milkDelivered, 'parameters.milkDelivered').relativePct, 'parameters.milkDelivered.relativePct');
  band(object(p.manureTransfer, 'parameters.manureTransfer').relativePct, 'parameters.manureTransfer.relativePct');
  band(object(p.landInUse, 'parameters.landInUse').absoluteHa, 'parameters.landInUse.absoluteHa');
  band(object(p.milkNitrogen, 'parameters.milkNitrogen').relativePct, 'parameters.milkNitrogen.relativePct');
  band(object(p.farmNSurplus, 'parameters.farmNSurplus').absoluteKgHa, 'parameters.farmNSurplus.absoluteKgHa');
  const plausibility = object(p.plausibility, 'parameters.plausibility');
  const ranges = object(plausibility.ranges, 'parameters.plausibility.ranges');
  for (const [key, r] of Object.entries(ranges)) {
    const field = `parameters.plausibility.ranges.${key}`;
    checkIndicator(key, field);
    const range = object(r, field);
    const min = decimal(range.min, `${field}.min`);
    if (decimal(range.max, `${field}.max`).lt(min)) invalid('NON_MONOTONE_TIERS', 'max must not be below min', `${field}.max`);
  }
  const urea = object(plausibility.ureaFromRationProtein, 'parameters.plausibility.ureaFromRationProtein');
  for (const k of ['slope', 'proteinOffset', 'toleranceMg100g']) decimal(urea[k], `parameters.plausibility.ureaFromRationProtein.${k}`);
  decimal(plausibility.maxLivestockUnitsPerGrasslandHaWhenGrazing, 'parameters.plausibility.maxLivestockUnitsPerGrasslandHaWhenGrazing');
});

/** `usage-norms`: the farm-specific extra norms (equivalente maatregelen); crop tables may gain crops. */
export const checkUsageNorms = memoised('usage-norms', (raw: unknown) => {
  const p = object(raw, 'parameters');
  // A Dutch calendar date, inclusive; a date-time counts by its Dutch date (D42).
  if (!isDate(p.registrationDeadline)) invalid('INVALID_DATE', 'registrationDeadline is a date (YYYY-MM-DD) or a date-time', 'parameters.registrationDeadline');
  cents(p.monitoringFeeCents, 'parameters.monitoringFeeCents');
  const caps = object(p.slurryNCapKgHa, 'parameters.slurryNCapKgHa');
  decimal(caps.elsewhere, 'parameters.slurryNCapKgHa.elsewhere');
  for (const [k, v] of Object.entries(caps)) {
    oneOf(k, [...SOIL_REGIONS, 'elsewhere'], `parameters.slurryNCapKgHa.${k}`, 'INVALID_VALUE');
    decimal(v, `parameters.slurryNCapKgHa.${k}`);
  }
  if (typeof p.lastSlurryDay !== 'string' || !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(p.lastSlurryDay)) invalid('INVALID_DATE', 'lastSlurryDay is MM-DD', 'parameters.lastSlurryDay');
  const higherN = object(p.higherNYield, 'parameters.higherNYield');
  mapKeys(higherN, 'parameters.higherNYield');
  for (const [crop, row] of Object.entries(higherN)) {
    const r = object(row, `parameters.higherNYield.${crop}`);
    decimal(r.minYieldTHa, `parameters.higherNYield.${crop}.minYieldTHa`);
    decimal(r.extraNKgHa, `parameters.higherNYield.${crop}.extraNKgHa`);
  }
  const lowP = object(p.lowPhosphateHighYield, 'parameters.lowPhosphateHighYield');
  decimal(lowP.extraP2o5KgHa, 'parameters.lowPhosphateHighYield.extraP2o5KgHa');
  const minYield = object(lowP.minYieldTHa, 'parameters.lowPhosphateHighYield.minYieldTHa');
  mapKeys(minYield, 'parameters.lowPhosphateHighYield.minYieldTHa');
  for (const [crop, v] of Object.entries(minYield)) decimal(v, `parameters.lowPhosphateHighYield.minYieldTHa.${crop}`);
  const neutral = object(p.neutralPhosphate, 'parameters.neutralPhosphate');
  mapKeys(neutral, 'parameters.neutralPhosphate');
  for (const [crop, table] of Object.entries(neutral)) {
    const rows = list(table, `parameters.neutralPhosphate.${crop}`, 'MISSING_TIER');
    rows.forEach((row, i) => {
      const r = object(row, `parameters.neutralPhosphate.${crop}.${i}`);
      const from = decimal(r.fromYieldTHa, `parameters.neutralPhosphate.${crop}.${i}.fromYieldTHa`);
      decimal(r.extraP2o5KgHa, `parameters.neutralPhosphate.${crop}.${i}.extraP2o5KgHa`);
      if (i > 0 && !from.gt((rows[i - 1] as Obj).fromYieldTHa as string)) invalid('NON_MONOTONE_TIERS', `row ${i} must start above row ${i - 1}`, `parameters.neutralPhosphate.${crop}.${i}.fromYieldTHa`);
    });
  }
  const row = object(p.rowFertilisationMaizeExtraNKgHa, 'parameters.rowFertilisationMaizeExtraNKgHa');
  for (const [region, v] of Object.entries(row)) {
    oneOf(region, SOIL_REGIONS.filter((r) => r !== 'clay' && r !== 'peat'), `parameters.rowFertilisationMaizeExtraNKgHa.${region}`, 'INVALID_VALUE');
    decimal(v, `parameters.rowFertilisationMaizeExtraNKgHa.${region}`);
  }
  wholeNumber(p.recordsKeptYears, 'parameters.recordsKeptYears', 0, 100);
  const rowCrops = list(p.rowFertilisationCrops, 'parameters.rowFertilisationCrops');
  rowCrops.forEach((c, i) => {
    if (typeof c !== 'string' || !MAP_KEY.test(c)) invalid('INVALID_KEY', `${String(c)} is not a valid crop name`, `parameters.rowFertilisationCrops.${i}`);
  });
  checkEvidenceRequired(p);
  checkAllowedFertiliserKinds(p.allowedFertiliserKinds);
});

/** A non-empty list of distinct names from a vocabulary. */
const kindsList = (v: unknown, allowed: readonly string[], field: string) => {
  const kinds = list(v, field);
  kinds.forEach((k, i) => oneOf(k, allowed, `${field}.${i}`, 'INVALID_VALUE'));
  if (new Set(kinds).size !== kinds.length) invalid('DUPLICATE_VALUE', `${field} names a kind twice`, field);
};

/** Evidence per measure and crop (D42): known kinds, and a rule for every crop of the measure's table. */
const checkEvidenceRequired = (p: Obj) => {
  const rules = object(p.evidenceRequired, 'parameters.evidenceRequired');
  for (const [measure, byCrop] of Object.entries(rules)) {
    const field = `parameters.evidenceRequired.${measure}`;
    oneOf(measure, EQUIVALENT_MEASURES, field, 'INVALID_VALUE');
    const crops = object(byCrop, field);
    mapKeys(crops, field);
    for (const [crop, kinds] of Object.entries(crops)) kindsList(kinds, EVIDENCE_KINDS, `${field}.${crop}`);
  }
  const tables = cropsOfMeasure(p as never);
  for (const measure of EQUIVALENT_MEASURES) {
    for (const crop of tables[measure]) {
      const byCrop = Object.hasOwn(rules, measure) ? (rules[measure] as Obj) : {};
      if (!Object.hasOwn(byCrop, crop)) invalid('MISSING_EVIDENCE_RULE', `${crop} has a ${measure} norm but no evidence rule`, `parameters.evidenceRequired.${measure}.${crop}`);
    }
  }
};

/** Allowed fertiliser kinds per measure, by soil region or `default` (D42). */
const checkAllowedFertiliserKinds = (raw: unknown) => {
  const rules = object(raw, 'parameters.allowedFertiliserKinds');
  for (const [measure, byRegion] of Object.entries(rules)) {
    const field = `parameters.allowedFertiliserKinds.${measure}`;
    oneOf(measure, EQUIVALENT_MEASURES, field, 'INVALID_VALUE');
    for (const [region, kinds] of Object.entries(object(byRegion, field))) {
      oneOf(region, [...SOIL_REGIONS, 'default'], `${field}.${region}`, 'INVALID_VALUE');
      kindsList(kinds, FERTILISER_KINDS, `${field}.${region}`);
    }
  }
};

/** `indicator-catalogue`: the indicator vocabulary (D40): keys with unit and value type. */
export const checkIndicatorCatalogue = memoised('indicator-catalogue', (raw: unknown) => {
  const p = object(raw, 'parameters');
  const keys = new Set<string>();
  if (!Array.isArray(p.indicators)) invalid('INVALID_ARRAY', 'parameters.indicators must be a list', 'parameters.indicators');
  const sources = p.dataSources === undefined ? [] : Array.isArray(p.dataSources) ? p.dataSources : invalid('INVALID_ARRAY', 'parameters.dataSources must be a list', 'parameters.dataSources');
  if ((p.indicators as unknown[]).length + sources.length === 0) invalid('INVALID_ARRAY', 'a catalogue declares at least one indicator or data source', 'parameters.indicators');
  const ids = new Set<string>();
  sources.forEach((rawEntry, i) => {
    const field = `parameters.dataSources.${i}`;
    const d = object(rawEntry, field);
    if (!isDataSourceFormat(d.id)) invalid('INVALID_DATA_SOURCE', `${String(d.id)} is not a data source id (lower-case letters, digits, dashes)`, `${field}.id`);
    if (ids.has(d.id as string)) invalid('DUPLICATE_DATA_SOURCE', `${String(d.id)} is declared twice`, `${field}.id`);
    ids.add(d.id as string);
    text(d.title, `${field}.title`, 300);
    for (const k of Object.keys(d)) if (!['id', 'title'].includes(k)) invalid('UNKNOWN_FIELD', `${k} is not a field of a data source declaration`, `${field}.${k}`);
  });
  (p.indicators as unknown[]).forEach((rawEntry, i) => {
    const field = `parameters.indicators.${i}`;
    const d = object(rawEntry, field);
    const key = checkIndicator(d.key, `${field}.key`);
    if (keys.has(key)) invalid('DUPLICATE_INDICATOR', `${key} is declared twice`, `${field}.key`);
    keys.add(key);
    text(d.unit, `${field}.unit`, 100);
    oneOf(d.valueType, ['number', 'boolean'], `${field}.valueType`, 'INVALID_VALUE');
    if (d.description !== undefined) text(d.description, `${field}.description`, 2000);
    for (const k of Object.keys(d)) if (!['key', 'unit', 'valueType', 'description'].includes(k)) invalid('UNKNOWN_FIELD', `${k} is not a field of an indicator declaration`, `${field}.${k}`);
  });
});

/**
 * The validity window: effectiveFrom is a date (YYYY-MM-DD, optionally with an ISO 8601 time);
 * effectiveTo, when present, is a date whose day is on or after effectiveFrom's.
 */
export const checkEffectivePeriod = (effectiveFrom: unknown, effectiveTo: unknown) => {
  if (!isDate(effectiveFrom)) invalid('INVALID_EFFECTIVE_FROM', 'effectiveFrom must be a date (YYYY-MM-DD)', 'effectiveFrom');
  if (effectiveTo === undefined) return;
  if (!isDate(effectiveTo)) invalid('INVALID_EFFECTIVE_TO', 'effectiveTo must be a date (YYYY-MM-DD)', 'effectiveTo');
  if ((effectiveTo as string).slice(0, 10) < (effectiveFrom as string).slice(0, 10)) invalid('EFFECTIVE_TO_BEFORE_FROM', `effectiveTo ${String(effectiveTo)} is before effectiveFrom ${String(effectiveFrom)}`, 'effectiveTo');
};
