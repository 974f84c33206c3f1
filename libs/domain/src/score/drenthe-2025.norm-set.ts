import type { NormSetDocument } from '../norms/norm-set';
import type { KpiTitle, SchemeNorms } from './scheme-norms';

/** Art. 1 (melkveehouder: SBI codes per the KvK register) and art. 4 (in Drenthe, with a KringloopWijzer). */
export const DRENTHE_2025_ELIGIBILITY = { provinces: ['Drenthe'], sbiCodes: ['01.41', '01.41.1', '01.50'], kringloopWijzerRequired: true } as const;
/**
 * The scheme sets no date by which a farmer must approve or deliver; art. 9 settles in 2027. The
 * ledger closes what is not settleable on 1 October 2027 (Amsterdam), so SNN can still close and
 * settle within 2027 (D39; an interpretation, a parameter the province can amend).
 */
export const DRENTHE_2025_CLOSURE = { deadline: '2027-09-30T22:00:00.000Z' } as const;

const t = (threshold: string, euros: number) => ({ threshold, cents: euros * 100 });

/**
 * Bijlage I, "Definities en bron van de KPI's" (seed 003): the source of each KPI (D46). KPIs 1–8, 11
 * and 13 come from the KringloopWijzer; 9 (pesticide load) from the CLM-milieumeetlat, 10 (crop
 * rotation) from the gecombineerde opgave, 12 (nature and landscape: the ANLb/BBM packages) from
 * SCAN-ICT. Where the named source is not KLW, KLW follows it: the KLW report carries these figures
 * too, and before D46 it was taken first for every KPI — now only when the named source delivered
 * nothing. A province that wants the named source only amends `kpis.N.sources`.
 */
export const DRENTHE_2025_KPI_SOURCES: Readonly<Record<string, readonly string[]>> = {
  nFarmSurplus: ['klw'],
  nSoilSurplus: ['klw'],
  nh3PerHa: ['klw'],
  nh3PerLivestockUnit: ['klw'],
  milkUrea: ['klw'],
  ownLandProtein: ['klw'],
  rationCrudeProtein: ['klw'],
  ghgPerKgMilk: ['klw'],
  pesticideLoad: ['clm-milieumeetlat', 'klw'],
  cropRotation: ['gecombineerde-opgave', 'klw'],
  pSoilSurplus: ['klw'],
  biodiversity: ['scan-ict', 'klw'],
  grazing: ['klw'],
};
const from = (id: keyof typeof DRENTHE_2025_KPI_SOURCES) => ({ sources: DRENTHE_2025_KPI_SOURCES[id] });

/** What the farmer, the calculator and the province read for each KPI (D76): published with the rules, so the web app needs no table of its own. */
export const DRENTHE_2025_KPI_TITLES: Readonly<Record<keyof typeof DRENTHE_2025_KPI_SOURCES, KpiTitle>> = {
  nFarmSurplus: { nl: 'Stikstofbodemoverschot van het bedrijf', en: 'Farm nitrogen surplus' },
  nSoilSurplus: { nl: 'Stikstofbodemoverschot per gewas', en: 'Soil nitrogen surplus per land use' },
  nh3PerHa: { nl: 'Ammoniakemissie per hectare', en: 'Ammonia emission per hectare' },
  nh3PerLivestockUnit: { nl: 'Ammoniakemissie per grootvee-eenheid', en: 'Ammonia emission per livestock unit' },
  milkUrea: { nl: 'Ureumgehalte van de melk', en: 'Milk urea' },
  ownLandProtein: { nl: 'Eiwit van eigen land', en: 'Protein from own land' },
  rationCrudeProtein: { nl: 'Ruw eiwit in het rantsoen', en: 'Crude protein in the ration' },
  ghgPerKgMilk: { nl: 'Broeikasgasemissie per kg melk', en: 'Greenhouse gas per kg milk' },
  pesticideLoad: { nl: 'Milieubelasting gewasbescherming', en: 'Pesticide load' },
  cropRotation: { nl: 'Vruchtwisseling', en: 'Crop rotation' },
  pSoilSurplus: { nl: 'Fosfaatbodemoverschot', en: 'Soil phosphate surplus' },
  biodiversity: { nl: 'Biodiversiteitspakketten', en: 'Biodiversity packages' },
  grazing: { nl: 'Weidegang', en: 'Grazing' },
};
const titled = (id: keyof typeof DRENTHE_2025_KPI_TITLES) => ({ title: DRENTHE_2025_KPI_TITLES[id] });

/**
 * Subsidieregeling Duurzaam Boeren Drenthe – Melkveehouderij 2025–2026, Bijlage I, with the
 * interpretations of shared/spec/drenthe-2025.md. Published as data (a NormSetPublished event);
 * the scoring code knows KPI shapes, not numbers.
 */
export const drenthe2025NormSet: NormSetDocument<SchemeNorms> = {
  normSetId: 'drenthe-2025',
  kind: 'scheme-scoring',
  version: 1,
  title: 'Duurzaam Boeren Drenthe – Melkveehouderij 2025–2026, Bijlage I',
  legalBasis: 'Subsidieregeling Duurzaam Boeren Drenthe – Melkveehouderij 2025–2026 (Provincie Drenthe), art. 7–11 and Bijlage I',
  effectiveFrom: '2025-01-01',
  effectiveTo: '2027-12-31',
  parameters: {
    scheme: 'drenthe-2025',
    years: [2025, 2026],
    applicationWindow: { opensAt: '2025-08-11T22:00:00.000Z', closesAt: '2025-10-31T23:00:00.000Z' },
    requiredAuthorisationSources: ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'],
    kpis: [
      { id: 'nFarmSurplus', ...titled('nFarmSurplus'), ...from('nFarmSurplus'), kind: 'threshold', indicator: 'nFarmSurplusKgHa', direction: 'atMost', tiers: [t('110', 250), t('130', 200), t('150', 150)] },
      { id: 'nh3PerHa', ...titled('nh3PerHa'), ...from('nh3PerHa'), kind: 'threshold', indicator: 'nh3KgHa', direction: 'atMost', tiers: [t('40', 250), t('50', 200), t('60', 150)] },
      { id: 'nh3PerLivestockUnit', ...titled('nh3PerLivestockUnit'), ...from('nh3PerLivestockUnit'), kind: 'threshold', indicator: 'nh3KgPerLivestockUnit', direction: 'atMost', tiers: [t('19', 250), t('21', 200), t('23', 150)] },
      { id: 'milkUrea', ...titled('milkUrea'), ...from('milkUrea'), kind: 'threshold', indicator: 'milkUreaMg100g', direction: 'atMost', tiers: [t('18', 1000), t('19', 500), t('20', 100)] },
      { id: 'ownLandProtein', ...titled('ownLandProtein'), ...from('ownLandProtein'), kind: 'threshold', indicator: 'ownLandProteinPct', direction: 'atLeast', tiers: [t('65', 500), t('60', 250), t('55', 150)] },
      { id: 'rationCrudeProtein', ...titled('rationCrudeProtein'), ...from('rationCrudeProtein'), kind: 'threshold', indicator: 'rationCrudeProteinGKgDm', direction: 'atMost', tiers: [t('155', 1000), t('158', 500), t('161', 100)] },
      { id: 'ghgPerKgMilk', ...titled('ghgPerKgMilk'), ...from('ghgPerKgMilk'), kind: 'threshold', indicator: 'ghgGCo2eqKgFpcm', direction: 'atMost', tiers: [t('750', 250), t('850', 200), t('950', 150)] },
      { id: 'cropRotation', ...titled('cropRotation'), ...from('cropRotation'), kind: 'threshold', indicator: 'cropRotationIndex', direction: 'atLeast', tiers: [t('0.8', 250), t('0.7', 200), t('0.6', 150)] },
      { id: 'grazing', ...titled('grazing'), ...from('grazing'), kind: 'threshold', indicator: 'grazingHours', direction: 'atLeast', tiers: [t('1500', 1000), t('1000', 500), t('720', 100)] },
      {
        id: 'nSoilSurplus',
        ...titled('nSoilSurplus'), ...from('nSoilSurplus'),
        kind: 'areaWeighted',
        direction: 'atMost',
        peatCorrectionPerPct: '1.99',
        landUses: {
          grassland: { indicator: 'nSoilSurplusKgHa.grassland', tiers: [t('80', 750), t('105', 350), t('130', 200), t('155', 100)] },
          maize: { indicator: 'nSoilSurplusKgHa.maize', tiers: [t('45', 750), t('55', 350), t('70', 200), t('80', 100)] },
          arable: { indicator: 'nSoilSurplusKgHa.arable', tiers: [t('45', 750), t('60', 350), t('75', 200), t('95', 100)] },
        },
      },
      {
        id: 'pesticideLoad',
        ...titled('pesticideLoad'), ...from('pesticideLoad'),
        kind: 'worstOf',
        direction: 'atMost',
        indicators: ['pesticideMbpHa.soilLife', 'pesticideMbpHa.surfaceWater', 'pesticideMbpHa.groundwater'],
        tiers: [t('100', 500), t('200', 250), t('300', 150), t('400', 100)],
      },
      { id: 'pSoilSurplus', ...titled('pSoilSurplus'), ...from('pSoilSurplus'), kind: 'absoluteBand', indicator: 'pSoilSurplusKgP2o5Ha', tiers: [t('5', 250), t('10', 200)] },
      { id: 'biodiversity', ...titled('biodiversity'), ...from('biodiversity'), kind: 'oncePerScheme', indicator: 'biodiversityPackagesSignedUp', cents: 25000 },
    ],
    yearlyCapCents: 650_000,
    schemeCapPerFarmCents: 1_300_000,
    budgetCeilingCents: 780_000_000,
    reservationPerApplicationCents: 1_300_000,
    partialLastGrant: 'grant-remainder',
    deMinimis: { ceilingCents: 5_000_000, fiscalYears: 3, period: 'rolling' },
    eligibility: DRENTHE_2025_ELIGIBILITY,
    closure: DRENTHE_2025_CLOSURE,
    advance: { year: 2026, basedOnYear: 2025 },
    settlement: { year: 2027, years: [2025, 2026] },
    // Not in the regulation: WUR decides (toelichting art. 10: WUR computes and presents the scores);
    // six weeks as the Awb gives an authority for a decision on an objection (art. 7:10). Illustrative (D36).
    disputes: { decidedBy: 'calculator', decisionDays: 42 },
  },
  /**
   * Toelichting art. 7: "Op één moment per jaar … de streefwaarden naar beneden aan te passen" because
   * of extreme weather — easing the targets: at-most thresholds rise, at-least thresholds fall (D43).
   */
  amendmentRules: {
    'extreme-weather': {
      mayChange: [
        ...[0, 1, 2, 3, 5, 6, 10, 11].map((k) => ({ path: `kpis.${k}.tiers.*.threshold`, direction: 'raise' as const })),
        ...[4, 7, 8].map((k) => ({ path: `kpis.${k}.tiers.*.threshold`, direction: 'lower' as const })),
        { path: 'kpis.9.landUses.*.tiers.*.threshold', direction: 'raise' as const },
      ],
      timesPerYear: 1,
    },
  },
};
