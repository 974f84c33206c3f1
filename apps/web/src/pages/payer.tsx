import { useState } from 'react';
import { download, get, post } from '../api';
import type { Session } from '../auth';
import { Alert, DataTable, ErrorMessage, Heading, Loading, Paragraph, useData } from '../components';
import { formatDateTime, formatEuros } from '../format';
import { useT, type TextKey } from '../i18n';
import { allPages, ListFooter, useCursorList } from '../lists';

type Outcome = Readonly<{ kind: 'ok'; text: string } | { kind: 'error'; error: unknown }>;

/** What a payer may do with an application; whether it may now is the decider's to say (the refusal is shown). */
const ACTIONS = [
  { action: 'advance', label: 'payAdvance' },
  { action: 'settlement', label: 'settle' },
  { action: 'closure', label: 'closeApplication' },
] as const satisfies ReadonlyArray<{ action: string; label: TextKey }>;

const EVENT_TEXT: Record<string, TextKey> = {
  AdvancePaid: 'event_AdvancePaid',
  SubsidySettled: 'event_SubsidySettled',
  SubsidyApplicationClosed: 'event_SubsidyApplicationClosed',
  AdvanceReclaimed: 'event_AdvanceReclaimed',
  BudgetReservationReleased: 'event_BudgetReservationReleased',
};

const SchemeMoney = ({ session, scheme, title }: { session: Session; scheme: string; title: string }) => {
  const t = useT();
  const budget = useData(() => get(session, '/schemes/{scheme}/budget', { scheme }), [scheme, session.accessToken]);
  const forwarded = useCursorList(session, '/payer/{scheme}/forwarded', { scheme, limit: 20 });
  const applications = useCursorList(session, '/payer/{scheme}/applications', { scheme, limit: 20 });
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ kind: 'ok', text: await what() });
      budget.reload();
      applications.reload();
    } catch (error) {
      setOutcome({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };
  const recorded = (events: Array<{ type: string }>) => `${t('recorded')}: ${events.map((e) => (EVENT_TEXT[e.type] ? t(EVENT_TEXT[e.type]!) : e.type)).join(', ')}.`;
  const id = `regeling-${scheme}`;
  return (
    <section className="asb-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title} ({scheme})
      </Heading>
      <div aria-live="polite">{outcome ? outcome.kind === 'error' ? <ErrorMessage error={outcome.error} /> : <Alert type="ok">{outcome.text}</Alert> : null}</div>

      <Heading level={3} id={`${id}-budget`}>
        {t('budget')}
      </Heading>
      {budget.error ? <ErrorMessage error={budget.error} /> : null}
      {budget.data ? (
        <dl className="asb-dl">
          <dt>{t('budgetCeiling')}</dt>
          <dd>{formatEuros(budget.data.ceilingCents)}</dd>
          <dt>{t('budgetReserved')}</dt>
          <dd>{formatEuros(budget.data.reservedCents)}</dd>
          <dt>{t('budgetReleased')}</dt>
          <dd>{formatEuros(budget.data.releasedCents)}</dd>
          <dt>{t('budgetLeft')}</dt>
          <dd>{formatEuros(budget.data.leftCents)}</dd>
          <dt>{t('applicationsGranted')}</dt>
          <dd>
            {budget.data.applications.granted} / {budget.data.applications.total}
          </dd>
        </dl>
      ) : null}
      <div className="asb-actions">
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          disabled={busy}
          onClick={() => act(async () => {
            const r = await post(session, '/schemes/{scheme}/allocation', { scheme });
            return `${t('allocated')}: ${r.granted} ${t('grantedCount')}, ${r.refused} ${t('refusedCount')}.`;
          })}
        >
          {t('allocate')}
        </button>
        <button
          type="button"
          className="utrecht-button utrecht-button--primary-action"
          disabled={busy}
          onClick={() => act(async () => `${t('downloaded')}: ${await download(session, '/payer/{scheme}/payment-batch.csv', { scheme }, `betaalbatch-${scheme}.csv`)}`)}
        >
          {t('downloadBatch')}
        </button>
      </div>

      <Heading level={3} id={`${id}-aanvragen`}>
        {t('applicationsMoney')}
      </Heading>
      {applications.items.length === 0 && !applications.loading && !applications.error ? <Paragraph>{t('nothing')}</Paragraph> : null}
      {applications.items.length > 0 ? (
        <DataTable
          caption={`${t('applicationsMoney')}: ${scheme}`}
          columns={[{ label: t('farmId') }, { label: t('status') }, { label: t('reserved'), number: true }, { label: t('advance'), number: true }, { label: t('settledNet'), number: true }, { label: t('actions') }]}
        >
          {applications.items.map((a) => (
            <tr key={a.farmId}>
              <th scope="row">{a.farmId}</th>
              <td>{t(`application_${a.status}`)}</td>
              <td className="asb-number">{formatEuros(a.reservedCents)}</td>
              <td className="asb-number">
                {formatEuros(a.advanceCents)}
                {a.advanceReclaimedCents ? ` (${t('reclaimed')} ${formatEuros(a.advanceReclaimedCents)})` : ''}
              </td>
              <td className="asb-number">{a.settlements.length ? formatEuros(a.settlements.reduce((sum, s) => sum + s.netPaymentCents, 0)) : '—'}</td>
              <td>
                <div className="asb-actions asb-actions--tight">
                  {ACTIONS.map(({ action, label }) => (
                    <button
                      key={action}
                      type="button"
                      className="utrecht-button utrecht-button--secondary-action"
                      disabled={busy}
                      aria-label={`${t(label)} ${a.farmId}`}
                      onClick={() => act(async () => recorded((await post(session, `/schemes/{scheme}/farms/{farmId}/${action}` as const, { scheme, farmId: a.farmId })).events))}
                    >
                      {t(label)}
                    </button>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <ListFooter list={applications} label={t('moreApplications')} />

      <Heading level={3} id={`${id}-doorgestuurd`}>
        {t('forwardedScores')}
      </Heading>
      {forwarded.items.length === 0 && !forwarded.loading && !forwarded.error ? <Paragraph>{t('nothing')}</Paragraph> : null}
      {forwarded.items.length > 0 ? (
        <DataTable
          caption={`${t('forwardedScores')}: ${scheme}`}
          columns={[{ label: t('farmId') }, { label: t('year') }, { label: t('amount'), number: true }, { label: t('forwardedAt') }, { label: t('normSet') }]}
        >
          {forwarded.items.map((s) => (
            <tr key={`${s.farmId}-${s.year}`}>
              <th scope="row">{s.farmId}</th>
              <td>{s.year}</td>
              <td className="asb-number">{formatEuros(s.totalCents)}</td>
              <td>{formatDateTime(s.forwardedAt)}</td>
              <td>{s.normSet ? `${s.normSet.id} v${s.normSet.version}` : '—'}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      <ListFooter list={forwarded} label={t('moreScores')} />
    </section>
  );
};

/** The payer's main page: per published scheme its budget, the applications with their money and the payer's actions, the forwarded scores, and the payment batch. */
export const PayerPage = ({ session }: { session: Session }) => {
  const t = useT();
  const catalogue = useData(() => allPages(session, '/norm-sets', { kind: 'scheme-scoring' }), [session.accessToken]);
  const schemes = (catalogue.data?.items ?? []).filter((n) => n.scheme && !n.withdrawn);
  return (
    <>
      <Heading level={1}>{t('payments')}</Heading>
      <Paragraph>{t('paymentsIntro')}</Paragraph>
      {catalogue.error ? <ErrorMessage error={catalogue.error} /> : null}
      {catalogue.loading && !catalogue.data ? <Loading /> : null}
      {schemes.map((n) => (
        <SchemeMoney key={n.normSetId} session={session} scheme={n.scheme!.scheme} title={n.title} />
      ))}
    </>
  );
};
