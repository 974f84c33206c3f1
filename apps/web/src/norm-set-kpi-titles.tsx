import { get } from './api';
import type { Session } from './auth';
import { useData } from './components';
import { kpiTitlesOf, type KpiTitles } from './kpi-titles';
import { allPages } from './lists';

/** The hooks that read KPI titles from the norm sets (D81); the pure rules are in kpi-titles.ts. */


const titlesOf = async (session: Session, normSetIds: readonly string[]): Promise<KpiTitles> =>
  Object.fromEntries(
    await Promise.all(
      // A norm set that cannot be read names its KPIs by the table: a missing title never hides a result.
      normSetIds.map(async (id) => [id, await get(session, '/norm-sets/{normSetId}', { normSetId: id }).then((a) => kpiTitlesOf(a.document.parameters), () => ({}))] as const),
    ),
  );

/** The KPI titles of the given norm sets (empty while loading or when one cannot be read). */
export const useKpiTitles = (session: Session, normSetIds: readonly string[]): KpiTitles => {
  const ids = [...new Set(normSetIds)].sort();
  return useData(() => titlesOf(session, ids), [ids.join(' '), session.accessToken]).data ?? {};
};

/** Every scheme's KPI titles and which norm set each scheme is (for pages that know a score by its stream). */
export const useSchemeKpiTitles = (session: Session): { titles: KpiTitles; schemes: Record<string, string> } => {
  const loaded = useData(async () => {
    const catalogue = await allPages(session, '/norm-sets', { kind: 'scheme-scoring' });
    const schemes = Object.fromEntries(catalogue.items.filter((n) => n.scheme).map((n) => [n.scheme!.scheme, n.normSetId]));
    return { schemes, titles: await titlesOf(session, Object.values(schemes)) };
  }, [session.accessToken]);
  return loaded.data ?? { titles: {}, schemes: {} };
};
