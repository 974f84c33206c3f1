import type { ItemOf } from '../api';
import type { Session } from '../auth';
import { Heading, Link, Paragraph } from '../components';
import { CHECK_NAMES, findingInWords } from '../check-names';
import { formatDateTime, formatEuros, formatNumber, INDICATOR_NAMES, nameIn, SOURCE_NAMES } from '../format';
import { useLang, useT, type TextKey } from '../i18n';
import { ListFooter, useCursorList } from '../lists';

type WorkItem = ItemOf<'/calculator/work-queue'>;
type WorkKind = WorkItem['kind'];
type Task = WorkItem['task'];

const SECTIONS: ReadonlyArray<{ kind: WorkKind; id: string; title: TextKey }> = [
  { kind: 'to-present', id: 'voorleggen', title: 'toPresent' },
  { kind: 'disputed', id: 'bezwaren', title: 'disputedScores' },
  { kind: 'blocking', id: 'blokkerend', title: 'blockingFindings' },
];

const TASK_TEXT: Record<Task, TextKey> = {
  present: 'taskPresent',
  'present-again': 'taskPresentAgain',
  'decide-dispute': 'taskDecideDispute',
  recalculate: 'taskRecalculate',
  'decide-finding': 'taskDecideFinding',
};

/** One line of the queue: where, what is to be done, since when, and what the farmer or the check said. */
const WorkLine = ({ item }: { item: WorkItem }) => {
  const t = useT();
  const { lang } = useLang();
  // A check by its name (check-names.ts), not its id.
  const check = item.checkId ? nameIn(CHECK_NAMES, item.checkId, lang) : null;
  const found =
    item.checkId && item.subject
      ? findingInWords({ checkId: item.checkId, subject: item.subject, message: item.message ?? '', values: item.values }, { lang, number: formatNumber, indicatorName: (k) => nameIn(INDICATOR_NAMES, k, lang), sourceName: (s) => SOURCE_NAMES[s] ?? s })
      : null;
  return (
    <li>
      <Link to={`/bedrijven/${item.farmId}/jaren/${item.year}`}>
        {item.farmId} · {item.year}
        {item.scheme ? ` · ${item.scheme}` : ''}
        {check ? ` · ${check}` : ''}
      </Link>
      : {t(TASK_TEXT[item.task])}
      {item.totalCents !== undefined ? ` (v${item.scoreVersion}, ${formatEuros(item.totalCents)})` : ''} — {t('waitingSince')} {formatDateTime(item.since)}
      {item.decideBy ? `; ${t('decideBy')} ${formatDateTime(item.decideBy)}` : ''}
      {item.disputeReason ? (
        <>
          <br />
          {t('farmersReason')}: “{item.disputeReason}”
        </>
      ) : null}
      {item.decision ? (
        <>
          <br />
          {t('decisionGiven')}: {item.decision.reason}
        </>
      ) : null}
      {item.checkId ? (
        <>
          <br />
          {t('check')} {check}: {found ?? <span lang="en">{item.message}</span>}
        </>
      ) : null}
    </li>
  );
};

/** One kind of work, a page at a time from `GET /calculator/work-queue`. */
const WorkSection = ({ session, kind, id, title }: { session: Session; kind: WorkKind; id: string; title: TextKey }) => {
  const t = useT();
  const list = useCursorList(session, '/calculator/work-queue', { kind, limit: 20 });
  return (
    <section className="asb-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {t(title)}
      </Heading>
      {!list.loading && !list.error && list.items.length === 0 ? <Paragraph>{t('nothing')}</Paragraph> : null}
      {list.items.length ? (
        <ul>
          {list.items.map((item) => (
            <WorkLine key={`${item.farmId}-${item.year}-${item.scheme ?? item.findingId}`} item={item} />
          ))}
        </ul>
      ) : null}
      <ListFooter list={list} label={t('moreWork')} />
    </section>
  );
};

/**
 * The calculator's work queue: scores to present (again), disputes to decide or recalculate, and open
 * blocking findings, over the farms that authorise it — each section a page at a time from the API,
 * which keeps the queue and puts only the farms shown on record as read (D64, D68).
 */
export const WorkQueuePage = ({ session }: { session: Session }) => {
  const t = useT();
  return (
    <>
      <Heading level={1}>{t('workQueue')}</Heading>
      <Paragraph>{t('workQueueIntro')}</Paragraph>
      {SECTIONS.map((s) => (
        <WorkSection key={s.kind} session={session} {...s} />
      ))}
    </>
  );
};
