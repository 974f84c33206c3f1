/** Area classes coarse enough that, with a province, they describe groups rather than farms. */
export const AREA_CLASSES = [
  { label: 'under 30 ha', below: 30 },
  { label: '30 to 60 ha', below: 60 },
  { label: '60 to 100 ha', below: 100 },
  { label: '100 ha or more', below: Number.POSITIVE_INFINITY },
] as const;

export const areaClassOf = (areaHa: number | null): string => (areaHa === null ? 'area unknown' : AREA_CLASSES.find((c) => areaHa < c.below)!.label);
