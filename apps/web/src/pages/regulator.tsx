import { useState, type FormEvent } from 'react';
import { get, type Answer, type ItemOf, type Params } from '../api';
import type { Session } from '../auth';
import { Alert, DataTable, ErrorMessage, Heading, Link, Loading, Paragraph, useData } from '../components';
import { formatDateTime, formatNumber } from '../format';
import { roleName, useLang, useT } from '../i18n';
import { ListFooter, useCursorList } from '../lists';

export type EventSummary = ItemOf<'/audit/events'>;
type Verification = Answer<'/audit/verify'>;

/** A search field left empty asks nothing (undefined: left out of the query). */
const asked = (text: string) => text || undefined;

/** A date field (yyyy-mm-dd) as the start of that day in the Netherlands, as an ISO instant. */
const dayStart = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : '');

const FarmSearch = ({ session }: { session: Session }) => {
  const t = useT();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const farms = useCursorList(session, '/audit/farms', { q: asked(q), limit: 20 });
  return (
    <section className="asb-section" aria-labelledby="bedrijven-zoeken">
      <Heading level={2} id="bedrijven-zoeken">
        {t('searchFarms')}
      </Heading>
      <form
        className="asb-form asb-form--inline"
        role="search"
        aria-label={t('searchFarms')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setQ(text.trim());
        }}
      >
        <div className="asb-field">
          <label htmlFor="zoek-bedrijf">{t('searchWords')}</label>
          <span className="asb-hint" id="zoek-bedrijf-hint">
            {t('searchFarmsHint')}
          </span>
          <input id="zoek-bedrijf" type="search" value={text} aria-describedby="zoek-bedrijf-hint" onChange={(e) => setText(e.target.value)} />
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('search')}
          </button>
        </div>
      </form>
      {!farms.loading && !farms.error && farms.items.length === 0 ? <Paragraph>{t('noFarms')}</Paragraph> : null}
      <ul className="asb-cards">
        {farms.items.map((f) => (
          <li key={f.farmId} className="asb-card">
            <Heading level={3}>
              <Link to={`/toezicht/bedrijven/${f.farmId}`}>
                {t('farm')} {f.farmId}
              </Link>
            </Heading>
            <dl className="asb-dl">
              <dt>{t('farmer')}</dt>
              <dd>{f.farmerId}</dd>
              <dt>{t('province')}</dt>
              <dd>{f.province}</dd>
              <dt>{t('livestockUnits')}</dt>
              <dd>{formatNumber(f.livestockUnits)}</dd>
            </dl>
          </li>
        ))}
      </ul>
      <ListFooter list={farms} label={t('moreFarms')} />
    </section>
  );
};

export const EventTable = ({ events, caption }: { events: readonly EventSummary[]; caption: string }) => {
  const t = useT();
  const { lang } = useLang();
  return (
    <DataTable caption={caption} columns={[{ label: t('position'), number: true }, { label: t('recordedAt') }, { label: t('eventType') }, { label: t('farm') }, { label: t('actor') }]}>
      {events.map((e) => (
        <tr key={e.position}>
          <td className="asb-number">{e.position}</td>
          <td>{formatDateTime(e.recordedAt)}</td>
          <th scope="row" lang="en">{e.type}</th>
          <td>{e.farmId ? <Link to={`/toezicht/bedrijven/${e.farmId}`}>{e.farmId}</Link> : '—'}</td>
          <td>
            {e.actor.id} ({roleName(lang, e.actor.role)})
          </td>
        </tr>
      ))}
    </DataTable>
  );
};

const EventSearch = ({ session }: { session: Session }) => {
  const t = useT();
  const types = useData(() => get(session, '/audit/event-types'), [session.accessToken]);
  const [form, setForm] = useState({ farmId: '', type: '', actorId: '', from: '', to: '' });
  const [search, setSearch] = useState<Params<'/audit/events', 'get'> | null>(null);
  const events = useCursorList(session, '/audit/events', search);
  const field = (name: keyof typeof form, label: string, type = 'text') => (
    <div className="asb-field">
      <label htmlFor={`zoek-${name}`}>{label}</label>
      <input id={`zoek-${name}`} type={type} value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
    </div>
  );
  return (
    <section className="asb-section" aria-labelledby="gebeurtenissen-zoeken">
      <Heading level={2} id="gebeurtenissen-zoeken">
        {t('searchEvents')}
      </Heading>
      <Paragraph>{t('searchEventsIntro')}</Paragraph>
      <form
        className="asb-form asb-form--grid"
        role="search"
        aria-label={t('searchEvents')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          setSearch({ farmId: asked(form.farmId.trim()), type: asked(form.type), actorId: asked(form.actorId.trim()), from: asked(dayStart(form.from)), to: asked(dayStart(form.to)), limit: 20 });
        }}
      >
        {field('farmId', t('farmId'))}
        <div className="asb-field">
          <label htmlFor="zoek-type">{t('eventType')}</label>
          <select id="zoek-type" value={form.type} onChange={(e) => setForm({ ...form, type: e.target.value })}>
            <option value="">{t('allTypes')}</option>
            {(types.data ?? []).map((x) => (
              <option key={x.type} value={x.type} lang="en">
                {x.type} ({x.count})
              </option>
            ))}
          </select>
        </div>
        {field('actorId', t('actor'))}
        {field('from', t('fromDay'), 'date')}
        {field('to', t('untilDay'), 'date')}
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('searchEventsButton')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {search && !events.loading && !events.error ? (
          <Paragraph>{events.items.length === 0 ? t('noEvents') : `${events.items.length} ${t('eventsShown')}`}</Paragraph>
        ) : null}
      </div>
      {events.items.length > 0 ? <EventTable events={events.items} caption={t('searchResults')} /> : null}
      <ListFooter list={events} label={t('moreEvents')} />
    </section>
  );
};

const Integrity = ({ session }: { session: Session }) => {
  const t = useT();
  const [verification, setVerification] = useState<{ loading: boolean; report?: Verification; error?: unknown }>({ loading: false });
  const checkpoints = useCursorList(session, '/audit/checkpoints', { limit: 10 });
  const verify = () => {
    setVerification({ loading: true });
    get(session, '/audit/verify').then(
      (report) => setVerification({ loading: false, report }),
      (error) => setVerification({ loading: false, error }),
    );
  };
  const report = verification.report;
  return (
    <section className="asb-section" aria-labelledby="integriteit">
      <Heading level={2} id="integriteit">
        {t('integrity')}
      </Heading>
      <Paragraph>{t('integrityIntro')}</Paragraph>
      <button type="button" className="utrecht-button utrecht-button--primary-action" disabled={verification.loading} onClick={verify}>
        {t('verifyLog')}
      </button>
      <div aria-live="polite">
        {verification.loading ? <Loading /> : null}
        {verification.error ? <ErrorMessage error={verification.error} /> : null}
        {report ? (
          <Alert type={report.ok ? 'ok' : 'error'}>
            {report.ok ? t('logSound') : t('logTampered')} {formatNumber(report.checkedEvents)} {t('eventsChecked')}, {formatNumber(report.checkedCheckpoints)} {t('checkpointsChecked')},{' '}
            {formatNumber(report.uncheckpointedEvents)} {t('notYetCheckpointed')}.
            {report.failures.length ? (
              <ul>
                {report.failures.map((f, i) => (
                  <li key={i} lang="en">
                    {f.kind} {f.position !== undefined ? `@${f.position}` : ''} {f.message ?? ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
      </div>
      <Heading level={3} id="checkpoints">
        {t('checkpoints')}
      </Heading>
      {checkpoints.items.length > 0 ? (
        <DataTable caption={t('checkpoints')} columns={[{ label: t('treeSize'), number: true }, { label: t('issuedAt') }, { label: t('rootHash') }, { label: t('keyId') }]}>
          {checkpoints.items.map((c) => (
            <tr key={c.treeSize}>
              <th scope="row" className="asb-number">{formatNumber(c.treeSize)}</th>
              <td>{formatDateTime(c.issuedAt)}</td>
              <td>
                <code className="asb-hash">{c.rootHash}</code>
              </td>
              <td>
                <code>{c.keyId}</code>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {!checkpoints.loading && !checkpoints.error && checkpoints.items.length === 0 ? <Paragraph>{t('noCheckpoints')}</Paragraph> : null}
      <ListFooter list={checkpoints} label={t('moreCheckpoints')} />
    </section>
  );
};

/** The regulator's main page: search farms and the log's events, verify the log and read its checkpoints. */
export const RegulatorPage = ({ session }: { session: Session }) => {
  const t = useT();
  return (
    <>
      <Heading level={1}>{t('supervision')}</Heading>
      <Paragraph>{t('supervisionIntro')}</Paragraph>
      <FarmSearch session={session} />
      <EventSearch session={session} />
      <Integrity session={session} />
    </>
  );
};
