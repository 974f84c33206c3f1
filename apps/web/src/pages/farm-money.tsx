import { useState } from 'react';
import { ApiError, download, get, type Answer } from '../api';
import type { Session } from '../auth';
import { Alert, DataTable, ErrorMessage, Heading, Loading, Paragraph, useData } from '../components';
import { DECISION_NAMES, formatDate, formatEuros, nameIn, STATUS_NAMES } from '../format';
import { useLang, useT, type TextKey } from '../i18n';
import { allPages } from '../lists';

type SchemeFarm = Answer<'/schemes/{scheme}/farms/{farmId}'>;
type Decision = NonNullable<NonNullable<SchemeFarm['application']>['decisions']>[number];

/**
 * The farmer's money per scheme (issue 16): the application, the score of each scheme year, the advance and
 * the settlement in euros (the API counts cents), and the decision documents, downloaded under the name the
 * API gives them (Content-Disposition).
 */
export const FarmMoney = ({ session, farmId }: { session: Session; farmId: string }) => {
  const t = useT();
  const catalogue = useData(() => allPages(session, '/norm-sets', { kind: 'scheme-scoring' }), [session.accessToken]);
  const schemes = (catalogue.data?.items ?? []).filter((n) => n.scheme && !n.withdrawn);
  return (
    <section className="asb-section" aria-labelledby="geld">
      <Heading level={2} id="geld">
        {t('schemeMoney')}
      </Heading>
      <Paragraph>{t('schemeMoneyIntro')}</Paragraph>
      {catalogue.error ? <ErrorMessage error={catalogue.error} /> : null}
      {catalogue.loading && !catalogue.data ? <Loading /> : null}
      {schemes.map((n) => (
        <SchemeOfFarm key={n.normSetId} session={session} farmId={farmId} scheme={n.scheme!.scheme} title={n.title} />
      ))}
    </section>
  );
};

const SchemeOfFarm = ({ session, farmId, scheme, title }: { session: Session; farmId: string; scheme: string; title: string }) => {
  const t = useT();
  const { lang } = useLang();
  const [message, setMessage] = useState<{ type: 'ok'; text: string } | { type: 'error'; error: unknown } | null>(null);
  const data = useData(
    // Nothing applied for and no score under the scheme is an answer, not an error.
    () => get(session, '/schemes/{scheme}/farms/{farmId}', { scheme, farmId }).catch((e) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
    [scheme, farmId, session.accessToken],
  );
  const id = `regeling-${scheme}`;
  const application = data.data?.application ?? null;
  const settlement = application?.settlements.at(-1);
  const scores = (data.data?.scores ?? []).filter((s): s is NonNullable<typeof s> => s !== null);
  const fetchDecision = (d: Decision) =>
    download(session, '/schemes/{scheme}/farms/{farmId}/decisions/{decisionId}', { scheme, farmId, decisionId: d.decisionId }, `beschikking-${scheme}-${farmId}.html`).then(
      (name) => setMessage({ type: 'ok', text: `${t('downloaded')}: ${name}` }),
      (error) => setMessage({ type: 'error', error }),
    );
  return (
    <section className="asb-section" aria-labelledby={id}>
      <Heading level={3} id={id}>
        {title}
      </Heading>
      {data.error ? <ErrorMessage error={data.error} /> : null}
      {data.loading && data.data === undefined ? <Loading /> : null}
      {data.data === null ? <Paragraph>{t('noApplication')}</Paragraph> : null}
      {application ? (
        <dl className="asb-dl">
          <dt>{t('applicationStatus')}</dt>
          <dd>
            {t(`application_${application.status}` as TextKey)}
            {application.refusal ? ` — ${t('applicationRefused')}: ${application.refusal.reason}` : ''}
            {application.status === 'complete' && !application.grant && !application.refusal ? ` — ${t('awaitingAllocation')}` : ''}
          </dd>
          <dt>{t('reserved')}</dt>
          <dd>{application.grant ? formatEuros(application.grant.reservedCents) : '—'}</dd>
          <dt>{t('advance')}</dt>
          <dd>
            {application.advanceCents > 0
              ? `${formatEuros(application.advanceCents)}${application.advancePaidAt ? `, ${t('advancePaid')} ${formatDate(application.advancePaidAt)}` : ''}`
              : t('advanceNotPaid')}
            {application.advanceReclaimedCents ? ` (${t('reclaimed')} ${formatEuros(application.advanceReclaimedCents)})` : ''}
          </dd>
          <dt>{t('settlement')}</dt>
          <dd>
            {settlement
              ? `${t('earned')} ${formatEuros(settlement.earnedCents)}; ${t('netPayment')} ${formatEuros(settlement.netPaymentCents)}, ${formatDate(settlement.settledAt)}`
              : t('notSettled')}
          </dd>
        </dl>
      ) : null}
      {scores.length > 0 ? (
        <DataTable caption={`${t('scoresPerYear')}: ${title}`} columns={[{ label: t('year') }, { label: t('status') }, { label: t('amount'), number: true }]}>
          {scores.map((s) => (
            <tr key={s.year}>
              <th scope="row">{s.year}</th>
              <td>{s.status ? nameIn(STATUS_NAMES, s.status, lang) : '—'}</td>
              <td className="asb-number">{formatEuros(s.totalCents)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {application ? (
        <>
          <Heading level={4}>{t('decisions')}</Heading>
          <div aria-live="polite">{message ? message.type === 'error' ? <ErrorMessage error={message.error} /> : <Alert type="ok">{message.text}</Alert> : null}</div>
          {(application.decisions ?? []).length === 0 ? <Paragraph>{t('noDecisions')}</Paragraph> : null}
          {(application.decisions ?? []).length > 0 ? (
            <DataTable caption={`${t('decisions')}: ${title}`} columns={[{ label: t('decisionKind') }, { label: t('decidedOn') }, { label: t('actions') }]}>
              {application.decisions!.map((d) => (
                <tr key={d.decisionId}>
                  <th scope="row">{nameIn(DECISION_NAMES, d.kind, lang)}</th>
                  <td>{formatDate(d.decidedAt)}</td>
                  <td>
                    <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => fetchDecision(d)}>
                      {t('downloadDecision')}
                      <span className="asb-visually-hidden">
                        {' '}
                        {nameIn(DECISION_NAMES, d.kind, lang)} {formatDate(d.decidedAt)}
                      </span>
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </>
      ) : null}
    </section>
  );
};
