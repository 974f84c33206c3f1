import { useMemo, useState, type FormEvent } from 'react';
import { get, post, type Answer } from '../api';
import type { Session } from '../auth';
import { Alert, DataTable, ErrorMessage, Heading, Link, Loading, Paragraph, useData } from '../components';
import { formatDate, formatDateTime, KIND_NAMES, nameIn } from '../format';
import { useLang, useT } from '../i18n';
import { labelOf, namedParameters, parseValueLike, showValue, showValueIn } from '../parameter-names';
import { useRefusal } from '../refusal';
import { amendmentOf, AmendmentRecordFields, type Amendment, type AmendmentRecord } from './amendment-record-fields';
import { fieldErrors } from '../field-errors';

type NormSet = Answer<'/norm-sets/{normSetId}'>;
type Version = NormSet['versions'][number];
/** A change as read when it was added (D86): the value sent, and shown, is the one read then, in the language typed. */
type Change = Readonly<{ path: string; value: Amendment['changes'][number]['value'] }>;
type Outcome = Readonly<{ kind: 'ok'; text: string } | { kind: 'error'; error: unknown }>;

const today = () => new Date().toISOString().slice(0, 10);

const Versions = ({ versions }: { versions: readonly Version[] }) => {
  const t = useT();
  return (
    <DataTable caption={t('versions')} columns={[{ label: t('version'), number: true }, { label: t('effectiveFrom') }, { label: t('recordedAt') }, { label: t('reason') }]}>
      {versions.map((v) => (
        <tr key={v.version}>
          <th scope="row" className="asb-number">{v.version}</th>
          <td>{formatDate(v.effectiveFrom)}</td>
          <td>{formatDateTime(v.recordedAt)}</td>
          <td>{v.reason ?? t('firstPublication')}</td>
        </tr>
      ))}
    </DataTable>
  );
};

const VersionDiff = ({ session, normSet }: { session: Session; normSet: NormSet }) => {
  const t = useT();
  const { lang } = useLang();
  const numbers = normSet.versions.map((v) => v.version);
  const [from, setFrom] = useState(numbers[Math.max(0, numbers.length - 2)]!);
  const [to, setTo] = useState(numbers[numbers.length - 1]!);
  const id = normSet.document.normSetId;
  const diff = useData(() => get(session, '/norm-sets/{normSetId}/diff', { normSetId: id, from, to }), [id, from, to, session.accessToken]);
  const select = (htmlId: string, label: string, value: number, set: (v: number) => void) => (
    <div className="asb-field">
      <label htmlFor={htmlId}>{label}</label>
      <select id={htmlId} value={value} onChange={(e) => set(Number(e.target.value))}>
        {numbers.map((n) => (
          <option key={n} value={n}>
            {t('version')} {n}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <section className="asb-section" aria-labelledby="verschil-versies">
      <Heading level={2} id="verschil-versies">
        {t('versionDiff')}
      </Heading>
      <div className="asb-form asb-form--grid">
        {select('diff-from', t('fromVersion'), from, setFrom)}
        {select('diff-to', t('toVersion'), to, setTo)}
      </div>
      {diff.error ? <ErrorMessage error={diff.error} /> : null}
      {diff.data ? (
        diff.data.changes.length === 0 ? (
          <Paragraph>{t('noDifferences')}</Paragraph>
        ) : (
          <DataTable caption={`${t('versionDiff')}: ${from} → ${to}`} columns={[{ label: t('parameter') }, { label: t('was') }, { label: t('becomes') }]}>
            {diff.data.changes.map((c) => {
              const named = labelOf(normSet.document.parameters, c.path, lang);
              return (
                <tr key={c.path}>
                  <th scope="row">{named ? `${named.group} › ${named.name}` : c.path}</th>
                  <td>{showValueIn(c.from, lang)}</td>
                  <td>{showValueIn(c.to, lang)}</td>
                </tr>
              );
            })}
          </DataTable>
        )
      ) : (
        <Loading />
      )}
    </section>
  );
};

const AmendForm = ({ session, normSet, onDone }: { session: Session; normSet: NormSet; onDone: (o: Outcome) => void }) => {
  const t = useT();
  const { lang } = useLang();
  const parameters = useMemo(() => namedParameters(normSet.document.parameters, lang), [normSet, lang]);
  const groups = useMemo(() => [...new Set(parameters.map((p) => p.group))], [parameters]);
  const [chosen, setChosen] = useState('');
  const [text, setText] = useState('');
  const [changes, setChanges] = useState<Change[]>([]);
  const [form, setForm] = useState<AmendmentRecord>({ reason: '', legalBasis: normSet.document.legalBasis, authority: session.name, effectiveFrom: today(), grounds: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal('wijzig');
  const current = parameters.find((p) => p.path === chosen);
  const label = (path: string) => {
    const p = parameters.find((x) => x.path === path);
    return p ? `${p.group} › ${p.name}` : path;
  };
  const add = () => {
    if (!current) return setErrors({ parameter: t('chooseParameter') });
    const parsed = parseValueLike(current.value, text, lang);
    if (!('value' in parsed)) return setErrors({ value: t(parsed.refused === 'thousands' ? 'noThousandsSeparator' : 'valueInvalid') });
    setErrors({});
    setChanges([...changes.filter((c) => c.path !== current.path), { path: current.path, value: parsed.value }]);
    setChosen('');
    setText('');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (changes.length === 0) missing.parameter = t('addAChange');
    if (form.reason.trim().length < 3) missing.reason = t('reasonRequired');
    if (form.legalBasis.trim().length < 3) missing.legalBasis = t('legalBasisRequired');
    setErrors(missing);
    refusal.clear();
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const body = amendmentOf(normSet.versions.at(-1)!.version, changes.map((c) => ({ path: c.path, value: c.value })), form);
      await post(session, '/norm-sets/{normSetId}/amendments', { normSetId: normSet.document.normSetId }, body);
      setChanges([]);
      setForm({ ...form, reason: '' });
      onDone({ kind: 'ok', text: t('amended') });
    } catch (error) {
      refusal.setError(error);
    } finally {
      setBusy(false);
    }
  };
  const describedBy = (name: string) => (errors[name] ? `wijzig-${name}-fout` : undefined);
  const errorText = fieldErrors(errors, 'wijzig').text;
  return (
    <section className="asb-section" aria-labelledby="wijzigen">
      <Heading level={2} id="wijzigen">
        {t('amend')}
      </Heading>
      <Paragraph>{t('amendIntro')}</Paragraph>
      <form className="asb-form" onSubmit={submit} noValidate>
        <div className="asb-field">
          <label htmlFor="wijzig-parameter">{t('parameter')}</label>
          {errorText('parameter')}
          <select id="wijzig-parameter" value={chosen} {...refusal.field('changes', { invalid: !!errors.parameter, describedBy: describedBy('parameter') })} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('chooseParameter')}</option>
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {parameters
                  .filter((p) => p.group === g)
                  .map((p) => (
                    <option key={p.path} value={p.path}>
                      {p.name} ({showValue(p.value)})
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="asb-field">
          <label htmlFor="wijzig-waarde">{t('newValue')}</label>
          <span className="asb-hint" id="wijzig-waarde-hint">
            {current ? `${t('currentValue')}: ${showValue(current.value)}` : t('newValueHint')}
          </span>
          {errorText('value')}
          <input id="wijzig-waarde" value={text} aria-invalid={!!errors.value} aria-describedby={`wijzig-waarde-hint${errors.value ? ' wijzig-value-fout' : ''}`} onChange={(e) => setText(e.target.value)} />
        </div>
        <div>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={add}>
            {t('addChange')}
          </button>
        </div>
        {changes.length > 0 ? (
          <ul aria-label={t('changesToMake')}>
            {changes.map((c) => (
              <li key={c.path}>
                {label(c.path)}: {showValue(parameters.find((p) => p.path === c.path)?.value)} → {showValue(c.value)}{' '}
                <button type="button" className="utrecht-button utrecht-button--subtle" aria-label={`${t('remove')} ${label(c.path)}`} onClick={() => setChanges(changes.filter((x) => x.path !== c.path))}>
                  {t('remove')}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <AmendmentRecordFields id="wijzig" form={form} setForm={setForm} errors={errors} refusal={refusal} />
        <div aria-live="polite">{refusal.error ? <ErrorMessage error={refusal.error} id={refusal.messageId} /> : null}</div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
            {t('recordAmendment')}
          </button>
        </div>
      </form>
    </section>
  );
};

const WithdrawForm = ({ session, normSet, onDone }: { session: Session; normSet: NormSet; onDone: (o: Outcome) => void }) => {
  const t = useT();
  const [reason, setReason] = useState('');
  const [authority, setAuthority] = useState(session.name);
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <section className="asb-section" aria-labelledby="intrekken">
      <Heading level={2} id="intrekken">
        {t('withdraw')}
      </Heading>
      <Paragraph>{t('withdrawIntro')}</Paragraph>
      <form
        className="asb-form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          if (reason.trim().length < 3) return setError(true);
          setError(false);
          setBusy(true);
          try {
            await post(session, '/norm-sets/{normSetId}/withdrawal', { normSetId: normSet.document.normSetId }, { reason: reason.trim(), authority: authority.trim() });
            onDone({ kind: 'ok', text: t('withdrawnDone') });
          } catch (err) {
            onDone({ kind: 'error', error: err });
          } finally {
            setBusy(false);
          }
        }}
      >
        <div className="asb-field">
          <label htmlFor="intrek-reason">{t('withdrawReason')}</label>
          {error ? (
            <span className="asb-error" id="intrek-reason-fout">
              {t('reasonRequired')}
            </span>
          ) : null}
          <textarea id="intrek-reason" rows={2} value={reason} aria-invalid={error} aria-describedby={error ? 'intrek-reason-fout' : undefined} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="asb-field">
          <label htmlFor="intrek-authority">{t('authority')}</label>
          <input id="intrek-authority" value={authority} onChange={(e) => setAuthority(e.target.value)} />
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--secondary-action" disabled={busy}>
            {t('withdrawButton')}
          </button>
        </div>
      </form>
    </section>
  );
};

/** One norm set for its authority: versions, the difference between two, an amendment by parameter name, withdrawal. */
export const NormSetPage = ({ session, normSetId }: { session: Session; normSetId: string }) => {
  const t = useT();
  const { lang } = useLang();
  const normSet = useData(() => get(session, '/norm-sets/{normSetId}', { normSetId }), [normSetId, session.accessToken]);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const done = (o: Outcome) => {
    setOutcome(o);
    if (o.kind === 'ok') normSet.reload();
  };
  const n = normSet.data;
  return (
    <>
      <Paragraph>
        <Link to="/">← {t('back')}</Link>
      </Paragraph>
      <Heading level={1}>
        {t('normSet')} {normSetId}
      </Heading>
      <div aria-live="polite">{outcome ? outcome.kind === 'error' ? <ErrorMessage error={outcome.error} /> : <Alert type="ok">{outcome.text}</Alert> : null}</div>
      {normSet.error ? <ErrorMessage error={normSet.error} /> : null}
      {!n ? <Loading /> : null}
      {n ? (
        <>
          <dl className="asb-dl">
            <dt>{t('title')}</dt>
            <dd>{n.document.title}</dd>
            <dt>{t('kind')}</dt>
            <dd>{nameIn(KIND_NAMES, n.document.kind, lang)}</dd>
            <dt>{t('legalBasis')}</dt>
            <dd>{n.document.legalBasis}</dd>
            <dt>{t('status')}</dt>
            <dd>{n.withdrawn ? t('withdrawn') : t('inForce')}</dd>
          </dl>
          <Versions versions={n.versions} />
          {n.versions.length > 1 ? <VersionDiff key={n.versions.length} session={session} normSet={n} /> : null}
          {!n.withdrawn && session.role === 'norm_authority' ? (
            <>
              <AmendForm key={`amend-${n.versions.length}`} session={session} normSet={n} onDone={done} />
              <WithdrawForm session={session} normSet={n} onDone={done} />
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
};
