import { api } from '../api';
import type { Session } from '../auth';
import { ErrorMessage, Heading, Loading, Paragraph, useData } from '../components';
import { formatDateTime, formatEuros } from '../format';
import { useT } from '../i18n';

type Catalogue = Readonly<{ normSets: Array<{ normSetId: string; kind: string; title: string; withdrawn: boolean; scheme: { scheme: string } | null }> }>;
type Forwarded = Readonly<{ farmId: string; year: number; scoreVersion: number; totalCents: number; forwardedAt: string; normSet: { id: string; version: number } | null }>;

/** The payer's main page: per published scheme, the scores forwarded to it (approved, no open blocking finding). */
export const PayerPage = ({ session }: { session: Session }) => {
  const t = useT();
  const data = useData(async () => {
    const catalogue = await api<Catalogue>(session, 'GET', '/norm-sets?kind=scheme-scoring');
    const schemes = catalogue.normSets.filter((n) => n.scheme && !n.withdrawn);
    return Promise.all(schemes.map(async (n) => ({ scheme: n.scheme!.scheme, title: n.title, scores: await api<Forwarded[]>(session, 'GET', `/payer/${n.scheme!.scheme}/forwarded-scores`) })));
  }, [session.accessToken]);
  return (
    <>
      <Heading level={1}>{t('forwardedScores')}</Heading>
      <Paragraph>{t('forwardedIntro')}</Paragraph>
      {data.error ? <ErrorMessage error={data.error} /> : null}
      {data.loading && !data.data ? <Loading /> : null}
      {data.data?.map(({ scheme, title, scores }) => (
        <section key={scheme} className="asb-section" aria-labelledby={`regeling-${scheme}`}>
          <Heading level={2} id={`regeling-${scheme}`}>
            {title} ({scheme})
          </Heading>
          {scores.length === 0 ? (
            <Paragraph>{t('nothing')}</Paragraph>
          ) : (
            <div className="asb-table-wrap">
              <table className="asb-table utrecht-table">
                <caption>
                  {t('forwardedScores')}: {scheme}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('farmId')}</th>
                    <th scope="col">{t('year')}</th>
                    <th scope="col" className="asb-number">
                      {t('amount')}
                    </th>
                    <th scope="col">{t('forwardedAt')}</th>
                    <th scope="col">{t('normSet')}</th>
                  </tr>
                </thead>
                <tbody>
                  {scores.map((s) => (
                    <tr key={`${s.farmId}-${s.year}`}>
                      <th scope="row">{s.farmId}</th>
                      <td>{s.year}</td>
                      <td className="asb-number">{formatEuros(s.totalCents)}</td>
                      <td>{formatDateTime(s.forwardedAt)}</td>
                      <td>{s.normSet ? `${s.normSet.id} v${s.normSet.version}` : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
};
