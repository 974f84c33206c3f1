import { useState, type FormEvent } from 'react';
import { get, post, type RequestBody } from '../api';
import type { Session } from '../auth';
import { Alert, ErrorMessage, Heading, Link, Paragraph, useData } from '../components';
import { formatDate, formatEuros, formatNumber, nameIn, SOURCE_NAMES, STATUS_NAMES } from '../format';
import { useLang, useT, type TextKey } from '../i18n';
import { ListFooter, useCursorList } from '../lists';
import { useRefusal } from '../refusal';
import { areaOf } from './farms';
import { AccessLog } from './access-log';
import { FarmHistory } from './farm-history';
import { FarmMoney } from './farm-money';


/** A farm: its details, its years with their scores, (for its farmer) who is authorised and its history, and (for its farmer and the regulator) its money per scheme and who read its data. */
export const FarmPage = ({ session, farmId }: { session: Session; farmId: string }) => {
  const t = useT();
  const { lang } = useLang();
  const farm = useData(() => get(session, '/farms/{farmId}', { farmId }), [farmId, session.accessToken]);
  // A page of years at a time, newest first; "more" for older ones (D54).
  const years = useCursorList(session, '/farms/{farmId}/years', { farmId });
  return (
    <>
      <Paragraph>
        <Link to="/">← {t('back')}</Link>
      </Paragraph>
      <Heading level={1}>
        {t('farm')} {farmId}
      </Heading>
      {farm.error ? <ErrorMessage error={farm.error} /> : null}
      {farm.data ? (
        <dl className="asb-dl">
          <dt>{t('province')}</dt>
          <dd>{farm.data.province}</dd>
          <dt>{t('livestockUnits')}</dt>
          <dd>{formatNumber(farm.data.livestockUnits)}</dd>
          <dt>{t('area')}</dt>
          <dd>{formatNumber(areaOf(farm.data.landUse))}</dd>
        </dl>
      ) : null}
      <section className="asb-section" aria-labelledby="jaren">
        <Heading level={2} id="jaren">
          {t('years')}
        </Heading>
        {!years.loading && !years.error && years.items.length === 0 ? <Paragraph>{t('noYears')}</Paragraph> : null}
        {years.items.length > 0 ? (
          <div className="asb-table-wrap">
            <table className="asb-table utrecht-table">
              <caption>{t('years')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('year')}</th>
                  <th scope="col">{t('scores')}</th>
                  <th scope="col">{t('actions')}</th>
                </tr>
              </thead>
              <tbody>
                {years.items.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">{y.year}</th>
                    <td>
                      {y.scores.length === 0
                        ? t('noScore')
                        : y.scores.map((s) => (
                            <div key={s.scheme}>
                              {s.scheme}: {nameIn(STATUS_NAMES, s.status, lang)}, {formatEuros(s.totalCents)}
                            </div>
                          ))}
                    </td>
                    <td>
                      <Link to={`/bedrijven/${farmId}/jaren/${y.year}`}>
                        {t('openYear')} {y.year}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <ListFooter list={years} label={t('moreYears')} />
      </section>
      {session.role === 'farmer' ? <Authorisations session={session} farmId={farmId} /> : null}
      {session.role === 'farmer' || session.role === 'regulator' ? <FarmMoney session={session} farmId={farmId} /> : null}
      {/* The regulator reads the same history on its timeline page. */}
      {session.role === 'farmer' ? <FarmHistory session={session} farmId={farmId} /> : null}
      {session.role === 'farmer' || session.role === 'regulator' ? <AccessLog session={session} farmId={farmId} /> : null}
    </>
  );
};

const Authorisations = ({ session, farmId }: { session: Session; farmId: string }) => {
  const t = useT();
  const { lang } = useLang();
  const list = useCursorList(session, '/farms/{farmId}/authorisations', { farmId });
  const [message, setMessage] = useState<string | null>(null);
  const [form, setForm] = useState({ authorisationId: '', granteeId: '', granteeRole: 'calculator', sources: 'klw', purpose: 'scheme:drenthe-2025', validTo: '' });
  const refusal = useRefusal('auth');
  const fail = (error: unknown) => {
    setMessage(null);
    refusal.setError(error);
  };
  /** Where the API names each input's value in the authorisation it is sent as. */
  const API_FIELD: Record<keyof typeof form, string> = { authorisationId: 'authorisationId', granteeId: 'grantee.id', granteeRole: 'grantee.role', sources: 'sources', purpose: 'purpose', validTo: 'validTo' };
  type Grant = RequestBody<'/farms/{farmId}/authorisations'>;
  const grant = (e: FormEvent) => {
    e.preventDefault();
    refusal.clear();
    const body: Grant = {
      authorisationId: form.authorisationId.trim(),
      grantee: { id: form.granteeId.trim(), role: form.granteeRole as Grant['grantee']['role'] },
      sources: form.sources.split(',').map((s) => s.trim()).filter(Boolean),
      purpose: form.purpose.trim(),
      validFrom: new Date().toISOString(),
      validTo: new Date(`${form.validTo}T23:59:59Z`).toISOString(),
    };
    post(session, '/farms/{farmId}/authorisations', { farmId }, body).then(() => {
      setMessage(t('granted'));
      list.reload();
    }, fail);
  };
  const revoke = (id: string) =>
    post(session, '/farms/{farmId}/authorisations/{authorisationId}/revoke', { farmId, authorisationId: id }, { reason: t('revokeReason') }).then(() => {
      refusal.clear();
      setMessage(t('revoked'));
      list.reload();
    }, fail);
  const field = (key: keyof typeof form, label: TextKey, props: { type?: string; hint?: TextKey } = {}) => (
    <div className="asb-field">
      <label htmlFor={`auth-${key}`}>{t(label)}</label>
      {props.hint ? (
        <span className="asb-hint" id={`auth-${key}-hint`}>
          {t(props.hint)}
        </span>
      ) : null}
      <input id={`auth-${key}`} name={key} type={props.type ?? 'text'} required value={form[key]} {...refusal.field(API_FIELD[key], { describedBy: props.hint ? `auth-${key}-hint` : undefined })} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </div>
  );
  return (
    <section className="asb-section" aria-labelledby="machtigingen">
      <Heading level={2} id="machtigingen">
        {t('authorisations')}
      </Heading>
      <Paragraph>{t('authorisationsIntro')}</Paragraph>
      <div aria-live="polite">
        {refusal.error ? <ErrorMessage error={refusal.error} id={refusal.messageId} /> : null}
        {message ? <Alert type="ok">{message}</Alert> : null}
      </div>
      {list.items.length > 0 ? (
        <div className="asb-table-wrap">
          <table className="asb-table utrecht-table">
            <caption>{t('authorisations')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('authorisationId')}</th>
                <th scope="col">{t('grantee')}</th>
                <th scope="col">{t('sources')}</th>
                <th scope="col">{t('validTo')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((a) => (
                <tr key={a.authorisationId}>
                  <td>{a.authorisationId}</td>
                  <td>
                    {a.grantee.id} ({t(`role_${a.grantee.role}` as TextKey)})
                  </td>
                  <td>{a.sources.map((s) => SOURCE_NAMES[s] ?? s).join(', ')}</td>
                  <td>{formatDate(a.validTo)}</td>
                  <td>{nameIn(STATUS_NAMES, a.status, lang)}</td>
                  <td>
                    {a.status === 'granted' ? (
                      <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => revoke(a.authorisationId)}>
                        {t('revoke')}
                        <span className="asb-visually-hidden"> {a.authorisationId}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ListFooter list={list} label={t('moreAuthorisations')} />
      <Heading level={3}>{t('grant')}</Heading>
      <form className="asb-form" onSubmit={grant}>
        {field('authorisationId', 'authorisationId')}
        {field('granteeId', 'grantee')}
        <div className="asb-field">
          <label htmlFor="auth-granteeRole">{t('granteeRole')}</label>
          <select id="auth-granteeRole" value={form.granteeRole} {...refusal.field(API_FIELD.granteeRole)} onChange={(e) => setForm({ ...form, granteeRole: e.target.value })}>
            {['calculator', 'data_source'].map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}` as TextKey)}
              </option>
            ))}
          </select>
        </div>
        {field('sources', 'sources', { hint: 'sourcesHint' })}
        {field('purpose', 'purpose')}
        {field('validTo', 'validTo', { type: 'date' })}
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action">
            {t('grant')}
          </button>
        </div>
      </form>
    </section>
  );
};
