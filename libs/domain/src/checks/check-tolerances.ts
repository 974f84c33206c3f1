import type { NormSetDocument } from '../norms/norm-set';
import type { IndicatorKey } from '../submission/indicator-keys';

/** Up to `warnAbove` a difference passes; up to `blockAbove` it warns; beyond, it blocks. */
export type Band = Readonly<{ warnAbove: string; blockAbove: string }>;

export type CheckTolerances = Readonly<{
  milkDelivered: Readonly<{ relativePct: Band }>;
  manureTransfer: Readonly<{ relativePct: Band }>;
  landInUse: Readonly<{ absoluteHa: Band }>;
  milkNitrogen: Readonly<{ relativePct: Band }>;
  farmNSurplus: Readonly<{ absoluteKgHa: Band }>;
  plausibility: Readonly<{
    /** Physically possible ranges; a value outside blocks. */
    ranges: Readonly<Partial<Record<IndicatorKey, Readonly<{ min: string; max: string }>>>>;
    /** Expected milk urea (mg/100 g) ≈ slope × (ration crude protein g/kg DM − offset). */
    ureaFromRationProtein: Readonly<{ slope: string; proteinOffset: string; toleranceMg100g: string }>;
    /** Livestock units per ha of grassland above which grazing hours are implausible. */
    maxLivestockUnitsPerGrasslandHaWhenGrazing: string;
  }>;
}>;

/**
 * Tolerances for the checks of action 11, version 1. The bands are this project's first proposal
 * (the action agenda names the checks, not their tolerances) and are marked as such; a calculator
 * or authority changes them by publishing a new version, never in code.
 */
export const checkTolerancesV1: NormSetDocument<CheckTolerances> = {
  normSetId: 'check-tolerances',
  kind: 'check-tolerances',
  version: 1,
  title: 'Checks and balances (action 11): tolerances — initial proposal, illustrative',
  legalBasis: 'Actieagenda ASB, actie 11 (checks and balances); tolerances proposed by the ASB ledger project',
  effectiveFrom: '2020-01-01',
  parameters: {
    milkDelivered: { relativePct: { warnAbove: '1', blockAbove: '3' } },
    manureTransfer: { relativePct: { warnAbove: '2', blockAbove: '5' } },
    landInUse: { absoluteHa: { warnAbove: '0.5', blockAbove: '2' } },
    milkNitrogen: { relativePct: { warnAbove: '1', blockAbove: '3' } },
    farmNSurplus: { absoluteKgHa: { warnAbove: '5', blockAbove: '15' } },
    plausibility: {
      ranges: {
        nFarmSurplusKgHa: { min: '-100', max: '600' },
        nh3KgHa: { min: '0', max: '250' },
        nh3KgPerLivestockUnit: { min: '0', max: '60' },
        milkUreaMg100g: { min: '5', max: '45' },
        ownLandProteinPct: { min: '0', max: '100' },
        rationCrudeProteinGKgDm: { min: '100', max: '250' },
        ghgGCo2eqKgFpcm: { min: '400', max: '2500' },
        cropRotationIndex: { min: '0', max: '1' },
        grazingHours: { min: '0', max: '8760' },
        pSoilSurplusKgP2o5Ha: { min: '-150', max: '150' },
      },
      ureaFromRationProtein: { slope: '0.25', proteinOffset: '90', toleranceMg100g: '6' },
      maxLivestockUnitsPerGrasslandHaWhenGrazing: '7.5',
    },
  },
};
