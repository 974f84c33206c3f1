import type { ItemOf } from '../api';
import type { Session } from '../auth';
import { DataTable, Heading, Paragraph } from '../components';
import { FARM_EVENT_NAMES, formatDateTime, nameIn } from '../format';
import { roleName, useLang, useT } from '../i18n';
import { ListFooter, useCursorList } from '../lists';

type HistoryEntry = ItemOf<'/audit/farms/{farmId}/history'>;

/** What an event is about beside its farm: its scheme or levy, its year, the submission it records. */
const aboutOf = (data: HistoryEntry['data']): string =>
  [data.scheme ?? data.levyId, data.year, data.submissionId].filter((part) => typeof part === 'string' || typeof part === 'number').join(', ');

/**
 * Everything recorded about the farm (D67: `GET /audit/farms/{farmId}/history` is its farmer's to read), in
 * the order it was recorded, a page at a time: what, when, by whom and on which authorisation. Reads of the
 * farm's data are not in it; they are the access log's (D64).
 */
export const FarmHistory = ({ session, farmId }: { session: Session; farmId: string }) => {
  const t = useT();
  const { lang } = useLang();
  const list = useCursorList(session, '/audit/farms/{farmId}/history', { farmId });
  return (
    <section className="asb-section" aria-labelledby="geschiedenis">
      <Heading level={2} id="geschiedenis">
        {t('farmHistory')}
      </Heading>
      <Paragraph>{t('farmHistoryIntro')}</Paragraph>
      {list.items.length > 0 ? (
        <DataTable caption={t('farmHistory')} columns={[{ label: t('when') }, { label: t('what') }, { label: t('byWhom') }, { label: t('onAuthorisation') }]}>
          {list.items.map((e) => {
            const about = aboutOf(e.data);
            return (
              <tr key={e.position}>
                <td>{formatDateTime(e.recordedAt)}</td>
                <th scope="row">
                  {Object.hasOwn(FARM_EVENT_NAMES, e.type) ? nameIn(FARM_EVENT_NAMES, e.type, lang) : <span lang="en">{e.type}</span>}
                  {about ? ` (${about})` : null}
                </th>
                <td>
                  {e.actor.id} ({roleName(lang, e.actor.role)})
                </td>
                <td>{e.authorisationId ?? '—'}</td>
              </tr>
            );
          })}
        </DataTable>
      ) : null}
      <ListFooter list={list} label={t('moreHistory')} />
    </section>
  );
};
