/**
 * Names and readable messages of the cross-source checks (run-checks.ts, usage-norm.ts): the API
 * names a finding by its check id and says what it found in English for the log; people read the
 * check's name and a sentence built from the finding's values, in Dutch or English.
 */
import type { Both, Lang } from './names';

export const CHECK_NAMES: Record<string, Both> = {
  'milk-delivered': { nl: 'Geleverde melk', en: 'Milk delivered' },
  'manure-transfer': { nl: 'Mesttransport', en: 'Manure transfer' },
  'land-in-use': { nl: 'Grondgebruik', en: 'Land in use' },
  'milk-nitrogen': { nl: 'Stikstof in melk', en: 'Nitrogen in milk' },
  'farm-n-surplus': { nl: 'Stikstofoverschot van het bedrijf', en: 'Farm nitrogen surplus' },
  plausibility: { nl: 'Aannemelijkheid', en: 'Plausibility' },
  'usage-norm': { nl: 'Gebruiksnorm', en: 'Usage norm' },
};

export type FindingShown = Readonly<{ checkId: string; subject: string; message: string; values?: Readonly<Record<string, number | string | boolean | null>> }>;

/** How the page formats numbers and names indicators and sources. */
export type FindingWording = Readonly<{ lang: Lang; number: (v: number) => string; indicatorName: (key: string) => string; sourceName: (source: string) => string }>;

/** A readable sentence for a finding, or null when its values do not say enough (the page then shows the API's message, marked English). */
export const findingInWords = (f: FindingShown, w: FindingWording): string | null => {
  const v = f.values ?? {};
  const n = (key: string) => (typeof v[key] === 'number' ? w.number(v[key] as number) : null);
  const nl = w.lang === 'nl';
  const [kind, first, second] = f.subject.split(':');
  switch (f.checkId) {
    case 'milk-delivered':
      if (n('klwKg') === null || n('processorKg') === null) return null;
      return nl
        ? `De KringloopWijzer meldt ${n('klwKg')} kg melk, de zuivelonderneming ${n('processorKg')} kg (verschil ${n('differencePct')}%).`
        : `The KringloopWijzer reports ${n('klwKg')} kg milk, the dairy processor ${n('processorKg')} kg (difference ${n('differencePct')}%).`;
    case 'manure-transfer': {
      if (n('registryKg') === null || n('reportedKg') === null || !first) return null;
      const direction = kind === 'manure-out' ? (nl ? `naar ${first}` : `to ${first}`) : nl ? `van ${first}` : `from ${first}`;
      return nl
        ? `Mest ${direction}: het mesttransportregister vermeldt ${n('registryKg')} kg, de andere kant meldt ${n('reportedKg')} kg (verschil ${n('differencePct')}%).`
        : `Manure ${direction}: the transport registry records ${n('registryKg')} kg, the other side reports ${n('reportedKg')} kg (difference ${n('differencePct')}%).`;
    }
    case 'land-in-use':
      if (n('largestDifferenceHa') === null) return null;
      return nl
        ? `Het grondgebruik in de KringloopWijzer wijkt af van de gecombineerde opgave: het grootste verschil is ${n('largestDifferenceHa')} ha in één gewas.`
        : `The land use in the KringloopWijzer differs from the gecombineerde opgave: the largest difference is ${n('largestDifferenceHa')} ha in one land use.`;
    case 'milk-nitrogen':
      if (n('submittedNKg') === null || n('recomputedNKg') === null) return null;
      return nl
        ? `Opgegeven stikstof in melk: ${n('submittedNKg')} kg; uit melk en eiwitgehalte volgt ${n('recomputedNKg')} kg (verschil ${n('differencePct')}%).`
        : `Nitrogen in milk stated: ${n('submittedNKg')} kg; milk and protein content give ${n('recomputedNKg')} kg (difference ${n('differencePct')}%).`;
    case 'farm-n-surplus':
      if (n('reportedKgHa') === null || n('recomputedKgHa') === null) return null;
      return nl
        ? `De KringloopWijzer meldt een stikstofoverschot van ${n('reportedKgHa')} kg/ha; de aangeleverde stromen geven ${n('recomputedKgHa')} kg/ha.`
        : `The KringloopWijzer reports a farm nitrogen surplus of ${n('reportedKgHa')} kg/ha; the submitted flows give ${n('recomputedKgHa')} kg/ha.`;
    case 'plausibility':
      if (kind === 'range' && first && n('value') !== null) {
        const source = second ? ` (${w.sourceName(second)})` : '';
        return nl
          ? `${w.indicatorName(first)} = ${n('value')}${source} valt buiten het mogelijke bereik van ${v.min} tot ${v.max}.`
          : `${w.indicatorName(first)} = ${n('value')}${source} is outside the possible range ${v.min} to ${v.max}.`;
      }
      if (kind === 'urea-vs-ration-protein' && n('ureaMg100g') !== null) {
        return nl
          ? `Ureumgehalte ${n('ureaMg100g')} mg/100 g past niet bij ${n('rationCrudeProteinGKgDm')} g ruw eiwit per kg droge stof in het rantsoen (verwacht ongeveer ${n('expectedUreaMg100g')}).`
          : `Milk urea ${n('ureaMg100g')} mg/100 g does not fit ${n('rationCrudeProteinGKgDm')} g crude protein per kg dry matter in the ration (expected about ${n('expectedUreaMg100g')}).`;
      }
      if (kind === 'grazing-vs-stocking' && n('grazingHours') !== null) {
        const density = n('livestockUnitsPerGrasslandHa');
        return nl
          ? `${n('grazingHours')} uur weidegang gemeld ${density === null ? 'zonder grasland' : `bij ${density} grootvee-eenheden per ha grasland`}.`
          : `${n('grazingHours')} grazing hours reported ${density === null ? 'without grassland' : `with ${density} livestock units per ha grassland`}.`;
      }
      return null;
    case 'usage-norm':
      if (n('usageKgHa') === null || n('allowedKgHa') === null) return null;
      return nl
        ? `Gebruikt ${first === 'p2o5' ? 'fosfaat' : 'stikstof'}: ${n('usageKgHa')} kg/ha; de gebruiksnorm staat ${n('allowedKgHa')} kg/ha toe.`
        : `${first === 'p2o5' ? 'Phosphate' : 'Nitrogen'} applied: ${n('usageKgHa')} kg/ha; the usage norm allows ${n('allowedKgHa')} kg/ha.`;
    default:
      return null;
  }
};
