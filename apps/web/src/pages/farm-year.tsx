import { useState, type FormEvent } from 'react';
import { get, post, type Answer, type ItemOf } from '../api';
import type { Session } from '../auth';
import { Alert, ErrorMessage, Heading, Link, Loading, Paragraph, useData } from '../components';
import { FLOW_NAMES, formatDateTime, INDICATOR_NAMES, formatEuros, formatNumber, INDICATOR_UNITS, nameIn, QUALITY_NAMES, SOURCE_NAMES, STATUS_NAMES, STEP_NAMES } from '../format';
import { CHECK_NAMES, findingInWords } from '../check-names';
import { kpiInWords, type KpiWords, type Wording } from '../kpi-explanation';
import { kpiTitle } from '../kpi-titles';
import { useLang, useT, type Lang } from '../i18n';
import { allPages } from '../lists';
import { FindingDecision } from './finding-decision';
import { Recalculate } from './recalculate';
import { useRefusal } from '../refusal';

type BalanceAnswer = Answer<'/farms/{farmId}/years/{year}/balance'>;
type Balance = BalanceAnswer['balance'];
type Nutrient = Balance['n'];
type Submission = BalanceAnswer['history'][number];
// Without asOf the route answers the score now, not the state of the score at a moment (which has `versions`).
type Score = Exclude<Answer<'/farms/{farmId}/years/{year}/scores/{scheme}'>, { versions: number }>;
// Without asOf the route answers the score now, not the state of the score at a moment (which has `versions`).

const unit = (indicator: string) => INDICATOR_UNITS[indicator] ?? '';
const show = (v: number | boolean | undefined, lang: Lang) => (v === undefined ? (lang === 'nl' ? 'niet aangeleverd' : 'not submitted') : typeof v === 'boolean' ? (v ? (lang === 'nl' ? 'ja' : 'yes') : lang === 'nl' ? 'nee' : 'no') : formatNumber(v));
const indicatorName = (key: string, lang: Lang) => nameIn(INDICATOR_NAMES, key, lang);
/** How this page words a KPI explanation (kpi-explanation.ts). */
const wording = (lang: Lang): Wording => ({
  lang,
  euros: formatEuros,
  number: formatNumber,
  indicatorName: (key) => indicatorName(key, lang),
  unit,
  sourceName: (source) => SOURCE_NAMES[source] ?? source,
  qualityName: (quality) => nameIn(QUALITY_NAMES, quality, lang),
});

/** A farm-year: the balance with where each figure came from, and each score explained per KPI. */
export const FarmYearPage = ({ session, farmId, year }: { session: Session; farmId: string; year: number }) => {
  const t = useT();
  const balance = useData(() => get(session, '/farms/{farmId}/years/{year}/balance', { farmId, year }), [farmId, year, session.accessToken]);
  const years = useData(() => allPages(session, '/farms/{farmId}/years', { farmId }), [farmId, session.accessToken]);
  const schemes = years.data?.items.find((y) => y.year === year)?.scores.map((s) => s.scheme) ?? [];
  return (
    <>
      <Paragraph>
        <Link to={`/bedrijven/${farmId}`}>
          ← {t('farm')} {farmId}
        </Link>
      </Paragraph>
      <Heading level={1}>
        {t('farm')} {farmId} · {year}
      </Heading>
      {balance.error ? <ErrorMessage error={balance.error} /> : null}
      {years.error ? <ErrorMessage error={years.error} /> : null}
      {schemes.map((scheme) => (
        <ScoreSection key={scheme} session={session} farmId={farmId} year={year} scheme={scheme} onChange={years.reload} />
      ))}
      <FindingsSection session={session} farmId={farmId} year={year} />
      {balance.loading && !balance.data ? <Loading /> : null}
      {balance.data ? <SubmissionsSection answer={balance.data} /> : null}
      {balance.data ? <BalanceSection answer={balance.data} /> : null}
    </>
  );
};

type Finding = ItemOf<'/farms/{farmId}/years/{year}/findings'>;

const FindingsSection = ({ session, farmId, year }: { session: Session; farmId: string; year: number }) => {
  const t = useT();
  const { lang } = useLang();
  const findingWording = { lang, number: formatNumber, indicatorName: (key: string) => indicatorName(key, lang), sourceName: (source: string) => SOURCE_NAMES[source] ?? source };
  const findings = useData(async () => (await allPages(session, '/farms/{farmId}/years/{year}/findings', { farmId, year })).items, [farmId, year, session.accessToken]);
  const open = (findings.data ?? []).filter((f) => f.status === 'open');
  return (
    <section className="asb-section" aria-labelledby="controles">
      <Heading level={2} id="controles">
        {t('findings')}
      </Heading>
      {findings.error ? <ErrorMessage error={findings.error} /> : null}
      {findings.data && open.length === 0 ? <Paragraph>{t('noFindings')}</Paragraph> : null}
      {open.length ? (
        <ul>
          {open.map((f) => (
            <li key={f.findingId}>
              <strong>{nameIn(CHECK_NAMES, f.checkId, lang)}</strong> ({t(f.severity === 'blocking' ? 'severity_blocking' : 'severity_warning')}): <FindingText finding={f} words={findingInWords(f, findingWording)} />
              <FindingDecision session={session} farmId={farmId} year={year} findingId={f.findingId} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
};

/** The finding in the reader's language; the log's English message only when its values do not say enough. */
const FindingText = ({ finding, words }: { finding: Finding; words: string | null }) => (words ? <span>{words}</span> : <span lang="en">{finding.message}</span>);

type SubmissionStatus = 'current' | 'superseded' | 'withdrawn';

/** Current (the balance reads it), superseded by a correction (which one), or withdrawn. */
const submissionStatus = (entry: Submission, answer: BalanceAnswer): { status: SubmissionStatus; by?: string } => {
  if (answer.balance.submissionIds.includes(entry.submissionId)) return { status: 'current' };
  const correction = answer.history.find((h) => h.type === 'BalanceDataCorrected' && h.supersedes === entry.submissionId);
  return correction ? { status: 'superseded', by: correction.submissionId } : { status: 'withdrawn' };
};

/** Every submission of the farm-year: from which source, of what quality, and whether the balance still reads it. */
const SubmissionsSection = ({ answer }: { answer: BalanceAnswer }) => {
  const t = useT();
  const { lang } = useLang();
  const entries = answer.history.filter((h) => h.type !== 'BalanceDataWithdrawn');
  const withdrawal = (id: string) => answer.history.find((h) => h.type === 'BalanceDataWithdrawn' && h.submissionId === id);
  return (
    <section className="asb-section" aria-labelledby="aanleveringen">
      <Heading level={2} id="aanleveringen">
        {t('submissionsTitle')}
      </Heading>
      {entries.length === 0 ? <Paragraph>{t('noSubmissions')}</Paragraph> : null}
      {entries.length ? (
        <div className="asb-table-wrap">
          <table className="asb-table utrecht-table">
            <caption>{t('submissionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('submission')}</th>
                <th scope="col">{t('source')}</th>
                <th scope="col">{t('quality')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('submissionReason')}</th>
                <th scope="col">{t('recordedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((h) => {
                const { status, by } = submissionStatus(h, answer);
                const withdrawn = status === 'withdrawn' ? withdrawal(h.submissionId) : undefined;
                return (
                  <tr key={h.eventId}>
                    <th scope="row">
                      {h.submissionId}
                      {h.sourceDocumentId ? <span className="asb-hint"> ({h.sourceDocumentId})</span> : null}
                    </th>
                    <td>{h.source ? SOURCE_NAMES[h.source] ?? h.source : '—'}</td>
                    <td>{h.qualities?.length ? h.qualities.map((q) => nameIn(QUALITY_NAMES, q, lang)).join(', ') : '—'}</td>
                    <td>
                      {t(`submission_${status}`)}
                      {by ? ` ${t('supersededBy')} ${by}` : ''}
                      {h.supersedes ? ` (${t('supersedes')} ${h.supersedes})` : ''}
                    </td>
                    <td>{[h.reason, withdrawn?.reason].filter(Boolean).join(' · ') || '—'}</td>
                    <td>{formatDateTime(withdrawn?.recordedAt ?? h.recordedAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
};

const NutrientTable = ({ caption, nutrient, origins }: { caption: string; nutrient: Nutrient; origins: Balance['flowSources'] }) => {
  const t = useT();
  const { lang } = useLang();
  const row = (direction: 'inputs' | 'outputs', kind: string, kg: number) => {
    const origin = origins[kind];
    return (
      <tr key={`${direction}-${kind}`}>
        <th scope="row">{nameIn(FLOW_NAMES, kind, lang)}</th>
        <td>{t(direction)}</td>
        <td className="asb-number">{formatNumber(kg)}</td>
        <td>{origin ? `${SOURCE_NAMES[origin.source] ?? origin.source} (${origin.submissionId})` : '—'}</td>
        <td>{origin ? nameIn(QUALITY_NAMES, origin.quality, lang) : '—'}</td>
      </tr>
    );
  };
  return (
    <div className="asb-table-wrap">
      <table className="asb-table utrecht-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('flow')}</th>
            <th scope="col">{t('inputs')} / {t('outputs')}</th>
            <th scope="col" className="asb-number">
              kg
            </th>
            <th scope="col">{t('source')}</th>
            <th scope="col">{t('quality')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(nutrient.inputsKg).map(([kind, kg]) => row('inputs', kind, kg))}
          {Object.entries(nutrient.outputsKg).map(([kind, kg]) => row('outputs', kind, kg))}
          <tr>
            <th scope="row">{t('stockChange')}</th>
            <td>±</td>
            <td className="asb-number">{formatNumber(nutrient.stockChangeKg)}</td>
            <td colSpan={2}>—</td>
          </tr>
          <tr>
            <th scope="row">
              <strong>{t('surplus')}</strong>
            </th>
            <td>=</td>
            <td className="asb-number">
              <strong>{formatNumber(nutrient.surplusKg)}</strong>
            </td>
            <td colSpan={2}>{nutrient.surplusKgHa === null ? '' : `${formatNumber(nutrient.surplusKgHa)} kg ${t('perHa')}`}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
};

const BalanceSection = ({ answer }: { answer: BalanceAnswer }) => {
  const t = useT();
  const { lang } = useLang();
  const { balance } = answer;
  return (
    <section className="asb-section" aria-labelledby="balans">
      <Heading level={2} id="balans">
        {t('balanceTitle')}
      </Heading>
      <Paragraph>{t('balanceIntro')}</Paragraph>
      <dl className="asb-dl">
        <dt>{t('area')}</dt>
        <dd>
          {balance.areaHa === null ? '—' : formatNumber(balance.areaHa)}
          {balance.areaSource ? ` (${SOURCE_NAMES[balance.areaSource] ?? balance.areaSource})` : ''}
        </dd>
        <dt>{t('normSet')}</dt>
        <dd>
          {balance.parameters.id} v{balance.parameters.version}
        </dd>
      </dl>
      <NutrientTable caption={t('nitrogen')} nutrient={balance.n} origins={balance.flowSources} />
      <NutrientTable caption={t('phosphate')} nutrient={balance.p2o5} origins={balance.flowSources} />
      <div className="asb-table-wrap">
        <table className="asb-table utrecht-table">
          <caption>{t('indicators')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicator')}</th>
              <th scope="col" className="asb-number">
                {t('value')}
              </th>
              <th scope="col">{t('source')}</th>
              <th scope="col">{t('quality')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(balance.indicators).map(([key, v]) => (
              <tr key={key}>
                <th scope="row">{INDICATOR_NAMES[key] ? nameIn(INDICATOR_NAMES, key, lang) : <span lang="en">{key}</span>}</th>
                <td className="asb-number">
                  {show(v.value, lang)} {unit(key)}
                </td>
                <td>
                  {SOURCE_NAMES[v.source] ?? v.source} ({v.submissionId})
                </td>
                <td>{nameIn(QUALITY_NAMES, v.quality, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

/** One KPI in words: the values used and their tiers, the amount, and the next tier. */
const KpiWordsCell = ({ words }: { words: KpiWords }) => (
  <>
    {words.parts.length > 1 ? (
      <ul className="asb-kpi-parts">
        {words.parts.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    ) : (
      <>{words.parts[0]} </>
    )}
    {words.outcome} <strong>{words.next}</strong>
  </>
);

const ScoreSection = ({ session, farmId, year, scheme, onChange }: { session: Session; farmId: string; year: number; scheme: string; onChange: () => void }) => {
  const t = useT();
  const { lang } = useLang();
  const at = { farmId, year, scheme };
  const score = useData(() => get(session, '/farms/{farmId}/years/{year}/scores/{scheme}', at) as Promise<Score>, [farmId, year, scheme, session.accessToken]);
  const scoreVersion = score.data?.scoreVersion;
  // The API's explanation of this very score version: the values it used, not today's balance (issue 16).
  const explained = useData(
    () => (scoreVersion ? get(session, '/audit/explain/scores/{scheme}/{farmId}/{year}', { scheme, farmId, year, version: scoreVersion }) : Promise.resolve(null)),
    [scheme, farmId, year, scoreVersion, session.accessToken],
  );
  const [message, setMessage] = useState<string | null>(null);
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [outcome, setOutcome] = useState<'upheld' | 'rejected'>('rejected');
  const headingId = `score-${scheme}`;
  const refusal = useRefusal(headingId);
  if (score.error) return <ErrorMessage error={score.error} />;
  if (!score.data) return <Loading />;
  const s = score.data;
  const explanation = explained.data?.number.scoreVersion === s.scoreVersion ? explained.data.explanation : null;
  const kpiRows = explanation ? explanation.map((k) => ({ id: k.kpiId, cents: k.cents, explained: k })) : Object.entries(s.kpis).map(([id, cents]) => ({ id, cents, explained: null }));
  const fail = (error: unknown) => {
    setMessage(null);
    refusal.setError(error);
  };
  const done = (text: string) => {
    refusal.clear();
    setMessage(text);
    setDisputing(false);
    score.reload();
    onChange();
  };
  const approve = () => post(session, '/farms/{farmId}/years/{year}/scores/{scheme}/approval', at, { scoreVersion: s.scoreVersion }).then(() => done(t('approved')), fail);
  /** A reason of at least three characters, or the field is marked and focused (the API would refuse it). */
  const reasonGiven = (fieldId: string): boolean => {
    const given = reason.trim().length >= 3;
    setReasonError(!given);
    if (!given) document.getElementById(fieldId)?.focus();
    return given;
  };
  const dispute = (e: FormEvent) => {
    e.preventDefault();
    if (!reasonGiven(`${headingId}-reason`)) return;
    post(session, '/farms/{farmId}/years/{year}/scores/{scheme}/dispute', at, { scoreVersion: s.scoreVersion, reason: reason.trim() }).then(() => done(t('disputed')), fail);
  };
  const canDecide = session.role === 'farmer' && s.status === 'presented';
  const canPresent = session.role === 'calculator' && s.status === 'calculated';
  const canDecideDispute = session.role === 'calculator' && s.status === 'disputed';
  const present = () => post(session, '/farms/{farmId}/years/{year}/scores/{scheme}/presentation', at, { scoreVersion: s.scoreVersion }).then(() => done(t('presented')), fail);
  const decideDispute = (e: FormEvent) => {
    e.preventDefault();
    if (!reasonGiven(`${headingId}-grounds`)) return;
    post(session, '/farms/{farmId}/years/{year}/scores/{scheme}/dispute/decision', at, { scoreVersion: s.scoreVersion, outcome, reason: reason.trim() }).then(() => done(t('decided')), fail);
  };
  return (
    <section className="asb-section" aria-labelledby={headingId}>
      <Heading level={2} id={headingId}>
        {t('scoreTitle')} {scheme}: {formatEuros(s.totalCents)}
      </Heading>
      <dl className="asb-dl">
        <dt>{t('status')}</dt>
        <dd>
          <span className="asb-status">{nameIn(STATUS_NAMES, s.status, lang)}</span> (v{s.scoreVersion})
        </dd>
        <dt>{t('normSet')}</dt>
        <dd>{s.normSet ? `${s.normSet.id} v${s.normSet.version}` : '—'}</dd>
      </dl>
      <div aria-live="polite">
        {refusal.error ? <ErrorMessage error={refusal.error} id={refusal.messageId} /> : null}
        {message ? <Alert type="ok">{message}</Alert> : null}
      </div>
      <div className="asb-table-wrap">
        <table className="asb-table utrecht-table">
          <caption>
            {t('scoreTitle')} {scheme} {year}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('kpi')}</th>
              <th scope="col">{t('explanation')}</th>
              <th scope="col" className="asb-number">
                {t('amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {kpiRows.map(({ id, cents, explained: k }) => (
              <tr key={id}>
                <th scope="row">{kpiTitle(id, k?.title, lang) ?? <span lang="en">{id}</span>}</th>
                <td>{k ? <KpiWordsCell words={kpiInWords(k, wording(lang))} /> : explained.error ? null : <Loading />}</td>
                <td className="asb-number">{formatEuros(cents)}</td>
              </tr>
            ))}
            {explained.data?.cap.applied ? (
              <tr>
                <th scope="row">{t('yearlyCap')}</th>
                <td>{`${t('yearlyCapApplied')} ${formatEuros(explained.data.cap.yearlyCapCents)}`}</td>
                <td className="asb-number">{formatEuros(s.totalCents - explained.data.cap.uncappedCents)}</td>
              </tr>
            ) : null}
            <tr>
              <th scope="row">{t('total')}</th>
              <td />
              <td className="asb-number">
                <strong>{formatEuros(s.totalCents)}</strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      {canDecide ? (
        <>
          <Paragraph>{t('decisionHint')}</Paragraph>
          <div className="asb-actions">
            <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={approve}>
              {t('approve')}
            </button>
            <button type="button" className="utrecht-button utrecht-button--secondary-action" aria-expanded={disputing} aria-controls={`${headingId}-dispute`} onClick={() => setDisputing(!disputing)}>
              {t('dispute')}
            </button>
          </div>
          {disputing ? (
            <form id={`${headingId}-dispute`} className="asb-form" onSubmit={dispute} noValidate>
              <div className="asb-field">
                <label htmlFor={`${headingId}-reason`}>{t('disputeReason')}</label>
                <span className="asb-hint" id={`${headingId}-hint`}>
                  {t('disputeHint')}
                </span>
                {reasonError ? (
                  <span className="utrecht-form-field-error-message" id={`${headingId}-error`}>
                    {t('reasonRequired')}
                  </span>
                ) : null}
                <textarea
                  id={`${headingId}-reason`}
                  rows={4}
                  value={reason}
                  {...refusal.field('reason', { invalid: reasonError, describedBy: `${headingId}-hint${reasonError ? ` ${headingId}-error` : ''}` })}
                  onChange={(e) => setReason(e.target.value)}
                />
              </div>
              <div>
                <button type="submit" className="utrecht-button utrecht-button--primary-action">
                  {t('sendDispute')}
                </button>
              </div>
            </form>
          ) : null}
        </>
      ) : null}
      {canPresent ? (
        <div className="asb-actions">
          <button type="button" className="utrecht-button utrecht-button--primary-action" onClick={present}>
            {t('present')}
          </button>
        </div>
      ) : null}
      {canDecideDispute ? (
        <form className="asb-form" onSubmit={decideDispute} noValidate aria-labelledby={`${headingId}-decide`}>
          <Heading level={3} id={`${headingId}-decide`}>
            {t('decideDispute')}
          </Heading>
          <fieldset className="asb-field">
            <legend>{t('outcome')}</legend>
            {(['rejected', 'upheld'] as const).map((o) => (
              <label key={o} className="asb-radio">
                <input type="radio" name={`${headingId}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(o)}
              </label>
            ))}
          </fieldset>
          <div className="asb-field">
            <label htmlFor={`${headingId}-grounds`}>{t('decisionReason')}</label>
            {reasonError ? (
              <span className="utrecht-form-field-error-message" id={`${headingId}-grounds-error`}>
                {t('reasonRequired')}
              </span>
            ) : null}
            <textarea id={`${headingId}-grounds`} rows={3} value={reason} {...refusal.field('reason', { invalid: reasonError, describedBy: reasonError ? `${headingId}-grounds-error` : undefined })} onChange={(e) => setReason(e.target.value)} />
          </div>
          <div>
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              {t('sendDecision')}
            </button>
          </div>
        </form>
      ) : null}
      <Recalculate session={session} score={at} status={s.status} scoreVersion={s.scoreVersion} onDone={done} onRefused={fail} />
      <Heading level={3}>{t('history')}</Heading>
      <ol>
        {s.history.map((step) => (
          <li key={`${step.type}-${step.at}-${step.scoreVersion}`}>
            {formatDateTime(step.at)}: {nameIn(STEP_NAMES, step.type, lang)} (v{step.scoreVersion}, {step.by}){step.reason ? ` — ${step.reason}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
};
