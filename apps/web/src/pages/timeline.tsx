import { useState } from 'react';
import { download, get, type Answer } from '../api';
import type { Session } from '../auth';
import { Alert, DataTable, ErrorMessage, Heading, Link, Loading, Paragraph, useData } from '../components';
import { FLOW_NAMES, formatDateTime, formatEuros, formatNumber, INDICATOR_NAMES, nameIn, STATUS_NAMES } from '../format';
import { kpiNameTable, normSetOfScoreStream } from '../kpi-titles';
import { useSchemeKpiTitles } from '../norm-set-kpi-titles';
import { statePathInWords } from '../state-path-names';
import { roleName, useLang, useT } from '../i18n';
import { allPages } from '../lists';
import { EventTable } from './regulator';

type History = Answer<'/audit/farms/{farmId}/history'>;

const show = (value: unknown): string => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));
/** A changed value as people read it: an amount (the API's `…Cents`) in euros, a number the Dutch way. */
const showChanged = (path: string, value: unknown): string =>
  typeof value === 'number' ? (/Cents$/.test(path) ? formatEuros(value) : formatNumber(value)) : show(value);

/** A slider over the farm's moments: each step is the moment an event of it was recorded. */
const MomentSlider = ({ id, label, events, index, onChange }: { id: string; label: string; events: History['items']; index: number; onChange: (i: number) => void }) => {
  const e = events[index]!;
  const text = `${formatDateTime(e.recordedAt)} — ${e.type} (${index + 1} / ${events.length})`;
  return (
    <div className="asb-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="range" min={0} max={events.length - 1} step={1} value={index} aria-valuetext={text} onChange={(ev) => onChange(Number(ev.target.value))} />
      <output htmlFor={id} className="asb-hint">
        {text}
      </output>
    </div>
  );
};

const StateAt = ({ session, farmId, at }: { session: Session; farmId: string; at: string }) => {
  const t = useT();
  const { lang } = useLang();
  const state = useData(() => get(session, '/audit/farms/{farmId}/as-of', { farmId, at }), [farmId, at, session.accessToken]);
  if (state.error) return <ErrorMessage error={state.error} />;
  if (!state.data) return <Loading />;
  const s = state.data;
  const openFindings = s.findings.flatMap((f) => f.findings).filter((f) => f.status === 'open').length;
  return (
    <dl className="asb-dl" aria-label={`${t('stateAt')} ${formatDateTime(at)}`}>
      <dt>{t('eventsKnown')}</dt>
      <dd>{s.events}</dd>
      <dt>{t('livestockUnits')}</dt>
      <dd>{s.farm.livestockUnits !== undefined ? formatNumber(s.farm.livestockUnits) : '—'}</dd>
      {s.balances.map((b) => (
        <FragmentRow key={`b-${b.year}`} term={`${t('surplus')} ${b.year}`} value={`N ${b.n.surplusKgHa ?? '—'} kg/ha · P₂O₅ ${b.p2o5.surplusKgHa ?? '—'} kg/ha`} />
      ))}
      {s.scores.map((sc) => (
        <FragmentRow key={sc.stream} term={`${t('scoreTitle')} ${sc.stream.replace(/^score-/, '')}`} value={`${nameIn(STATUS_NAMES, sc.status, lang)}${sc.totalCents !== undefined ? ` · ${formatEuros(sc.totalCents)}` : ''}`} />
      ))}
      {s.applications.map((a) => (
        <FragmentRow key={a.stream} term={t('application')} value={`${a.status}${a.advanceCents ? ` · ${t('advance')} ${formatEuros(a.advanceCents)}` : ''}`} />
      ))}
      <dt>{t('openFindings')}</dt>
      <dd>{openFindings}</dd>
    </dl>
  );
};

const FragmentRow = ({ term, value }: { term: string; value: string }) => (
  <>
    <dt>{term}</dt>
    <dd>{value}</dd>
  </>
);

const DifferenceBetween = ({ session, farmId, from, to }: { session: Session; farmId: string; from: string; to: string }) => {
  const t = useT();
  const { lang } = useLang();
  const diff = useData(
    () => get(session, '/audit/farms/{farmId}/difference', { farmId, from, to }),
    [farmId, from, to, session.accessToken],
  );
  const kpis = useSchemeKpiTitles(session);
  // A score's KPIs by the titles of the norm set it was scored under (D81), found by its stream.
  const kpiNames = (path: string) => kpiNameTable(kpis.titles, normSetOfScoreStream(/^scores\[([^\]]+)\]/.exec(path)?.[1] ?? '', kpis.schemes));
  if (diff.error) return <ErrorMessage error={diff.error} />;
  if (!diff.data) return <Loading />;
  return (
    <>
      <Paragraph>
        {diff.data.events.length} {t('eventsBetween')}, {diff.data.changes.length} {t('valuesChanged')}.
      </Paragraph>
      {diff.data.changes.length > 0 ? (
        <DataTable caption={t('changes')} columns={[{ label: t('what') }, { label: t('before') }, { label: t('after') }]}>
          {diff.data.changes.map((c) => (
            <tr key={c.path}>
              <th scope="row">{statePathInWords(c.path, lang, [FLOW_NAMES, INDICATOR_NAMES, kpiNames(c.path)], farmId)}</th>
              <td className="asb-value">{showChanged(c.path, c.before)}</td>
              <td className="asb-value">{showChanged(c.path, c.after)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {diff.data.events.length > 0 ? <EventTable events={diff.data.events} caption={t('eventsBetweenCaption')} /> : null}
    </>
  );
};

/** A farm's record for the regulator: its timeline, its state at a moment, what changed between two moments, and its audit bundle. */
export const TimelinePage = ({ session, farmId }: { session: Session; farmId: string }) => {
  const t = useT();
  const { lang } = useLang();
  // The slider spans the whole history: every page of it, in log order.
  const history = useData(async () => (await allPages(session, '/audit/farms/{farmId}/history', { farmId })).items, [farmId, session.accessToken]);
  const [a, setA] = useState<number | null>(null);
  const [b, setB] = useState<number | null>(null);
  const [bundle, setBundle] = useState<{ busy: boolean; name?: string; error?: unknown }>({ busy: false });
  const events = history.data ?? [];
  const last = events.length - 1;
  const from = a ?? 0;
  const to = b ?? last;
  return (
    <>
      <Paragraph>
        <Link to="/">← {t('back')}</Link>
      </Paragraph>
      <Heading level={1}>
        {t('timelineOf')} {farmId}
      </Heading>
      <div className="asb-actions">
        <button
          type="button"
          className="utrecht-button utrecht-button--primary-action"
          disabled={bundle.busy}
          onClick={() => {
            setBundle({ busy: true });
            download(session, '/audit/export', { farmId }, `asb-bundel-${farmId}.json`).then(
              (name) => setBundle({ busy: false, name }),
              (error) => setBundle({ busy: false, error }),
            );
          }}
        >
          {t('downloadBundle')}
        </button>
        <Link to={`/bedrijven/${farmId}`}>{t('farmPages')}</Link>
      </div>
      <div aria-live="polite">
        {bundle.name ? (
          <Alert type="ok">
            {t('downloaded')}: {bundle.name}
          </Alert>
        ) : null}
        {bundle.error ? <ErrorMessage error={bundle.error} /> : null}
      </div>
      {history.error ? <ErrorMessage error={history.error} /> : null}
      {history.loading && !history.data ? <Loading /> : null}
      {events.length > 0 ? (
        <>
          <section className="asb-section" aria-labelledby="stand">
            <Heading level={2} id="stand">
              {t('stateAtMoment')}
            </Heading>
            <Paragraph>{t('stateAtIntro')}</Paragraph>
            <MomentSlider id="moment-b" label={t('momentB')} events={events} index={to} onChange={setB} />
            <StateAt session={session} farmId={farmId} at={events[to]!.recordedAt} />
          </section>
          <section className="asb-section" aria-labelledby="verschil">
            <Heading level={2} id="verschil">
              {t('differenceTitle')}
            </Heading>
            <Paragraph>{t('differenceIntro')}</Paragraph>
            <MomentSlider id="moment-a" label={t('momentA')} events={events} index={from} onChange={setA} />
            {Date.parse(events[from]!.recordedAt) > Date.parse(events[to]!.recordedAt) ? (
              <Alert type="warning">{t('momentsReversed')}</Alert>
            ) : (
              <DifferenceBetween session={session} farmId={farmId} from={events[from]!.recordedAt} to={events[to]!.recordedAt} />
            )}
          </section>
          <section className="asb-section" aria-labelledby="tijdlijn">
            <Heading level={2} id="tijdlijn">
              {t('timeline')}
            </Heading>
            <ol className="asb-timeline">
              {events.map((e, i) => (
                <li key={e.position} aria-current={i === to ? 'step' : undefined}>
                  <span className="asb-muted">{formatDateTime(e.recordedAt)}</span> · <span lang="en">{e.type}</span> · {e.actor.id} ({roleName(lang, e.actor.role)})
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </>
  );
};
