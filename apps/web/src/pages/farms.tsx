import { useEffect, useState } from 'react';
import { get, type ItemOf } from '../api';
import type { Session } from '../auth';
import { ErrorMessage, Heading, Link, Loading, Paragraph } from '../components';
import { formatNumber } from '../format';
import { useT } from '../i18n';

type FarmSummary = ItemOf<'/farms'>;

export const areaOf = (landUse: Record<string, number>) => Object.values(landUse).reduce((a, b) => a + b, 0);

/** The farmer's main page: the farms the signed-in person may see (`GET /farms`, a page at a time). */
export const FarmsPage = ({ session }: { session: Session }) => {
  const t = useT();
  const [farms, setFarms] = useState<FarmSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error?: unknown }>({ loading: true });
  const load = (after: string | null) => {
    setState({ loading: true });
    get(session, '/farms', { limit: 20, cursor: after ?? undefined }).then(
      (page) => {
        setFarms((f) => (after ? [...f, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setState({ loading: false });
      },
      (error) => setState({ loading: false, error }),
    );
  };
  useEffect(() => load(null), [session.accessToken]);
  return (
    <>
      <Heading level={1}>{session.role === 'farmer' ? t('myFarms') : t('farms')}</Heading>
      {state.error ? <ErrorMessage error={state.error} /> : null}
      {!state.loading && !state.error && farms.length === 0 ? <Paragraph>{t('noFarms')}</Paragraph> : null}
      <ul className="asb-cards">
        {farms.map((farm) => (
          <li key={farm.farmId} className="asb-card">
            <Heading level={2}>
              <Link to={`/bedrijven/${farm.farmId}`}>
                {t('farm')} {farm.farmId}
              </Link>
            </Heading>
            <dl className="asb-dl">
              <dt>{t('province')}</dt>
              <dd>{farm.province}</dd>
              <dt>{t('livestockUnits')}</dt>
              <dd>{formatNumber(farm.livestockUnits)}</dd>
              <dt>{t('area')}</dt>
              <dd>{formatNumber(areaOf(farm.landUse))}</dd>
            </dl>
          </li>
        ))}
      </ul>
      {state.loading ? <Loading /> : null}
      {cursor && !state.loading ? (
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => load(cursor)}>
          {t('moreFarms')}
        </button>
      ) : null}
    </>
  );
};
