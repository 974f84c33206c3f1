import { api } from '../api';
import type { Session } from '../auth';
import { ErrorMessage, Heading, Loading, Paragraph, useData } from '../components';
import { formatDate } from '../format';
import { useT } from '../i18n';

type Catalogue = Readonly<{
  normSets: Array<{ normSetId: string; kind: string; title: string; latestVersion: number; withdrawn: boolean; versions: Array<{ version: number; effectiveFrom: string; effectiveTo: string | null }> }>;
}>;

/** The norm authority's main page: the catalogue of published norm sets (`GET /norm-sets`). */
export const NormSetsPage = ({ session }: { session: Session }) => {
  const t = useT();
  const catalogue = useData(() => api<Catalogue>(session, 'GET', '/norm-sets'), [session.accessToken]);
  return (
    <>
      <Heading level={1}>{t('normSets')}</Heading>
      <Paragraph>{t('normSetsIntro')}</Paragraph>
      {catalogue.error ? <ErrorMessage error={catalogue.error} /> : null}
      {catalogue.loading && !catalogue.data ? <Loading /> : null}
      {catalogue.data ? (
        <div className="asb-table-wrap">
          <table className="asb-table utrecht-table">
            <caption>{t('normSets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('normSet')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col" className="asb-number">
                  {t('version')}
                </th>
                <th scope="col">{t('effectiveFrom')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {catalogue.data.normSets.map((n) => {
                const latest = n.versions.find((v) => v.version === n.latestVersion) ?? n.versions.at(-1);
                return (
                  <tr key={n.normSetId}>
                    <th scope="row">
                      {n.title} <span className="asb-muted">({n.normSetId})</span>
                    </th>
                    <td>{n.kind}</td>
                    <td className="asb-number">{n.latestVersion}</td>
                    <td>{latest ? formatDate(latest.effectiveFrom) : '—'}</td>
                    <td>{n.withdrawn ? t('withdrawn') : t('inForce')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
};
