import Decimal from 'decimal.js';
import type { FarmBalance } from '../balance/compute-balance';
import type { GrantedFarmSpecificNorm } from '../equivalent-measures/equivalent-measures';
import type { IndicatorKey } from '../submission/indicator-keys';
import type { CheckOutcome } from './check-outcome';

export type UsageNormInput = Readonly<{
  /** The farm-year's balance: its land in use and the indicators chosen by source precedence. */
  balance: Pick<FarmBalance, 'areaHa' | 'indicators'>;
  /** The event id of each active submission, by submission id. */
  eventOfSubmission: (submissionId: string) => string;
  /** The farm-specific norms granted for the year (equivalente maatregelen). */
  granted: readonly GrantedFarmSpecificNorm[];
}>;

const NUTRIENTS = [
  { subject: 'n', usage: 'nUsageKgHa', norm: 'nUsageNormKgHa', extra: 'extraNKgHa', unit: 'kg N/ha' },
  { subject: 'p2o5', usage: 'p2o5UsageKgHa', norm: 'p2o5UsageNormKgHa', extra: 'extraP2o5KgHa', unit: 'kg P2O5/ha' },
] as const;

const round2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toNumber();
const numberOf = (v: { value: number | boolean } | undefined): number | null => (v && typeof v.value === 'number' && Number.isFinite(v.value) ? v.value : null);

/**
 * Usage against the usage norm (Meststoffenwet gebruiksnormen), with the farm-specific norms the
 * farm was granted (seed 004, equivalente maatregelen: "extra stikstof- of fosfaatnorm … Onder
 * bepaalde voorwaarden mag u extra bemesten"). Per nutrient, per ha of land in use:
 *
 *   allowed = general usage norm + Σ (granted extra kg/ha × hectares of the measure) ÷ land in use
 *
 * A usage above what is allowed is blocking; a grant that names no hectares (recorded before D42)
 * cannot be weighed and counts for nothing, which the outcome says. Without both a usage and a norm
 * figure there is nothing to compare.
 */
export const usageNormCheck = (i: UsageNormInput): CheckOutcome[] => {
  const area = i.balance.areaHa;
  if (!area || !(area > 0)) return [];
  return NUTRIENTS.flatMap((n) => {
    const usageValue = i.balance.indicators[n.usage as IndicatorKey];
    const normValue = i.balance.indicators[n.norm as IndicatorKey];
    const usage = numberOf(usageValue);
    const norm = numberOf(normValue);
    if (usage === null || norm === null) return [];
    const grants = i.granted.filter((g) => !new Decimal(g[n.extra]).isZero());
    const weighed = grants.filter((g) => g.areaHa !== undefined);
    const extraKg = weighed.reduce((sum, g) => sum.plus(new Decimal(g[n.extra]).times(g.areaHa!)), new Decimal(0));
    const extraKgHa = extraKg.div(area);
    const allowed = new Decimal(norm).plus(extraKgHa);
    const over = new Decimal(usage).gt(allowed);
    const unweighed = grants.length - weighed.length;
    const compared = [...new Set([i.eventOfSubmission(usageValue!.submissionId), i.eventOfSubmission(normValue!.submissionId), ...grants.map((g) => g.eventId)])];
    return [
      {
        checkId: 'usage-norm' as const,
        subject: `usage-norm:${n.subject}`,
        severity: over ? ('blocking' as const) : ('pass' as const),
        message:
          `${n.subject.toUpperCase()} applied ${usage} ${n.unit} ${over ? 'exceeds' : 'is within'} the usage norm of ${round2(allowed)} ${n.unit} ` +
          `(general norm ${norm}${grants.length ? ` + ${round2(extraKgHa)} from ${weighed.length} farm-specific norm(s)` : ''})` +
          (unweighed ? `; ${unweighed} granted farm-specific norm(s) name no hectares and are not counted` : ''),
        compared,
        values: { usageKgHa: usage, generalNormKgHa: norm, farmSpecificExtraKgHa: round2(extraKgHa), allowedKgHa: round2(allowed), grants: grants.length, grantsWithoutArea: unweighed },
      },
    ];
  });
};
