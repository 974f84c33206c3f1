/**
 * The sources of farm data the shipped indicator catalogue declares (asb.md, actors). Not a limit: a
 * published indicator catalogue may declare more (D40); what may be recorded at all is a source id of
 * the right format.
 */
export const DATA_SOURCES = [
  'klw',
  'gecombineerde-opgave',
  'scan-ict',
  'clm-milieumeetlat',
  'dairy-processor',
  'manure-transport-registry',
] as const;
export type ShippedDataSource = (typeof DATA_SOURCES)[number];
/** A data source id: declared by a published catalogue, not by code (D40). */
export type DataSource = string;
export const DATA_SOURCE_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const isDataSourceFormat = (v: unknown): v is string => typeof v === 'string' && DATA_SOURCE_PATTERN.test(v);

/** How a figure was obtained; a levy tolerance can depend on it. */
export const QUALITY_CLASSES = ['measured', 'registered', 'calculated', 'self-declared', 'default'] as const;
export type QualityClass = (typeof QUALITY_CLASSES)[number];
