import { useEffect, useRef, useState } from 'react';
import { get, post } from '../api';
import type { Session } from '../auth';
import { Alert, DataTable, ErrorMessage, Heading, Link, Loading, Paragraph, useData } from '../components';
import { formatDateTime, formatEuros, formatNumber, INDICATOR_NAMES, nameIn, QUALITY_NAMES } from '../format';
import { useLang } from '../i18n';
import { labelOf, showValue } from '../parameter-names';
import { hasAnalystText, useAnalystT } from '../analyst/texts';
import type { RunStatus } from '../analyst/types';

const POLL_MS = 400;

/**
 * A run in progress: the state and how far it is, announced politely (aria-live) so that a screen
 * reader hears it finish without the page taking the focus; polled until it completes or fails.
 */
const RunProgress = ({ session, runId, onFinished }: { session: Session; runId: string; onFinished: () => void }) => {
  const t = useAnalystT();
  const [status, setStatus] = useState<RunStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const next = await get(session, '/what-if/runs/{runId}', { runId });
        if (stopped) return;
        setStatus(next);
        if (next.state === 'completed' || next.state === 'failed') return finished.current();
      } catch (e) {
        if (!stopped) setError(e);
        return;
      }
      setTimeout(() => void (stopped || poll()), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
    };
  }, [session, runId]);
  const p = status?.progress;
  const message = p?.message === 'farm-years computed' ? t('farmYearsComputed') : p?.message === 'events read' ? t('eventsRead') : (p?.message ?? '');
  const state = status ? (hasAnalystText(`state_${status.state}`) ? t(`state_${status.state}` as 'state_active') : status.state) : '';
  return (
    <div className="asb-progress">
      <div role="status" aria-live="polite" aria-atomic="true" id="voortgang-tekst">
        {status ? `${t('progress')}: ${state}${p ? `, ${formatNumber(p.done)} / ${formatNumber(p.total)} ${message}` : ''}` : t('runStarted')}
      </div>
      {p && p.total > 0 && status?.state !== 'completed' ? <progress max={p.total} value={p.done} aria-labelledby="voortgang-tekst" /> : null}
      {status?.state === 'failed' ? <Alert type="error">{status.failedReason}</Alert> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </div>
  );
};

/** One saved scenario: what it changes, by name; its runs; a new run with visible progress. */
export const WhatIfScenarioPage = ({ session, scenarioId }: { session: Session; scenarioId: string }) => {
  const t = useAnalystT();
  const { lang } = useLang();
  const scenario = useData(() => get(session, '/what-if/scenarios/{scenarioId}', { scenarioId }), [scenarioId, session.accessToken]);
  const [running, setRunning] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const run = async () => {
    setFailure(null);
    try {
      const requested = await post(session, '/what-if/scenarios/{scenarioId}/runs', { scenarioId });
      setRunning(requested.runId);
    } catch (error) {
      setFailure(error);
    }
  };
  const s = scenario.data;
  const normSetIds = s ? [...new Set(s.scenario.drafts.map((d) => d.normSetId))].join(',') : '';
  // The drafted norm sets, to show each change under the names the builder offered (KPI › land use › tier › field).
  const documents = useData(
    () => Promise.all(normSetIds.split(',').filter(Boolean).map((id) => get(session, '/norm-sets/{normSetId}', { normSetId: id }).then((n) => [id, n.document.parameters] as const))).then((pairs) => new Map(pairs)),
    [normSetIds, session.accessToken],
  );
  const described = (normSetId: string, path: string) => {
    const parameters = documents.data?.get(normSetId);
    const named = parameters === undefined ? null : labelOf(parameters, path, lang);
    return named ? `${named.group} › ${named.name}` : '';
  };
  return (
    <>
      <Paragraph>
        <Link to="/analyse">← {t('back')}</Link>
      </Paragraph>
      <Heading level={1}>{s ? `${t('scenario')}: ${s.name}` : t('scenario')}</Heading>
      {scenario.error ? <ErrorMessage error={scenario.error} /> : null}
      {!s ? (
        scenario.error ? null : <Loading />
      ) : (
        <>
          <dl className="asb-dl">
            <dt>{t('draftedBy')}</dt>
            <dd>{s.draftedBy}</dd>
            <dt>{t('draftedAt')}</dt>
            <dd>{formatDateTime(s.draftedAt)}</dd>
            <dt>{t('yearsLabel')}</dt>
            <dd>{s.scenario.years.from === s.scenario.years.to ? s.scenario.years.from : `${s.scenario.years.from} – ${s.scenario.years.to}`}</dd>
            <dt>{t('samplesLabel')}</dt>
            <dd>{s.scenario.uncertainty?.samples ?? 0}</dd>
          </dl>
          {s.scenario.drafts.length ? (
            <DataTable caption={t('changes')} columns={[{ label: t('normSet') }, { label: t('parameter') }, { label: t('namedPath') }, { label: t('becomes') }]}>
              {s.scenario.drafts.flatMap((d) =>
                d.changes.map((c) => (
                  <tr key={`${d.normSetId} ${c.path}`}>
                    <td>{d.normSetId}</td>
                    <th scope="row">{described(d.normSetId, c.path)}</th>
                    <td className="asb-code">{c.path}</td>
                    <td>{showValue(c.value)}</td>
                  </tr>
                )),
              )}
            </DataTable>
          ) : null}
          {s.scenario.simplifications?.length ? (
            <DataTable caption={t('simplification')} columns={[{ label: t('indicator') }, { label: t('qualities') }, { label: t('defaultValue'), number: true }]}>
              {s.scenario.simplifications.map((x) => (
                <tr key={x.indicator}>
                  <th scope="row">{nameIn(INDICATOR_NAMES, x.indicator, lang)}</th>
                  <td>{x.qualities.map((q) => nameIn(QUALITY_NAMES, q, lang)).join(', ')}</td>
                  <td className="asb-number">{formatNumber(x.value)}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          <section className="asb-section" aria-labelledby="doorrekeningen">
            <Heading level={2} id="doorrekeningen">
              {t('runs')}
            </Heading>
            <div className="asb-actions">
              <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={run}>
                {t('run')}
              </button>
            </div>
            {failure ? <ErrorMessage error={failure} /> : null}
            {running ? <RunProgress key={running} session={session} runId={running} onFinished={scenario.reload} /> : null}
            {s.runs.length === 0 ? (
              <Paragraph>{t('noRuns')}</Paragraph>
            ) : (
              <DataTable caption={t('runs')} columns={[{ label: t('requestedAt') }, { label: t('logPosition'), number: true }, { label: t('farmYears'), number: true }, { label: t('subsidyChange'), number: true }, { label: t('levyChange'), number: true }, { label: t('report') }]}>
                {s.runs.map((r) => (
                  <tr key={r.runId}>
                    <th scope="row">{formatDateTime(r.requestedAt)}</th>
                    <td className="asb-number">{r.logPosition}</td>
                    <td className="asb-number">{!r.summary ? '—' : r.summary.farmYears === null ? t('suppressed') : formatNumber(r.summary.farmYears)}</td>
                    <td className="asb-number">{!r.summary ? '—' : r.summary.subsidyDeltaCents === null ? t('suppressed') : formatEuros(r.summary.subsidyDeltaCents)}</td>
                    <td className="asb-number">{!r.summary ? '—' : r.summary.levyDeltaCents === null ? t('suppressed') : formatEuros(r.summary.levyDeltaCents)}</td>
                    <td>{r.completedAt ? <Link to={`/analyse/rapporten/${r.runId}`}>{`${t('openReport')} (${formatDateTime(r.completedAt)})`}</Link> : t('notReady')}</td>
                  </tr>
                ))}
              </DataTable>
            )}
          </section>
        </>
      )}
    </>
  );
};
