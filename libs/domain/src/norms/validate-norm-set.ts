import Decimal from 'decimal.js';
import { refuse } from '../shared/domain-error';
import { INDICATOR_KEYS, type IndicatorKey } from '../submission/indicator-keys';
import type { NormSetDocument } from './norm-set';
import type { KpiRule, SchemeNorms, Tier } from '../scoring/scheme-norms';
import { LEVY_BASES, LEVY_INDICATORS, type LevyNorms } from '../levy/levy-norms';
import type { BalanceParameters } from '../balance/balance-parameters';
import { DATA_SOURCES } from '../submission/data-source';

const invalid = (code: string, message: string, field: string): never => refuse(code, message, 'invalid', field);

const isDecimal = (s: unknown): boolean => {
  if (typeof s !== 'string') return false;
  try {
    return new Decimal(s).isFinite();
  } catch {
    return false;
  }
};

const checkIndicator = (key: unknown, field: string) => {
  if (!INDICATOR_KEYS.includes(key as IndicatorKey)) invalid('UNKNOWN_INDICATOR', `${String(key)} is not a known indicator`, field);
};

/**
 * Tiers are tried best first, so thresholds must move strictly away from the best value (down for
 * "at least", up for "at most") while the amounts fall: anything else overlaps or never pays.
 */
const checkTiers = (tiers: readonly Tier[] | undefined, direction: 'atMost' | 'atLeast', field: string) => {
  if (!Array.isArray(tiers) || tiers.length === 0) invalid('MISSING_TIER', 'a KPI needs at least one tier', field);
  tiers!.forEach((t, i) => {
    if (!isDecimal(t?.threshold)) invalid('INVALID_THRESHOLD', `tier ${i} needs a decimal threshold as a string`, `${field}.${i}.threshold`);
    if (!Number.isInteger(t.cents) || t.cents < 0) invalid('INVALID_AMOUNT', `tier ${i} pays whole cents, zero or more`, `${field}.${i}.cents`);
    if (i === 0) return;
    const prev = tiers![i - 1];
    const step = new Decimal(t.threshold).comparedTo(prev.threshold);
    const monotone = direction === 'atMost' ? step > 0 : step < 0;
    if (!monotone) invalid('NON_MONOTONE_TIERS', `tier ${i} threshold ${t.threshold} overlaps or does not follow ${prev.threshold}`, `${field}.${i}.threshold`);
    if (t.cents >= prev.cents) invalid('NON_MONOTONE_TIERS', `tier ${i} must pay less than tier ${i - 1}`, `${field}.${i}.cents`);
  });
};

const checkKpi = (kpi: KpiRule, i: number) => {
  const field = `parameters.kpis.${i}`;
  switch (kpi.kind) {
    case 'threshold':
      checkIndicator(kpi.indicator, `${field}.indicator`);
      return checkTiers(kpi.tiers, kpi.direction, `${field}.tiers`);
    case 'absoluteBand':
      checkIndicator(kpi.indicator, `${field}.indicator`);
      return checkTiers(kpi.tiers, 'atMost', `${field}.tiers`);
    case 'worstOf':
      kpi.indicators.forEach((k, j) => checkIndicator(k, `${field}.indicators.${j}`));
      return checkTiers(kpi.tiers, kpi.direction, `${field}.tiers`);
    case 'areaWeighted':
      if (!isDecimal(kpi.peatCorrectionPerPct)) invalid('INVALID_THRESHOLD', 'peatCorrectionPerPct must be a decimal string', `${field}.peatCorrectionPerPct`);
      for (const lu of ['grassland', 'maize', 'arable'] as const) {
        const table = kpi.landUses?.[lu];
        if (!table) invalid('MISSING_TIER', `no table for ${lu}`, `${field}.landUses.${lu}`);
        checkIndicator(table.indicator, `${field}.landUses.${lu}.indicator`);
        checkTiers(table.tiers, kpi.direction, `${field}.landUses.${lu}.tiers`);
      }
      return;
    case 'oncePerScheme':
      checkIndicator(kpi.indicator, `${field}.indicator`);
      if (!Number.isInteger(kpi.cents) || kpi.cents < 0) invalid('INVALID_AMOUNT', 'cents must be whole and zero or more', `${field}.cents`);
      return;
    default:
      return invalid('UNKNOWN_KPI_KIND', `unknown KPI kind ${(kpi as { kind: string }).kind}`, `${field}.kind`);
  }
};

const checkScheme = (p: SchemeNorms) => {
  if (!Array.isArray(p?.kpis) || p.kpis.length === 0) invalid('MISSING_TIER', 'a scheme needs KPIs', 'parameters.kpis');
  const ids = new Set<string>();
  p.kpis.forEach((k, i) => {
    if (ids.has(k.id)) invalid('DUPLICATE_KPI', `KPI ${k.id} appears twice`, `parameters.kpis.${i}.id`);
    ids.add(k.id);
    checkKpi(k, i);
  });
  for (const field of ['yearlyCapCents', 'schemeCapPerFarmCents', 'budgetCeilingCents', 'reservationPerApplicationCents'] as const) {
    if (!Number.isInteger(p[field]) || p[field] < 0) invalid('INVALID_AMOUNT', `${field} must be whole cents`, `parameters.${field}`);
  }
  if (!Array.isArray(p.years) || p.years.length === 0) invalid('MISSING_YEARS', 'a scheme covers at least one year', 'parameters.years');
};

const checkLevy = (p: LevyNorms) => {
  if (!Array.isArray(p?.components) || p.components.length === 0) invalid('MISSING_TIER', 'a levy needs components', 'parameters.components');
  p.components.forEach((c, i) => {
    const field = `parameters.components.${i}`;
    if (!LEVY_INDICATORS.includes(c.indicator)) invalid('UNKNOWN_INDICATOR', `${String(c.indicator)} is not a levy indicator`, `${field}.indicator`);
    if (!LEVY_BASES.includes(c.basis)) invalid('UNKNOWN_BASIS', `${String(c.basis)} is not a levy basis`, `${field}.basis`);
    const levels = c.levyFreeLevelByLandUse ? Object.values(c.levyFreeLevelByLandUse) : [c.levyFreeLevel];
    if (!levels.every(isDecimal)) invalid('INVALID_THRESHOLD', 'the levy-free level must be a decimal string', `${field}.levyFreeLevel`);
    if (!Array.isArray(c.tiers) || c.tiers.length === 0) invalid('MISSING_TIER', 'a component needs at least one tariff tier', `${field}.tiers`);
    c.tiers.forEach((t, j) => {
      if (!isDecimal(t.from) || !isDecimal(t.tariffCentsPerUnit)) invalid('INVALID_THRESHOLD', 'tiers take decimal strings', `${field}.tiers.${j}`);
      if (j === 0 && !new Decimal(t.from).isZero()) invalid('MISSING_TIER', 'the first tier starts at the levy-free level (from 0)', `${field}.tiers.0.from`);
      if (j > 0 && !new Decimal(t.from).gt(c.tiers[j - 1].from)) invalid('NON_MONOTONE_TIERS', `tier ${j} must start above tier ${j - 1}`, `${field}.tiers.${j}.from`);
    });
  });
};

const checkBalanceParameters = (p: BalanceParameters) => {
  const lists: Array<[string, unknown]> = [
    ['parameters.indicatorSourcePrecedence', p?.indicatorSourcePrecedence],
    ['parameters.landUseSourcePrecedence', p?.landUseSourcePrecedence],
    ...Object.entries(p?.flowSourcePrecedence ?? {}).map(([k, v]): [string, unknown] => [`parameters.flowSourcePrecedence.${k}`, v]),
  ];
  for (const [field, list] of lists) {
    if (!Array.isArray(list) || list.length === 0 || !list.every((s) => DATA_SOURCES.includes(s))) invalid('INVALID_PRECEDENCE', 'a source precedence is a non-empty list of known data sources', field);
  }
};

/** Refuses a malformed document with a code and the path of the offending field. */
export const validateNormSet = (doc: NormSetDocument, extra: Partial<Record<NormSetDocument['kind'], (p: any) => void>> = {}): void => {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(doc?.normSetId ?? '')) invalid('INVALID_NORM_SET_ID', 'normSetId must be lower-case letters, digits and dashes', 'normSetId');
  if (!Number.isInteger(doc.version) || doc.version < 1) invalid('INVALID_VERSION', 'version must be a whole number from 1', 'version');
  if (!doc.legalBasis?.trim()) invalid('MISSING_LEGAL_BASIS', 'a norm set names its legal basis', 'legalBasis');
  if (Number.isNaN(Date.parse(doc.effectiveFrom))) invalid('INVALID_EFFECTIVE_FROM', 'effectiveFrom must be a date', 'effectiveFrom');
  if (doc.kind === 'scheme-scoring') checkScheme(doc.parameters as SchemeNorms);
  if (doc.kind === 'levy') checkLevy(doc.parameters as LevyNorms);
  if (doc.kind === 'balance-parameters') checkBalanceParameters(doc.parameters as BalanceParameters);
  extra[doc.kind]?.(doc.parameters);
};
