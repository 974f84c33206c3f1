import { api } from '../api';
import type { Session } from '../auth';
import { ErrorMessage, Heading, Link, Loading, Paragraph, useData } from '../components';
import { formatEuros } from '../format';
import { useT } from '../i18n';
import { allPages, type CursorPage } from '../lists';
import type { FarmSummary } from './farms';

type Years = CursorPage<{ year: number; scores: Array<{ scheme: string; status: string; scoreVersion: number; totalCents: number }> }>;
type Item = Readonly<{ farmId: string; year: number; scheme: string; status: string; totalCents: number }>;
type Finding = Readonly<{ findingId: string; checkId: string; severity: string; status: string; message: string }>;
type Blocking = Finding & Readonly<{ farmId: string; year: number }>;

/**
 * The calculator's work queue: the scores it calculated but did not present yet, the disputed ones it
 * must decide, and the open blocking findings that stop forwarding, over the farms that authorise it
 * (the first 100 of `GET /farms`; per farm its years, per year its findings: a list endpoint of its
 * own would answer this in one request — not built yet).
 */
export const WorkQueuePage = ({ session }: { session: Session }) => {
  const t = useT();
  const queue = useData(async () => {
    const farms = await api<{ items: FarmSummary[] }>(session, 'GET', '/farms?limit=100');
    const items: Item[] = [];
    const blocking: Blocking[] = [];
    for (const farm of farms.items) {
      const { items: years } = await allPages<Years>(session, `/farms/${farm.farmId}/years`);
      for (const y of years) {
        for (const s of y.scores) items.push({ farmId: farm.farmId, year: y.year, scheme: s.scheme, status: s.status, totalCents: s.totalCents });
        const { items: findings } = await allPages<CursorPage<Finding>>(session, `/farms/${farm.farmId}/years/${y.year}/findings`);
        for (const f of findings) if (f.status === 'open' && f.severity === 'blocking') blocking.push({ ...f, farmId: farm.farmId, year: y.year });
      }
    }
    return { items, blocking };
  }, [session.accessToken]);
  const list = (status: string) => {
    const items = (queue.data?.items ?? []).filter((i) => i.status === status);
    if (!items.length) return <Paragraph>{t('nothing')}</Paragraph>;
    return (
      <ul>
        {items.map((i) => (
          <li key={`${i.farmId}-${i.year}-${i.scheme}`}>
            <Link to={`/bedrijven/${i.farmId}/jaren/${i.year}`}>
              {i.farmId} · {i.year} · {i.scheme}
            </Link>{' '}
            ({formatEuros(i.totalCents)})
          </li>
        ))}
      </ul>
    );
  };
  return (
    <>
      <Heading level={1}>{t('workQueue')}</Heading>
      {queue.error ? <ErrorMessage error={queue.error} /> : null}
      {queue.loading && !queue.data ? <Loading /> : null}
      {queue.data ? (
        <>
          <section className="asb-section" aria-labelledby="voorleggen">
            <Heading level={2} id="voorleggen">
              {t('toPresent')}
            </Heading>
            {list('calculated')}
          </section>
          <section className="asb-section" aria-labelledby="bezwaren">
            <Heading level={2} id="bezwaren">
              {t('disputedScores')}
            </Heading>
            {list('disputed')}
          </section>
          <section className="asb-section" aria-labelledby="blokkerend">
            <Heading level={2} id="blokkerend">
              {t('blockingFindings')}
            </Heading>
            {queue.data.blocking.length === 0 ? (
              <Paragraph>{t('nothing')}</Paragraph>
            ) : (
              <ul>
                {queue.data.blocking.map((f) => (
                  <li key={`${f.farmId}-${f.year}-${f.findingId}`}>
                    <Link to={`/bedrijven/${f.farmId}/jaren/${f.year}`}>
                      {f.farmId} · {f.year} · {f.checkId}
                    </Link>
                    : <span lang="en">{f.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      ) : null}
    </>
  );
};
