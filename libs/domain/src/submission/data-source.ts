/** The named sources of farm data (asb.md, actors). */
export const DATA_SOURCES = [
  'klw',
  'gecombineerde-opgave',
  'scan-ict',
  'clm-milieumeetlat',
  'dairy-processor',
  'manure-transport-registry',
] as const;
export type DataSource = (typeof DATA_SOURCES)[number];

/** How a figure was obtained; a levy tolerance can depend on it. */
export const QUALITY_CLASSES = ['measured', 'registered', 'calculated', 'self-declared', 'default'] as const;
export type QualityClass = (typeof QUALITY_CLASSES)[number];
