import { kpiInWords, type KpiTitles } from '../kpi-titles';
import type { Both, Lang } from '../names';

const PART_LAND_USES: Record<string, Both> = { grassland: { nl: 'grasland', en: 'grassland' }, maize: { nl: 'maïs', en: 'maize' }, arable: { nl: 'bouwland', en: 'arable land' } };

/** The norm set a report part names (`{normSetId}/{kpi or component}[.{land use}]`); null for a part without one. */
export const normSetOfPart = (part: string): string | null => (part.includes('/') ? part.slice(0, part.indexOf('/')) : null);

/**
 * A what-if report's part in words: the KPI by the title its norm set publishes (D76, D81; the app's
 * table for a document without titles), the land use in words, the norm set after it. A levy's
 * component has no title: its id stays.
 */
export const partName = (part: string, lang: Lang, titles: KpiTitles): string => {
  const normSet = normSetOfPart(part) ?? '';
  const [head, ...rest] = part.slice(part.indexOf('/') + 1).split('.');
  const name = [kpiInWords(titles, normSet, head!, lang), ...rest.map((r) => PART_LAND_USES[r]?.[lang] ?? r)].join(' › ');
  return normSet ? `${name} (${normSet})` : name;
};
