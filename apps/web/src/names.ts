/** Names people read for what the API names in camelCase English: pure tables, shared by the pages and their unit tests. */
export type Lang = 'nl' | 'en';

export type Both = Readonly<{ nl: string; en: string }>;

/** Plain-language names of the KPIs, indicators, flows, sources and statuses the API names in camelCase English. */
export const KPI_NAMES: Record<string, Both> = {
  nFarmSurplus: { nl: 'Stikstofbodemoverschot van het bedrijf', en: 'Farm nitrogen surplus' },
  nh3PerHa: { nl: 'Ammoniakemissie per hectare', en: 'Ammonia emission per hectare' },
  nh3PerLivestockUnit: { nl: 'Ammoniakemissie per grootvee-eenheid', en: 'Ammonia emission per livestock unit' },
  milkUrea: { nl: 'Ureumgehalte van de melk', en: 'Milk urea' },
  ownLandProtein: { nl: 'Eiwit van eigen land', en: 'Protein from own land' },
  rationCrudeProtein: { nl: 'Ruw eiwit in het rantsoen', en: 'Crude protein in the ration' },
  ghgPerKgMilk: { nl: 'Broeikasgasemissie per kg melk', en: 'Greenhouse gas per kg milk' },
  cropRotation: { nl: 'Vruchtwisseling', en: 'Crop rotation' },
  grazing: { nl: 'Weidegang', en: 'Grazing' },
  nSoilSurplus: { nl: 'Stikstofbodemoverschot per gewas', en: 'Soil nitrogen surplus per land use' },
  pesticideLoad: { nl: 'Milieubelasting gewasbescherming', en: 'Pesticide load' },
  pSoilSurplus: { nl: 'Fosfaatbodemoverschot', en: 'Soil phosphate surplus' },
  biodiversity: { nl: 'Biodiversiteitspakketten', en: 'Biodiversity packages' },
};

export const nameIn = (table: Record<string, Both>, key: string, lang: Lang): string => table[key]?.[lang] ?? key;
