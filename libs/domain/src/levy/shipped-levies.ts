import type { NormSetDocument } from '../norms/norm-set';
import type { LevyNorms } from './levy-norms';

/**
 * A levy is an assessment by an authority: the general administrative law gives six weeks to object
 * (Awb art. 6:7) and the authority six weeks to decide (art. 7:10). Not in the seeds (D36).
 */
export const AWB_OBJECTIONS = { objectionDays: 42, decidedBy: 'norm_authority', decisionDays: 42 } as const;

const uncertainty = { measured: '0', registered: '2', calculated: '5', 'self-declared': '10', default: '15' } as const;

/**
 * A light, regulating NH3 + GHG levy of the kind the minister's letter sketches. ILLUSTRATIVE: the
 * letter names no levels or tariffs; these numbers only show the mechanism (levy-free level,
 * margin for data uncertainty by quality class, tariff tiers, a cap that keeps it non-prohibitive).
 */
export const lightEmissionLevy: NormSetDocument<LevyNorms> = {
  normSetId: 'asb-light-levy-illustrative',
  kind: 'levy',
  version: 1,
  title: 'Light regulating levy on ammonia and greenhouse gas — ILLUSTRATIVE parameters',
  legalBasis: 'Kamerbrief verkenning Afrekenbare Stoffenbalans (seed 001): "lichte doelsturing met regulerende heffingen"; parameters illustrative, no legal force',
  effectiveFrom: '2025-01-01',
  parameters: {
    levyId: 'asb-light-levy-illustrative',
    illustrative: true,
    components: [
      {
        id: 'nh3-per-ha',
        indicator: 'nh3KgHa',
        basis: 'per-ha',
        levyFreeLevel: '50',
        unit: 'kg NH3',
        tiers: [{ from: '0', tariffCentsPerUnit: '100' }, { from: '10', tariffCentsPerUnit: '200' }],
        tolerancePctByQuality: uncertainty,
        capCents: 500_000,
      },
      {
        id: 'ghg-per-kg-fpcm',
        indicator: 'ghgGCo2eqKgFpcm',
        basis: 'per-kg-fpcm',
        levyFreeLevel: '1000',
        quantityFactor: '0.000001',
        unit: 't CO2-eq',
        tiers: [{ from: '0', tariffCentsPerUnit: '2500' }],
        tolerancePctByQuality: uncertainty,
        capCents: 500_000,
      },
    ],
    capCentsPerFarm: 750_000,
    objections: AWB_OBJECTIONS,
  },
};

/**
 * MINAS (1998–2005) in its final year as a historical precedent: levy per kg of N and P2O5 surplus
 * above levy-free surpluses per ha by land use. Levels and tariffs as commonly cited for 2003
 * (N: grassland 180, arable/maize 100 kg/ha at EUR 2.30/kg; P2O5 loss norm 20 kg/ha, EUR 2.30/kg for
 * the first 10 kg/ha above it and EUR 9.08/kg beyond); check against the Staatsblad before legal use.
 */
export const minas2003: NormSetDocument<LevyNorms> = {
  normSetId: 'minas-2003',
  kind: 'levy',
  version: 1,
  title: 'MINAS mineral accounting levy, final year 2003 (historical precedent)',
  legalBasis: 'Meststoffenwet (MINAS), heffingen 2003; struck down as insufficient by CJEU C-322/00 (2003), replaced by usage norms in 2006',
  effectiveFrom: '2003-01-01',
  effectiveTo: '2005-12-31',
  parameters: {
    levyId: 'minas-2003',
    illustrative: false,
    components: [
      {
        id: 'n-surplus',
        indicator: 'nFarmSurplusKgHa',
        basis: 'per-ha',
        levyFreeLevelByLandUse: { grassland: '180', maize: '100', arable: '100' },
        unit: 'kg N',
        tiers: [{ from: '0', tariffCentsPerUnit: '230' }],
      },
      {
        id: 'p2o5-surplus',
        indicator: 'p2o5FarmSurplusKgHa',
        basis: 'per-ha',
        levyFreeLevel: '20',
        unit: 'kg P2O5',
        tiers: [{ from: '0', tariffCentsPerUnit: '230' }, { from: '10', tariffCentsPerUnit: '908' }],
      },
    ],
    objections: AWB_OBJECTIONS,
  },
};

export const SHIPPED_LEVIES = [lightEmissionLevy, minas2003] as const;
