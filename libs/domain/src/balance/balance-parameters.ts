import type { NormSetDocument } from '../norms/norm-set';
import type { DataSource, QualityClass } from '../submission/data-source';
import type { FlowKind } from '../submission/balance-data';

export type BalanceParameters = Readonly<{
  /** kg N = kg protein ÷ this factor. */
  milkProteinToNitrogenFactor: string;
  /** Dutch standard milk phosphorus, g P per kg milk, used unless a measured figure is submitted. */
  milkPhosphorusGPerKg: string;
  phosphorusToP2o5: string;
  /** FPCM (meetmelk) = kg milk × (base + fat × fat% + protein × protein%). */
  fpcm: Readonly<{ base: string; fatPerPct: string; proteinPerPct: string }>;
  /** Which source's figure a flow kind is taken from, first found wins. */
  flowSourcePrecedence: Readonly<Partial<Record<FlowKind, readonly DataSource[]>> & { default: readonly DataSource[] }>;
  indicatorSourcePrecedence: readonly DataSource[];
  /** Whose land use gives the area the balance is expressed per ha of, first found wins; else the farm register's. */
  landUseSourcePrecedence: readonly DataSource[];
  /**
   * The *onzekerheidsmarge* (seed 001) per data-quality class: a figure of this class may be this many
   * percent off the true value. A what-if samples its inputs within these margins (D51).
   */
  uncertaintyPctByQuality: Readonly<Record<QualityClass, string>>;
}>;

/**
 * The margins the shipped balance parameters declare, and those an older document is read with
 * (schema 7 of NormSetPublished / NormSetAmended). ILLUSTRATIVE: the letter says that every ASB outcome
 * has a margin and that some data are weak, not how large; these are the levy's data-uncertainty
 * tolerances (`shipped-levies.ts`) widened for a figure's whole error rather than a benefit of the doubt.
 */
export const UNCERTAINTY_PCT_BY_QUALITY_V1: Readonly<Record<QualityClass, string>> = { measured: '2', registered: '5', calculated: '10', 'self-declared': '20', default: '30' };

/** What the balance used before the land-use precedence was a parameter (see the NormSetPublished upcaster). */
export const LAND_USE_SOURCE_PRECEDENCE_V1: readonly DataSource[] = ['klw', 'gecombineerde-opgave'];

/** asb.md, "The balance": the Dutch standards used by the balance projection. */
export const balanceParametersV1: NormSetDocument<BalanceParameters> = {
  normSetId: 'balance-parameters',
  kind: 'balance-parameters',
  version: 1,
  title: 'Farm-gate balance: milk conversion standards and source precedence',
  legalBasis: 'KringloopWijzer rekenregels; asb.md (milk N = protein ÷ 6.38; 0.97 g P/kg milk; FPCM)',
  effectiveFrom: '2006-01-01',
  parameters: {
    milkProteinToNitrogenFactor: '6.38',
    milkPhosphorusGPerKg: '0.97',
    phosphorusToP2o5: '2.291',
    fpcm: { base: '0.337', fatPerPct: '0.116', proteinPerPct: '0.06' },
    flowSourcePrecedence: {
      milk: ['dairy-processor', 'klw'],
      'manure-delivered': ['manure-transport-registry', 'klw'],
      'organic-manure-received': ['manure-transport-registry', 'klw'],
      default: ['klw', 'scan-ict', 'clm-milieumeetlat', 'gecombineerde-opgave', 'dairy-processor', 'manure-transport-registry'],
    },
    indicatorSourcePrecedence: ['klw', 'scan-ict', 'clm-milieumeetlat', 'gecombineerde-opgave', 'dairy-processor', 'manure-transport-registry'],
    landUseSourcePrecedence: LAND_USE_SOURCE_PRECEDENCE_V1,
    uncertaintyPctByQuality: UNCERTAINTY_PCT_BY_QUALITY_V1,
  },
};
