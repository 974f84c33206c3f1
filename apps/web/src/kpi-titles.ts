import { KPI_NAMES, type Both, type Lang } from './names';

/**
 * What a page calls a KPI (D76): the title its norm set publishes, in the page's language; for a
 * document published without titles (before D76), the app's own table; null when neither names it
 * (the page then shows the id). A new scheme that publishes titles needs no code here.
 */
export const kpiTitle = (id: string, title: unknown, lang: Lang): string | null => {
  const published = typeof title === 'object' && title !== null ? (title as Record<string, unknown>)[lang] : undefined;
  if (typeof published === 'string' && published.trim()) return published;
  return Object.hasOwn(KPI_NAMES, id) ? KPI_NAMES[id]![lang] : null;
};

/**
 * KPI titles for pages that show results rather than a norm set (D81: the what-if report, the
 * regulator's timeline): the titles each norm set publishes (D76), read from its latest version,
 * keyed by norm set, then KPI id. A KPI whose document has no title falls back to the app's table.
 */
export type KpiTitles = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The titles a document's KPIs carry, by id (`title: {nl, en}`, or nothing for a document before D76). */
export const kpiTitlesOf = (parameters: unknown): Record<string, unknown> => {
  const kpis = isRecord(parameters) && Array.isArray(parameters.kpis) ? parameters.kpis : [];
  return Object.fromEntries(kpis.filter((k): k is Record<string, unknown> => isRecord(k) && typeof k.id === 'string').map((k) => [k.id as string, k.title]));
};

/** A KPI of a norm set in words: its title there, else the app's table, else its id. */
export const kpiInWords = (titles: KpiTitles, normSetId: string, kpiId: string, lang: Lang): string => kpiTitle(kpiId, titles[normSetId]?.[kpiId], lang) ?? kpiId;

/** The names of one norm set's KPIs as a table (`statePathInWords` reads tables), over the app's own for KPIs it does not hold. */
export const kpiNameTable = (titles: KpiTitles, normSetId: string | null): Record<string, Both> => {
  const own = normSetId ? Object.keys(titles[normSetId] ?? {}) : [];
  return { ...KPI_NAMES, ...Object.fromEntries(own.map((id) => [id, { nl: kpiInWords(titles, normSetId!, id, 'nl'), en: kpiInWords(titles, normSetId!, id, 'en') }])) };
};

/** The norm set a score's stream (`score-{scheme}-{farm}-{year}`) was scored under, by the catalogue's schemes (the longest that fits). */
export const normSetOfScoreStream = (stream: string, schemes: Readonly<Record<string, string>>): string | null => {
  const fitting = Object.keys(schemes).filter((scheme) => stream.startsWith(`score-${scheme}-`));
  const scheme = fitting.sort((a, b) => b.length - a.length)[0];
  return scheme ? schemes[scheme]! : null;
};

