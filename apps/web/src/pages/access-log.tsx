import type { ItemOf } from '../api';
import type { Session } from '../auth';
import { DataTable, Heading, Paragraph } from '../components';
import { ACCESS_REFUSAL_REASONS, ACTION_NAMES, formatDateTime, nameIn, RESOURCE_NAMES } from '../format';
import { roleName, useLang, useT } from '../i18n';
import { ListFooter, useCursorList } from '../lists';

type Entry = ItemOf<'/farms/{farmId}/access-log'>;

/** Who read the farm's data or was refused it (D64), newest first, a page at a time. */
export const AccessLog = ({ session, farmId }: { session: Session; farmId: string }) => {
  const t = useT();
  const { lang } = useLang();
  const list = useCursorList(session, '/farms/{farmId}/access-log', { farmId });
  // What was read (or tried): the resource in words with its scheme or levy and year; a refusal adds what was attempted.
  const what = (e: Entry) => {
    const about = [e.resource ? nameIn(RESOURCE_NAMES, e.resource, lang) : undefined, e.scheme ?? e.levyId, e.year].filter((part) => part !== undefined).join(', ');
    if (e.kind === 'read') return about;
    const attempt = nameIn(ACTION_NAMES, e.action ?? '', lang);
    return about ? `${about} (${attempt})` : attempt;
  };
  return (
    <section className="asb-section" aria-labelledby="inzage">
      <Heading level={2} id="inzage">
        {t('accessLog')}
      </Heading>
      <Paragraph>{t('accessLogIntro')}</Paragraph>
      {!list.loading && !list.error && list.items.length === 0 ? <Paragraph>{t('accessLogEmpty')}</Paragraph> : null}
      {list.items.length > 0 ? (
        <DataTable caption={t('accessLog')} columns={[{ label: t('when') }, { label: t('who') }, { label: t('what') }, { label: t('basis') }]}>
          {list.items.map((e) => (
            <tr key={e.eventId}>
              <td>{formatDateTime(e.at)}</td>
              <td>
                {e.actorId} ({roleName(lang, e.actorRole)})
              </td>
              <td>{what(e)}</td>
              <td>
                {e.kind === 'refusal' ? (
                  <>
                    <strong>{t('refusedAttempt')}</strong>:{' '}
                    {e.code && ACCESS_REFUSAL_REASONS[e.code] ? nameIn(ACCESS_REFUSAL_REASONS, e.code, lang) : <span lang="en">{e.reason}</span>}
                  </>
                ) : e.basis === 'authorisation' ? (
                  `${t('basisAuthorisation')} ${e.authorisationId ?? ''}`
                ) : (
                  t('basisStatutoryTask')
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <ListFooter list={list} label={t('moreAccessLog')} />
    </section>
  );
};
