import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, get, post, type Answer, type ItemOf } from '../api';
import type { Session } from '../auth';
import { DataTable, ErrorMessage, Heading, Loading, Paragraph, useData } from '../components';
import { useLang, useT } from '../i18n';
import { isRecord, isScalar, isScalarList, isTierList, valueAt, withTierAdded, withTierRemoved, withValue, type Draft } from '../norm-set-draft';
import { labelOf, parseValueLike, showValue, showValueIn, wordsOfIndexPath, type ValueReading } from '../parameter-names';
import { useRefusal } from '../refusal';
import { amendmentOf, AmendmentRecordFields, type Amendment, type AmendmentRecord } from './amendment-record-fields';
import { isRefusedField } from '../refusal-field';
// The API's naming and its diff (D61, D81): pure domain code, bundled into the app, so the preview is the diff.
import { nameOfPath } from '../../../../libs/domain/src/norms/named-paths';
import { amendmentTurning, parameterDifferences } from '../../../../libs/domain/src/norms/parameter-diff';
import { fieldErrors } from '../field-errors';

type NormSetAnswer = Answer<'/norm-sets/{normSetId}'>;
type CatalogueEntry = ItemOf<'/norm-sets'>;

const ID = 'nieuwe-versie';
const today = () => new Date().toISOString().slice(0, 10);
const inputId = (path: string) => `${ID}-${path.replace(/\./g, '-')}`;
const under = (path: string, list: string) => path.startsWith(`${list}.`);

/** The changes sent are numbered; a refusal of `changes[3].value` belongs to the input of that parameter. */
const inputOfRefusal = (sent: ReadonlyArray<{ path: string }>) => (field: string) => {
  const change = /^changes[[.](\d+)/.exec(field);
  const named = change ? sent[Number(change[1])]?.path : undefined;
  return named ? `parameters.${named}` : field;
};

type Refused = Extract<ValueReading, { refused: unknown }>['refused'];

type Editing = Readonly<{
  draft: Draft;
  base: unknown;
  baseVersion: number;
  texts: Readonly<Record<string, string>>;
  /** Inputs whose text is no value of the parameter's type, and why (D86: a thousands separator is refused, not misread). */
  invalid: ReadonlyMap<string, Refused>;
  type: (path: string, text: string) => void;
  addTier: (listPath: string) => void;
  removeTier: (listPath: string, index: number) => void;
  refusal: ReturnType<typeof useRefusal>;
  /** The input the API's refusal names (`parameters.…`), if any. */
  refused: string | undefined;
}>;

/** One parameter: its name, its value as text (an exact decimal stays a string), what the latest version holds where it differs. */
const ParameterInput = ({ path, e }: { path: string; e: Editing }) => {
  const t = useT();
  const { lang } = useLang();
  const value = valueAt(e.draft, path);
  const before = valueAt(e.base, path);
  const words = wordsOfIndexPath(e.draft, path, lang) ?? [path];
  const own = e.invalid.get(path);
  const changed = JSON.stringify(before) !== JSON.stringify(value);
  const hintId = `${inputId(path)}-hint`;
  const errorId = `${inputId(path)}-fout`;
  const field = e.refusal.field(`parameters.${nameOfPath(e.draft, path)}`, { invalid: own !== undefined, describedBy: [changed ? hintId : '', own ? errorId : ''].filter(Boolean).join(' ') || undefined });
  return (
    <div className={`asb-field asb-param${changed ? ' asb-param--changed' : ''}`}>
      <label htmlFor={inputId(path)}>{words.at(-1)}</label>
      {changed ? (
        <span className="asb-hint" id={hintId}>
          {before === undefined ? t('newEntry') : `${t('inVersion')} ${e.baseVersion}: ${showValue(before)}`}
        </span>
      ) : null}
      {own ? (
        <span className="asb-error" id={errorId}>
          {t(own === 'thousands' ? 'noThousandsSeparator' : 'valueNeeded')}
        </span>
      ) : null}
      {typeof value === 'boolean' ? (
        <select id={inputId(path)} name={nameOfPath(e.draft, path)} value={String(value)} {...field} onChange={(ev) => e.type(path, ev.target.value)}>
          <option value="true">{t('yes')}</option>
          <option value="false">{t('no')}</option>
        </select>
      ) : (
        <input
          id={inputId(path)}
          name={nameOfPath(e.draft, path)}
          inputMode={typeof value === 'number' ? 'numeric' : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? 'decimal' : undefined}
          spellCheck={false}
          value={e.texts[path] ?? showValue(value)}
          {...field}
          onChange={(ev) => e.type(path, ev.target.value)}
        />
      )}
    </div>
  );
};

/** The document as nested groups: a record or list entry is a fieldset titled in words (the KPI's title, "trede 2"), a tier list can grow and shrink. */
const DocumentNode = ({ path, e }: { path: string; e: Editing }): ReactNode => {
  const t = useT();
  const { lang } = useLang();
  const node = valueAt(e.draft, path);
  const key = path.split('.').at(-1) ?? '';
  if (isScalar(node) || isScalarList(node)) return <ParameterInput path={path} e={e} />;
  const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
  const context = (wordsOfIndexPath(e.draft, path, lang) ?? []).join(' › ');
  if (isTierList(key, node)) {
    return (
      <fieldset className="asb-draft-group">
        <legend>{t('tiers')}</legend>
        {node.map((_, i) => (
          <fieldset key={i} className="asb-draft-group asb-draft-tier">
            <legend>{wordsOfIndexPath(e.draft, join(i), lang)?.at(-1)}</legend>
            {Object.keys(node[i]!).map((k) => (
              <DocumentNode key={k} path={`${join(i)}.${k}`} e={e} />
            ))}
            {node.length > 1 ? (
              <button type="button" className="utrecht-button utrecht-button--subtle" aria-label={`${t('removeTier')}: ${context} › ${wordsOfIndexPath(e.draft, join(i), lang)?.at(-1)}`} onClick={() => e.removeTier(path, i)}>
                {t('removeTier')}
              </button>
            ) : null}
          </fieldset>
        ))}
        <button type="button" className="utrecht-button utrecht-button--secondary-action" aria-label={`${t('addTier')}: ${context}`} onClick={() => e.addTier(path)}>
          {t('addTier')}
        </button>
      </fieldset>
    );
  }
  const keys = Array.isArray(node) ? node.map((_, i) => String(i)) : isRecord(node) ? Object.keys(node) : [];
  return (
    <fieldset className="asb-draft-group">
      <legend>{wordsOfIndexPath(e.draft, path, lang)?.at(-1)}</legend>
      {keys.map((k) => (
        <DocumentNode key={k} path={join(k)} e={e} />
      ))}
    </fieldset>
  );
};

/**
 * One part of the document a person opens to change it — the general parameters, a KPI, a component —
 * so that a scheme of thirteen KPIs is a list of thirteen, not one page of two hundred inputs. Its summary
 * counts what changed in it; it opens by itself when the API refuses a field inside it.
 */
const DocumentPart = ({ title, paths, e }: { title: string; paths: readonly string[]; e: Editing }) => {
  const t = useT();
  const changed = paths.reduce((n, p) => n + parameterDifferences(valueAt(e.base, p), valueAt(e.draft, p)).length, 0);
  const refused = paths.some((p) => isRefusedField(e.refused, `parameters.${nameOfPath(e.draft, p)}`));
  // Open stays open: a refusal cleared by the next attempt must not fold away the part being corrected.
  const [opened, setOpened] = useState(false);
  return (
    <details className="asb-draft-part" open={opened || refused || undefined} onToggle={(ev) => setOpened(ev.currentTarget.open)}>
      <summary>
        {title}
        {changed ? ` — ${changed} ${t('changedInPart')}` : ''}
      </summary>
      <fieldset className="asb-draft-group">
        <legend className="asb-visually-hidden">{title}</legend>
        {paths.map((p) =>
          isRecord(valueAt(e.draft, p)) && paths.length === 1 ? (
            Object.keys(valueAt(e.draft, p) as object).map((k) => <DocumentNode key={k} path={`${p}.${k}`} e={e} />)
          ) : (
            <DocumentNode key={p} path={p} e={e} />
          ),
        )}
      </fieldset>
    </details>
  );
};

/** The top of the document in parts: its plain values together, each record by its name, each entry of a list (a KPI) by its own. */
const DocumentParts = ({ e }: { e: Editing }) => {
  const { lang } = useLang();
  const root = isRecord(e.draft) ? e.draft : {};
  const plain = Object.keys(root).filter((k) => isScalar(root[k]) || isScalarList(root[k]));
  const words = (p: string) => wordsOfIndexPath(e.draft, p, lang)?.at(-1) ?? p;
  return (
    <>
      {plain.length ? <DocumentPart title={lang === 'nl' ? 'Algemeen' : 'General'} paths={plain} e={e} /> : null}
      {Object.keys(root)
        .filter((k) => !plain.includes(k))
        .flatMap((k) => {
          const v = root[k];
          return Array.isArray(v) && v.every(isRecord) ? v.map((_, i) => <DocumentPart key={`${k}.${i}`} title={words(`${k}.${i}`)} paths={[`${k}.${i}`]} e={e} />) : [<DocumentPart key={k} title={words(k)} paths={[k]} e={e} />];
        })}
    </>
  );
};

/**
 * What would change, as the API's diff will show it after publishing (the same function, D81). While an input
 * is refused the draft still holds its last value read, which is not what the person sees: no table then.
 */
const DraftDifference = ({ base, draft, baseVersion, waiting }: { base: unknown; draft: Draft; baseVersion: number; waiting: boolean }) => {
  const t = useT();
  const { lang } = useLang();
  const changes = useMemo(() => parameterDifferences(base, draft), [base, draft]);
  const label = (path: string) => {
    const named = labelOf(draft, path, lang) ?? labelOf(base, path, lang);
    return named ? `${named.group} › ${named.name}` : path;
  };
  return (
    <section className="asb-section" aria-labelledby={`${ID}-verschil`}>
      <Heading level={3} id={`${ID}-verschil`}>
        {t('differenceWithLatest')} ({t('version')} {baseVersion})
      </Heading>
      <p aria-live="polite">{waiting ? t('differenceWaitsForValues') : `${t('changesCounted')}: ${changes.length}`}</p>
      {waiting ? null : changes.length === 0 ? (
        <Paragraph>{t('noDifferences')}</Paragraph>
      ) : (
        <DataTable caption={`${t('differenceWithLatest')} (${t('version')} ${baseVersion})`} columns={[{ label: t('parameter') }, { label: t('was') }, { label: t('becomes') }]}>
          {changes.map((c) => (
            <tr key={c.path}>
              <th scope="row">{label(c.path)}</th>
              <td>{showValueIn(c.from, lang)}</td>
              <td>{showValueIn(c.to, lang)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
};

/** The form on one starting document: every parameter editable, the difference with the latest version, publish as an amendment. */
const DraftForm = ({ session, latest, start, onPublished }: { session: Session; latest: NormSetAnswer; start: Record<string, unknown>; onPublished: (normSetId: string) => void }) => {
  const t = useT();
  const { lang } = useLang();
  const base = latest.document.parameters;
  const baseVersion = latest.document.version;
  const [draft, setDraft] = useState<Draft>(start);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<ReadonlyMap<string, Refused>>(new Map());
  const [form, setForm] = useState<AmendmentRecord>({ reason: '', legalBasis: latest.document.legalBasis, authority: session.name, effectiveFrom: today(), grounds: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const sent = useRef<ReadonlyArray<{ path: string }>>([]);
  const refusal = useRefusal(ID, inputOfRefusal(sent.current));
  const forget = (listPath: string) => {
    setTexts((all) => Object.fromEntries(Object.entries(all).filter(([p]) => !under(p, listPath))));
    setInvalid((all) => new Map([...all].filter(([p]) => !under(p, listPath))));
  };
  const e: Editing = {
    draft,
    base,
    baseVersion,
    texts,
    invalid,
    refusal,
    refused: refusal.error instanceof ApiError && refusal.error.field ? inputOfRefusal(sent.current)(refusal.error.field) : undefined,
    type: (path, text) => {
      setTexts((all) => ({ ...all, [path]: text }));
      const parsed = parseValueLike(valueAt(draft, path), text, lang);
      setInvalid((all) => {
        const next = new Map(all);
        if ('value' in parsed) next.delete(path);
        else next.set(path, parsed.refused);
        return next;
      });
      if ('value' in parsed) setDraft((d: Draft) => withValue(d, path, parsed.value));
    },
    addTier: (listPath) => {
      forget(listPath);
      setDraft((d: Draft) => withTierAdded(d, listPath));
    },
    removeTier: (listPath, index) => {
      forget(listPath);
      setDraft((d: Draft) => withTierRemoved(d, listPath, index));
    },
  };
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const changes = amendmentTurning(base, draft);
    const found: Record<string, string> = {};
    if (invalid.size) found.parameters = t('fixValues');
    else if (changes.length === 0) found.parameters = t('changeSomething');
    if (form.reason.trim().length < 3) found.reason = t('reasonRequired');
    if (form.legalBasis.trim().length < 3) found.legalBasis = t('legalBasisRequired');
    setErrors(found);
    refusal.clear();
    if (Object.keys(found).length) return;
    setBusy(true);
    sent.current = changes;
    try {
      // The changes' values are leaves of a JSON document (the draft), so JSON values.
      const body = amendmentOf(baseVersion, changes.map((c) => ({ path: c.path, value: c.value as Amendment['changes'][number]['value'] })), form);
      await post(session, '/norm-sets/{normSetId}/amendments', { normSetId: latest.document.normSetId }, body);
      onPublished(latest.document.normSetId);
    } catch (error) {
      refusal.setError(error);
    } finally {
      setBusy(false);
    }
  };
  const errorText = fieldErrors(errors, ID).text;
  return (
    <form className="asb-form asb-draft" onSubmit={submit} noValidate>
      <fieldset className="asb-draft-group" aria-describedby={`${ID}-parameters-hint${errors.parameters ? ` ${ID}-parameters-fout` : ''}`}>
        <legend>{t('parametersOfVersion')}</legend>
        <span className="asb-hint" id={`${ID}-parameters-hint`}>
          {t('exactDecimalHint')}
        </span>
        {errorText('parameters')}
        <DocumentParts e={e} />
      </fieldset>
      <DraftDifference base={base} draft={draft} baseVersion={baseVersion} waiting={invalid.size > 0} />
      <AmendmentRecordFields id={ID} form={form} setForm={setForm} errors={errors} refusal={refusal} />
      <div aria-live="polite">{refusal.error ? <ErrorMessage error={refusal.error} id={refusal.messageId} /> : null}</div>
      <div>
        <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
          {t('publishVersion')}
        </button>
      </div>
    </form>
  );
};

/** The starting document: the latest version, or an earlier one as it was recorded (`asOf` its recording). */
const StartingPoint = ({ session, normSetId, onPublished }: { session: Session; normSetId: string; onPublished: (normSetId: string) => void }) => {
  const t = useT();
  const latest = useData(() => get(session, '/norm-sets/{normSetId}', { normSetId }), [normSetId, session.accessToken]);
  const [chosen, setChosen] = useState<number | null>(null);
  const versions = latest.data?.versions ?? [];
  const startAt = versions.find((v) => v.version === chosen);
  const start = useData(
    () => (startAt && latest.data && startAt.version !== latest.data.document.version ? get(session, '/norm-sets/{normSetId}', { normSetId, asOf: startAt.recordedAt }) : Promise.resolve(latest.data ?? null)),
    [normSetId, startAt?.version, latest.data, session.accessToken],
  );
  if (latest.error) return <ErrorMessage error={latest.error} />;
  if (!latest.data) return <Loading />;
  const n = latest.data;
  const startVersion = chosen ?? n.document.version;
  const mismatch = start.data && start.data.document.version !== startVersion;
  return (
    <>
      <div className="asb-field">
        <label htmlFor={`${ID}-start`}>{t('startVersion')}</label>
        <select id={`${ID}-start`} value={startVersion} onChange={(ev) => setChosen(Number(ev.target.value))}>
          {[...versions].reverse().map((v) => (
            <option key={v.version} value={v.version}>
              {t('version')} {v.version}
              {v.version === n.document.version ? ` (${t('latest')})` : ''}
            </option>
          ))}
        </select>
      </div>
      {start.error ? <ErrorMessage error={start.error} /> : null}
      {mismatch ? <Paragraph>{t('startVersionMismatch')}</Paragraph> : null}
      {start.data && !mismatch && !start.loading ? <DraftForm key={`${normSetId} ${startVersion} ${n.document.version}`} session={session} latest={n} start={start.data.document.parameters} onPublished={onPublished} /> : <Loading />}
    </>
  );
};

/**
 * Publishing a new version of a norm set the way its authority works (D81): from the version in force,
 * each parameter by name with its value, the difference shown before publishing; sent as the
 * amendment `POST /norm-sets/{id}/amendments` (named paths, exact decimals as strings).
 */
export const NewVersionSection = ({ session, catalogue, onPublished }: { session: Session; catalogue: readonly CatalogueEntry[]; onPublished: (normSetId: string) => void }) => {
  const t = useT();
  const [normSetId, setNormSetId] = useState('');
  return (
    <section className="asb-section" aria-labelledby={`${ID}-kop`}>
      <Heading level={2} id={`${ID}-kop`}>
        {t('newVersion')}
      </Heading>
      <Paragraph>{t('newVersionIntro')}</Paragraph>
      <div className="asb-form">
        <div className="asb-field">
          <label htmlFor={`${ID}-normSetId`}>{t('normSet')}</label>
          <select id={`${ID}-normSetId`} value={normSetId} onChange={(ev) => setNormSetId(ev.target.value)}>
            <option value="">{t('chooseNormSet')}</option>
            {catalogue
              .filter((n) => !n.withdrawn)
              .map((n) => (
                <option key={n.normSetId} value={n.normSetId}>
                  {n.title} ({n.normSetId})
                </option>
              ))}
          </select>
        </div>
      </div>
      {normSetId ? <StartingPoint key={normSetId} session={session} normSetId={normSetId} onPublished={onPublished} /> : null}
    </section>
  );
};
