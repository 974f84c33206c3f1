import { useMemo, useState, type FormEvent } from 'react';
import { get, post } from '../api';
import type { Session } from '../auth';
import { DataTable, ErrorMessage, Heading, Link, Loading, navigate, Paragraph, useData } from '../components';
import { formatDateTime, INDICATOR_NAMES, KIND_NAMES, nameIn, QUALITY_NAMES } from '../format';
import { translate, useLang } from '../i18n';
import { allPages, ListFooter, useCursorList } from '../lists';
import { namedParameters, parseValueLike, showValue } from '../parameter-names';
import { useAnalystT } from '../analyst/texts';
import type { ScenarioBody, ScenarioView } from '../analyst/types';
import { useRefusal } from '../refusal';
import { readTypedNumber } from '../typed-number';
import { fieldErrors } from '../field-errors';

type Change = Readonly<{ normSetId: string; path: string; label: string; from: unknown; value: ScenarioBody['drafts'][number]['changes'][number]['value'] }>;

/** The kinds whose rule family a what-if recomputes (D51); the others (catalogue, usage norms) would change nothing. */
const RECOMPUTED_KINDS = ['scheme-scoring', 'levy', 'balance-parameters', 'check-tolerances'];
const QUALITIES = ['measured', 'registered', 'calculated', 'self-declared', 'default'] as const;

const Builder = ({ session, onSaved }: { session: Session; onSaved: (id: string) => void }) => {
  const t = useAnalystT();
  const { lang } = useLang();
  const catalogue = useData(() => allPages(session, '/norm-sets'), [session.accessToken]);
  const normSets = (catalogue.data?.items ?? []).filter((n) => RECOMPUTED_KINDS.includes(n.kind) && !n.withdrawn);
  const [form, setForm] = useState({ name: '', from: '2025', to: '2025', samples: '0', seed: '2025' });
  const [normSetId, setNormSetId] = useState('');
  const doc = useData(() => (normSetId ? get(session, '/norm-sets/{normSetId}', { normSetId }) : Promise.resolve(null)), [normSetId, session.accessToken]);
  const parameters = useMemo(() => (doc.data ? namedParameters(doc.data.document.parameters, lang).filter((p) => typeof p.value === 'number' || typeof p.value === 'string') : []), [doc.data, lang]);
  const groups = useMemo(() => [...new Set(parameters.map((p) => p.group))], [parameters]);
  const [group, setGroup] = useState('');
  const [chosen, setChosen] = useState('');
  const [text, setText] = useState('');
  const [changes, setChanges] = useState<Change[]>([]);
  const [simplification, setSimplification] = useState({ indicator: '', qualities: [] as Array<(typeof QUALITIES)[number]>, value: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const refusal = useRefusal('scenario');
  const inGroup = parameters.filter((p) => p.group === group);
  const current = parameters.find((p) => p.path === chosen);

  const add = () => {
    if (!current || !doc.data) return setErrors({ parameter: t('chooseParameter') });
    const parsed = parseValueLike(current.value, text, lang);
    if (!('value' in parsed)) return setErrors({ value: parsed.refused === 'thousands' ? translate(lang, 'noThousandsSeparator') : t('valueInvalid') });
    setErrors({});
    // namedParameters gives each parameter under the API's name (D61): what the what-if takes.
    const path = current.path;
    setChanges([...changes.filter((c) => !(c.normSetId === normSetId && c.path === path)), { normSetId, path, label: `${normSetId}: ${current.group} › ${current.name}`, from: current.value, value: parsed.value }]);
    setChosen('');
    setText('');
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: Record<string, string> = {};
    const from = Number(form.from);
    const to = Number(form.to);
    const samples = Number(form.samples);
    if (form.name.trim().length < 3) found.name = t('nameRequired');
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1998 || to > 2100 || to < from) found.years = t('yearsInvalid');
    if (!Number.isInteger(samples) || samples < 0 || samples > 200 || !Number.isInteger(Number(form.seed))) found.samples = t('samplesInvalid');
    const simplified = simplification.indicator !== '';
    // The default value as typed in the page's language (D86): "1.000" in Dutch is refused, not read as 1.
    const defaultValue = readTypedNumber(simplification.value, lang);
    if (simplified && (simplification.qualities.length === 0 || !('decimal' in defaultValue))) {
      found.simplification = 'refused' in defaultValue && defaultValue.refused === 'thousands' ? translate(lang, 'noThousandsSeparator') : t('simplificationInvalid');
    }
    if (changes.length === 0 && !simplified) found.parameter = t('addAChange');
    setErrors(found);
    if (Object.keys(found).length) return;
    const drafts = [...new Set(changes.map((c) => c.normSetId))].map((id) => ({ normSetId: id, changes: changes.filter((c) => c.normSetId === id).map((c) => ({ path: c.path, value: c.value })) }));
    const body: ScenarioBody = {
      name: form.name.trim(),
      years: { from, to },
      drafts,
      ...(simplified ? { simplifications: [{ indicator: simplification.indicator, qualities: simplification.qualities, value: 'decimal' in defaultValue ? Number(defaultValue.decimal) : Number.NaN }] } : {}),
      uncertainty: { samples, seed: Number(form.seed) },
    };
    setBusy(true);
    refusal.clear();
    try {
      const saved = await post(session, '/what-if/scenarios', {}, body);
      onSaved(saved.scenarioId);
    } catch (error) {
      refusal.setError(error);
    } finally {
      setBusy(false);
    }
  };

  const errorText = fieldErrors(errors, 'scenario').text;
  const described = (name: string, hint?: string) => [hint, errors[name] ? `scenario-${name}-fout` : undefined].filter(Boolean).join(' ') || undefined;
  /** Where the API names each input's value in the scenario it is sent as. */
  const API_FIELD: Record<keyof typeof form, string> = { name: 'name', from: 'years.from', to: 'years.to', samples: 'uncertainty.samples', seed: 'uncertainty.seed' };
  const input = (id: string, key: keyof typeof form, label: string, error: string, hint?: string, type = 'text') => (
    <div className="asb-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="asb-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {errorText(error)}
      <input id={id} type={type} inputMode={type === 'text' && key !== 'name' ? 'numeric' : undefined} value={form[key]} {...refusal.field(API_FIELD[key], { invalid: !!errors[error], describedBy: described(error, hint ? `${id}-hint` : undefined) })} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
    </div>
  );

  return (
    <section className="asb-section" aria-labelledby="nieuw-scenario">
      <Heading level={2} id="nieuw-scenario">
        {t('newScenario')}
      </Heading>
      {catalogue.error ? <ErrorMessage error={catalogue.error} /> : null}
      <form className="asb-form" onSubmit={submit} noValidate>
        {input('scenario-naam', 'name', t('scenarioName'), 'name')}
        <div className="asb-form asb-form--grid">
          {input('scenario-van', 'from', t('yearFrom'), 'years')}
          {input('scenario-tot', 'to', t('yearTo'), 'years')}
        </div>
        <fieldset className="asb-field">
          <legend>{t('changes')}</legend>
          {errorText('parameter')}
          <div className="asb-form asb-form--grid">
            <div className="asb-field">
              <label htmlFor="scenario-normenset">{t('normSet')}</label>
              <select
                id="scenario-normenset"
                value={normSetId}
                onChange={(e) => {
                  setNormSetId(e.target.value);
                  setGroup('');
                  setChosen('');
                }}
              >
                <option value="">{t('chooseNormSet')}</option>
                {normSets.map((n) => (
                  <option key={n.normSetId} value={n.normSetId}>
                    {n.title} ({nameIn(KIND_NAMES, n.kind, lang)})
                  </option>
                ))}
              </select>
            </div>
            <div className="asb-field">
              <label htmlFor="scenario-onderdeel">{lang === 'nl' ? 'Onderdeel (KPI of component)' : 'Part (KPI or component)'}</label>
              <select
                id="scenario-onderdeel"
                value={group}
                disabled={!groups.length}
                onChange={(e) => {
                  setGroup(e.target.value);
                  setChosen('');
                }}
              >
                <option value="">{lang === 'nl' ? 'Kies een onderdeel' : 'Choose a part'}</option>
                {groups.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {doc.loading && normSetId ? <Loading /> : null}
          {doc.error ? <ErrorMessage error={doc.error} /> : null}
          <div className="asb-field">
            <label htmlFor="scenario-parameter">{t('parameter')}</label>
            <span className="asb-hint" id="scenario-parameter-hint">
              {t('parameterHint')}
            </span>
            <select id="scenario-parameter" value={chosen} disabled={!inGroup.length} {...refusal.field('drafts', { describedBy: 'scenario-parameter-hint' })} onChange={(e) => setChosen(e.target.value)}>
              <option value="">{t('chooseParameter')}</option>
              {inGroup.map((p) => (
                <option key={p.path} value={p.path}>
                  {p.name} ({showValue(p.value)})
                </option>
              ))}
            </select>
          </div>
          <div className="asb-field">
            <label htmlFor="scenario-waarde">{t('newValue')}</label>
            <span className="asb-hint" id="scenario-waarde-hint">
              {current ? `${t('currentValue')}: ${showValue(current.value)}` : t('newValueHint')}
            </span>
            {errorText('value')}
            <input id="scenario-waarde" value={text} aria-invalid={!!errors.value} aria-describedby={described('value', 'scenario-waarde-hint')} onChange={(e) => setText(e.target.value)} />
          </div>
          <div className="asb-actions">
            <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={add}>
              {t('addChange')}
            </button>
          </div>
          {changes.length ? (
            <ul aria-label={t('changes')}>
              {changes.map((c) => (
                <li key={`${c.normSetId} ${c.path}`}>
                  {c.label}: {showValue(c.from)} → {showValue(c.value)}{' '}
                  <button type="button" className="utrecht-button utrecht-button--subtle" aria-label={`${t('remove')}: ${c.label}`} onClick={() => setChanges(changes.filter((x) => x !== c))}>
                    {t('remove')}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        <fieldset className="asb-field">
          <legend>{t('simplification')}</legend>
          <span className="asb-hint" id="scenario-vereenvoudiging-hint">
            {t('simplificationHint')}
          </span>
          {errorText('simplification')}
          <div className="asb-field">
            <label htmlFor="scenario-indicator">{t('indicator')}</label>
            <select id="scenario-indicator" value={simplification.indicator} {...refusal.field('simplifications', { describedBy: 'scenario-vereenvoudiging-hint' })} onChange={(e) => setSimplification({ ...simplification, indicator: e.target.value })}>
              <option value="">{t('noSimplification')}</option>
              {Object.keys(INDICATOR_NAMES)
                .filter((k) => !k.includes('.') && k !== 'biodiversityPackagesSignedUp')
                .map((k) => (
                  <option key={k} value={k}>
                    {nameIn(INDICATOR_NAMES, k, lang)}
                  </option>
                ))}
            </select>
          </div>
          {simplification.indicator ? (
            <>
              <fieldset className="asb-field">
                <legend>{t('qualities')}</legend>
                {QUALITIES.map((q) => (
                  <label key={q} className="asb-radio">
                    <input
                      type="checkbox"
                      checked={simplification.qualities.includes(q)}
                      onChange={(e) => setSimplification({ ...simplification, qualities: e.target.checked ? [...simplification.qualities, q] : simplification.qualities.filter((x) => x !== q) })}
                    />
                    {nameIn(QUALITY_NAMES, q, lang)}
                  </label>
                ))}
              </fieldset>
              <div className="asb-field">
                <label htmlFor="scenario-forfait">{t('defaultValue')}</label>
                <input id="scenario-forfait" inputMode="decimal" value={simplification.value} onChange={(e) => setSimplification({ ...simplification, value: e.target.value })} />
              </div>
            </>
          ) : null}
        </fieldset>
        <div className="asb-form asb-form--grid">
          {input('scenario-steekproeven', 'samples', t('samples'), 'samples', t('samplesHint'))}
          {input('scenario-startgetal', 'seed', t('seed'), 'samples')}
        </div>
        <div aria-live="polite">{refusal.error ? <ErrorMessage error={refusal.error} id={refusal.messageId} /> : null}</div>
        <div>
          <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
            {t('save')}
          </button>
        </div>
      </form>
    </section>
  );
};

const Compare = ({ scenarios }: { scenarios: readonly ScenarioView[] }) => {
  const t = useAnalystT();
  const finished = scenarios.flatMap((s) => s.runs.filter((r) => r.completedAt).map((r) => ({ runId: r.runId, label: `${s.name} — ${formatDateTime(r.completedAt!)}` })));
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const runA = a || finished[0]?.runId || '';
  return (
    <section className="asb-section" aria-labelledby="vergelijken">
      <Heading level={2} id="vergelijken">
        {t('compare')}
      </Heading>
      <Paragraph>{t('compareIntro')}</Paragraph>
      {finished.length === 0 ? (
        <Paragraph>{t('noFinishedRuns')}</Paragraph>
      ) : (
        <form
          className="asb-form asb-form--inline"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/analyse/vergelijking?a=${runA}${b ? `&b=${b}` : ''}`);
          }}
        >
          <div className="asb-field">
            <label htmlFor="vergelijk-a">{t('runA')}</label>
            <select id="vergelijk-a" value={runA} onChange={(e) => setA(e.target.value)}>
              {finished.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div className="asb-field">
            <label htmlFor="vergelijk-b">{t('runB')}</label>
            <select id="vergelijk-b" value={b} onChange={(e) => setB(e.target.value)}>
              <option value="">{t('officialRecord')}</option>
              {finished.map((r) => (
                <option key={r.runId} value={r.runId}>
                  {r.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="utrecht-button utrecht-button--primary-action">
              {t('compare')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};

/** The policy analyst's main page: saved scenarios (paged), a new scenario built by names, and a comparison. */
export const AnalystPage = ({ session }: { session: Session }) => {
  const t = useAnalystT();
  const list = useCursorList(session, '/what-if/scenarios', { limit: 10 });
  return (
    <>
      <Heading level={1}>{t('analysis')}</Heading>
      <Paragraph lead>{t('analysisIntro')}</Paragraph>
      <section className="asb-section" aria-labelledby="opgeslagen">
        <Heading level={2} id="opgeslagen">
          {t('savedScenarios')}
        </Heading>
        {!list.loading && !list.error && list.items.length === 0 ? (
          <Paragraph>{t('noScenarios')}</Paragraph>
        ) : list.items.length ? (
          <DataTable caption={t('savedScenarios')} columns={[{ label: t('scenario') }, { label: t('draftedAt') }, { label: t('draftedBy') }, { label: t('runs'), number: true }, { label: t('report') }]}>
            {list.items.map((s) => {
              const last = s.runs.at(-1);
              return (
                <tr key={s.scenarioId}>
                  <th scope="row">
                    <Link to={`/analyse/scenarios/${s.scenarioId}`}>{s.name}</Link>
                  </th>
                  <td>{formatDateTime(s.draftedAt)}</td>
                  <td>{s.draftedBy}</td>
                  <td className="asb-number">{s.runs.length}</td>
                  <td>{last ? last.completedAt ? <Link to={`/analyse/rapporten/${last.runId}`}>{`${t('openReport')}: ${s.name}`}</Link> : t('notReady') : t('noRuns')}</td>
                </tr>
              );
            })}
          </DataTable>
        ) : null}
        <ListFooter list={list} label={t('moreScenarios')} />
      </section>
      <Compare scenarios={list.items} />
      <Builder session={session} onSaved={(id) => navigate(`/analyse/scenarios/${id}`)} />
    </>
  );
};
