import { useState, type FormEvent } from 'react';
import { get, post, type Answer } from '../api';
import type { Session } from '../auth';
import { Alert, ErrorMessage, Heading, Link, Loading, navigate, Paragraph, useData } from '../components';
import { formatDate, KIND_NAMES, nameIn } from '../format';
import { useLang, useT } from '../i18n';
import { allPages } from '../lists';
import { NewVersionSection } from './norm-set-version-form';
import { bodyWithTypedJson } from '../raw-json';
import { fieldErrors } from '../field-errors';

type Catalogue = Answer<'/norm-sets'>;

const KINDS = ['scheme-scoring', 'levy', 'indicator-catalogue', 'balance-parameters', 'check-tolerances', 'usage-norms'] as const;

const PublishForm = ({ session, catalogue, onPublished }: { session: Session; catalogue: Catalogue; onPublished: (id: string) => void }) => {
  const t = useT();
  const { lang } = useLang();
  const [form, setForm] = useState({ normSetId: '', kind: 'indicator-catalogue', title: '', legalBasis: '', effectiveFrom: '', parameters: '{\n  \n}' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const copyFrom = async (id: string) => {
    if (!id) return;
    const existing = await get(session, '/norm-sets/{normSetId}', { normSetId: id });
    setForm((f) => ({ ...f, kind: existing.document.kind, parameters: JSON.stringify(existing.document.parameters, null, 2) }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(form.normSetId)) found.normSetId = t('normSetIdInvalid');
    if (form.title.trim().length < 3) found.title = t('titleRequired');
    if (form.legalBasis.trim().length < 3) found.legalBasis = t('legalBasisRequired');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.effectiveFrom)) found.effectiveFrom = t('effectiveFromRequired');
    let parameters: unknown = null;
    try {
      parameters = JSON.parse(form.parameters);
      if (typeof parameters !== 'object' || parameters === null || Array.isArray(parameters)) throw new Error();
    } catch {
      found.parameters = t('parametersInvalid');
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    setFailure(null);
    try {
      // The parameters as typed: a key typed twice reaches the API, which refuses it naming the key (D82).
      const fields = { normSetId: form.normSetId, kind: form.kind, version: 1, title: form.title.trim(), legalBasis: form.legalBasis.trim(), effectiveFrom: form.effectiveFrom };
      await post(session, '/norm-sets', {}, bodyWithTypedJson(fields, 'parameters', form.parameters));
      onPublished(form.normSetId);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const error = fieldErrors(errors, 'publiceer').text;
  const aria = (name: string) => ({ 'aria-invalid': !!errors[name], 'aria-describedby': errors[name] ? `publiceer-${name}-fout` : undefined });
  return (
    <section className="asb-section" aria-labelledby="publiceren">
      <Heading level={2} id="publiceren">
        {t('advancedJson')}
      </Heading>
      <Paragraph>{t('publishIntro')}</Paragraph>
      {failure ? <ErrorMessage error={failure} /> : null}
      <form className="asb-form" onSubmit={submit} noValidate>
        <div className="asb-field">
          <label htmlFor="publiceer-normSetId">{t('normSetId')}</label>
          {error('normSetId')}
          <input id="publiceer-normSetId" value={form.normSetId} {...aria('normSetId')} onChange={(e) => setForm({ ...form, normSetId: e.target.value })} />
        </div>
        <div className="asb-field">
          <label htmlFor="publiceer-copy">{t('startFrom')}</label>
          <select id="publiceer-copy" defaultValue="" onChange={(e) => void copyFrom(e.target.value).catch(setFailure)}>
            <option value="">{t('emptyDocument')}</option>
            {catalogue.items.map((n) => (
              <option key={n.normSetId} value={n.normSetId}>
                {n.title} ({n.normSetId})
              </option>
            ))}
          </select>
        </div>
        <div className="asb-field">
          <label htmlFor="publiceer-kind">{t('kind')}</label>
          <select id="publiceer-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {nameIn(KIND_NAMES, k, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="asb-field">
          <label htmlFor="publiceer-title">{t('title')}</label>
          {error('title')}
          <input id="publiceer-title" value={form.title} {...aria('title')} onChange={(e) => setForm({ ...form, title: e.target.value })} />
        </div>
        <div className="asb-field">
          <label htmlFor="publiceer-legalBasis">{t('legalBasis')}</label>
          {error('legalBasis')}
          <input id="publiceer-legalBasis" value={form.legalBasis} {...aria('legalBasis')} onChange={(e) => setForm({ ...form, legalBasis: e.target.value })} />
        </div>
        <div className="asb-field">
          <label htmlFor="publiceer-effectiveFrom">{t('effectiveFrom')}</label>
          {error('effectiveFrom')}
          <input id="publiceer-effectiveFrom" type="date" value={form.effectiveFrom} {...aria('effectiveFrom')} onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })} />
        </div>
        <div className="asb-field">
          <label htmlFor="publiceer-parameters">{t('parametersJson')}</label>
          <span className="asb-hint" id="publiceer-parameters-hint">
            {t('parametersHint')}
          </span>
          {error('parameters')}
          <textarea
            id="publiceer-parameters"
            rows={10}
            spellCheck={false}
            className="asb-code"
            value={form.parameters}
            aria-invalid={!!errors.parameters}
            aria-describedby={`publiceer-parameters-hint${errors.parameters ? ' publiceer-parameters-fout' : ''}`}
            onChange={(e) => setForm({ ...form, parameters: e.target.value })}
          />
        </div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
            {t('publishButton')}
          </button>
        </div>
      </form>
    </section>
  );
};

/** The norm authority's main page: the catalogue of published norm sets (`GET /norm-sets`), and publishing a new one. */
export const NormSetsPage = ({ session }: { session: Session }) => {
  const t = useT();
  const { lang } = useLang();
  const catalogue = useData(() => allPages(session, '/norm-sets'), [session.accessToken]);
  const [published, setPublished] = useState<string | null>(null);
  const onPublished = (id: string) => {
    setPublished(id);
    catalogue.reload();
    navigate(`/normensets/${id}`);
  };
  return (
    <>
      <Heading level={1}>{t('normSets')}</Heading>
      <Paragraph>{t('normSetsIntro')}</Paragraph>
      <div aria-live="polite">
        {published ? (
          <Alert type="ok">
            {t('publishedDone')} <Link to={`/normensets/${published}`}>{published}</Link>
          </Alert>
        ) : null}
      </div>
      {catalogue.error ? <ErrorMessage error={catalogue.error} /> : null}
      {catalogue.loading && !catalogue.data ? <Loading /> : null}
      {catalogue.data ? (
        <div className="asb-table-wrap">
          <table className="asb-table utrecht-table">
            <caption>{t('normSets')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('normSet')}</th>
                <th scope="col">{t('kind')}</th>
                <th scope="col" className="asb-number">
                  {t('version')}
                </th>
                <th scope="col">{t('effectiveFrom')}</th>
                <th scope="col">{t('status')}</th>
              </tr>
            </thead>
            <tbody>
              {catalogue.data.items.map((n) => {
                const latest = n.versions.find((v) => v.version === n.latestVersion) ?? n.versions.at(-1);
                return (
                  <tr key={n.normSetId}>
                    <th scope="row">
                      <Link to={`/normensets/${n.normSetId}`}>{n.title}</Link> <span className="asb-muted">({n.normSetId})</span>
                    </th>
                    <td>{nameIn(KIND_NAMES, n.kind, lang)}</td>
                    <td className="asb-number">{n.latestVersion}</td>
                    <td>{latest ? formatDate(latest.effectiveFrom) : '—'}</td>
                    <td>{n.withdrawn ? t('withdrawn') : t('inForce')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {catalogue.data && session.role === 'norm_authority' ? (
        <>
          <NewVersionSection session={session} catalogue={catalogue.data.items} onPublished={onPublished} />
          <PublishForm session={session} catalogue={catalogue.data} onPublished={onPublished} />
        </>
      ) : null}
    </>
  );
};
