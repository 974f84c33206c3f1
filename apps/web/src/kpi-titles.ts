import { KPI_NAMES, type Lang } from './names';

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
