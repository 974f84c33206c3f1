/**
 * Soil classes for the what-if's breakdown by soil (issue 16): the farm's registered soil types read
 * coarsely — sand of every region is sand — so that a class describes a group rather than a farm.
 * A farm on more than one class is "mixed"; a farm without registered soil types, "soil unknown".
 */
export const SOIL_CLASSES = [
  { label: 'peat', words: ['peat', 'veen'] },
  { label: 'clay', words: ['clay', 'klei'] },
  { label: 'loess', words: ['loess', 'löss', 'loss'] },
  { label: 'sand', words: ['sand', 'zand'] },
] as const;

export const soilClassOf = (soilTypes: readonly string[] | undefined): string => {
  const classes = new Set<string>();
  for (const type of soilTypes ?? []) {
    const lower = type.toLowerCase();
    classes.add(SOIL_CLASSES.find((c) => c.words.some((w) => lower.includes(w)))?.label ?? 'other soil');
  }
  if (classes.size === 0) return 'soil unknown';
  return classes.size === 1 ? [...classes][0] : 'mixed soils';
};
