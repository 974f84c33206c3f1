import { useState } from 'react';
import { ApiError, download, get } from '../api';
import type { Session } from '../auth';
import { Alert, DataTable, ErrorMessage, Heading, Link, Loading, Paragraph, useData } from '../components';
import { formatEuros, formatNumber } from '../format';
import { normSetOfPart, partName } from '../analyst/part-names';
import { useKpiTitles } from '../norm-set-kpi-titles';
import { useLang } from '../i18n';
import { BarChart } from '../analyst/charts';
import { formatInterval, formatMeasure } from '../analyst/measures';
import { hasAnalystText, useAnalystT } from '../analyst/texts';
import type { GroupCell, MeasureTotals, WhatIfReport } from '../analyst/types';

type T = ReturnType<typeof useAnalystT>;

const measureName = (t: T, measure: string) => (hasAnalystText(`measure_${measure}`) ? t(`measure_${measure}` as 'measure_subsidyCents') : measure);

/** The report's area classes and "province unknown", in the page's language. */
const GROUP_NAMES: Record<string, { nl: string; en: string }> = {
  'under 30 ha': { nl: 'kleiner dan 30 ha', en: 'under 30 ha' },
  '30 to 60 ha': { nl: '30 tot 60 ha', en: '30 to 60 ha' },
  '60 to 100 ha': { nl: '60 tot 100 ha', en: '60 to 100 ha' },
  '100 ha or more': { nl: '100 ha of meer', en: '100 ha or more' },
  'area unknown': { nl: 'oppervlakte onbekend', en: 'area unknown' },
  'province unknown': { nl: 'provincie onbekend', en: 'province unknown' },
  sand: { nl: 'zand', en: 'sand' },
  clay: { nl: 'klei', en: 'clay' },
  peat: { nl: 'veen', en: 'peat' },
  loess: { nl: 'löss', en: 'loess' },
  'other soil': { nl: 'andere grondsoort', en: 'other soil' },
  'mixed soils': { nl: 'meer grondsoorten', en: 'mixed soils' },
  'soil unknown': { nl: 'grondsoort onbekend', en: 'soil unknown' },
};
const groupName = (group: string, lang: 'nl' | 'en') =>
  group
    .split(' / ')
    .map((g) => GROUP_NAMES[g]?.[lang] ?? g)
    .join(' · ');

/** A figure the API suppressed (null) reads as not shown; the page derives nothing from what it is not sent. */
const useShown = () => {
  const t = useAnalystT();
  return <T,>(value: T | null, format: (v: T) => string): string => (value === null ? t('suppressed') : format(value));
};
const count = (n: number) => formatNumber(n);

const Totals = ({ caption, totals }: { caption: string; totals: readonly MeasureTotals[] }) => {
  const t = useAnalystT();
  const shown = useShown();
  return (
    <DataTable caption={caption} columns={[{ label: t('measure') }, { label: t('official'), number: true }, { label: t('inScenario'), number: true }, { label: t('change'), number: true }, { label: t('interval') }, { label: t('up'), number: true }, { label: t('down'), number: true }]}>
      {totals.map((m) => (
        <tr key={m.measure}>
          <th scope="row">{measureName(t, m.measure)}</th>
          <td className="asb-number">{formatMeasure(m.unit, m.official)}</td>
          <td className="asb-number">{shown(m.hypothetical, (v) => formatMeasure(m.unit, v))}</td>
          <td className="asb-number">{shown(m.delta, (v) => formatMeasure(m.unit, v))}</td>
          <td>{formatInterval(m.unit, m.interval)}</td>
          <td className="asb-number">{shown(m.farmYearsUp, count)}</td>
          <td className="asb-number">{shown(m.farmYearsDown, count)}</td>
        </tr>
      ))}
    </DataTable>
  );
};

const Groups = ({ caption, cells, minGroupSize }: { caption: string; cells: readonly GroupCell[]; minGroupSize: number }) => {
  const t = useAnalystT();
  const shown = useShown();
  const { lang } = useLang();
  if (!cells.length) return null;
  // A suppressed cell shows no figure and no count: the page shows what the API sends and derives nothing.
  const hidden = `${t('suppressed')} (< ${minGroupSize})`;
  return (
    <DataTable caption={caption} columns={[{ label: t('group') }, { label: t('farmYears'), number: true }, { label: t('subsidyChange'), number: true }, { label: t('levyChange'), number: true }, { label: t('nSurplusChange'), number: true }]}>
      {cells.map((c) => (
        <tr key={c.group}>
          <th scope="row">{groupName(c.group, lang)}</th>
          {c.suppressed || !c.figures ? (
            <td colSpan={4}>{hidden}</td>
          ) : (
            <>
              <td className="asb-number">{c.farmYears}</td>
              <td className="asb-number">{shown(c.figures.subsidyDeltaCents, formatEuros)}</td>
              <td className="asb-number">{shown(c.figures.levyDeltaCents, formatEuros)}</td>
              <td className="asb-number">{shown(c.figures.nSurplusDeltaKg, formatNumber)}</td>
            </>
          )}
        </tr>
      ))}
    </DataTable>
  );
};

const Distribution = ({ report }: { report: WhatIfReport }) => {
  const t = useAnalystT();
  const buckets = report.distribution;
  if (!buckets.length) return <Paragraph>{t('noDistribution')}</Paragraph>;
  const label = (b: (typeof buckets)[number]) => (b.fromCents === b.toCents ? formatEuros(b.fromCents) : `${formatEuros(b.fromCents)} – ${formatEuros(b.toCents)}`);
  return (
    <BarChart
      id="verdeling"
      title={t('distributionChart')}
      xAxis={t('distributionAxisX')}
      yAxis={t('distributionAxisY')}
      bars={buckets.map((b) => ({ label: label(b), value: b.farmYears, shown: b.farmYears === null ? t('suppressed') : String(b.farmYears) }))}
      table={
        <DataTable caption={t('distribution')} columns={[{ label: t('fromTo') }, { label: t('distributionAxisY'), number: true }]}>
          {buckets.map((b) => (
            <tr key={b.fromCents}>
              <th scope="row">{label(b)}</th>
              <td className="asb-number">{b.farmYears === null ? `${t('suppressed')} (< ${report.minGroupSize})` : b.farmYears}</td>
            </tr>
          ))}
        </DataTable>
      }
    />
  );
};

const Budget = ({ report }: { report: WhatIfReport }) => {
  const t = useAnalystT();
  const shown = useShown();
  const share = (pct: string | null) => shown(pct, (p) => `${formatNumber(Number(p))}%`);
  if (!report.budget.length) return <Paragraph>{t('noBudget')}</Paragraph>;
  return (
    <>
      {report.budget.map((b) => (
        <BarChart
          key={`${b.scheme} ${b.year}`}
          id={`budget-${b.scheme}-${b.year}`}
          title={`${t('budgetChart')}: ${b.scheme} ${b.year}`}
          xAxis={`${b.scheme} ${b.year}`}
          yAxis={t('amountAxis')}
          bars={[
            { label: t('ceiling'), value: b.ceilingCents / 100, shown: formatEuros(b.ceilingCents) },
            { label: t('reserved'), value: b.reservedCents / 100, shown: formatEuros(b.reservedCents) },
            { label: t('earnedOfficial'), value: b.officialCents === null ? null : b.officialCents / 100, shown: shown(b.officialCents, formatEuros) },
            { label: t('earnedScenario'), value: b.hypotheticalCents === null ? null : b.hypotheticalCents / 100, shown: shown(b.hypotheticalCents, formatEuros) },
          ]}
          table={
            <DataTable caption={`${t('budget')}: ${b.scheme} ${b.year}`} columns={[{ label: t('ceiling'), number: true }, { label: t('reserved'), number: true }, { label: t('shareReserved'), number: true }, { label: t('earnedOfficial'), number: true }, { label: t('shareOfficial'), number: true }, { label: t('earnedScenario'), number: true }, { label: t('shareScenario'), number: true }]}>
              <tr>
                <td className="asb-number">{formatEuros(b.ceilingCents)}</td>
                <td className="asb-number">{formatEuros(b.reservedCents)}</td>
                <td className="asb-number">{formatNumber(Number(b.reservedSharePct))}%</td>
                <td className="asb-number">{shown(b.officialCents, formatEuros)}</td>
                <td className="asb-number">{share(b.officialSharePct)}</td>
                <td className="asb-number">{shown(b.hypotheticalCents, formatEuros)}</td>
                <td className="asb-number">{share(b.hypotheticalSharePct)}</td>
              </tr>
            </DataTable>
          }
        />
      ))}
      <Paragraph>{t('reservationsExplained')}</Paragraph>
    </>
  );
};

/**
 * The HTML report needs the bearer token, which a link cannot carry: the page opens the window at
 * once (inside the click, so no pop-up blocker stops it), fetches the report with the token, and
 * hands the window the bytes as a blob URL. The token never goes into a URL.
 */
const openHtmlReport = async (session: Session, runId: string) => {
  const win = window.open('', '_blank');
  try {
    const response = await fetch(`/what-if/runs/${runId}/report.html`, { headers: { authorization: `Bearer ${session.accessToken}` } });
    if (response.status === 401) dispatchEvent(new CustomEvent('asb:unauthenticated'));
    if (!response.ok) {
      const parsed = await response.json().catch(() => null);
      throw new ApiError(response.status, parsed?.code ?? 'ERROR', parsed?.message ?? response.statusText, parsed?.field);
    }
    const url = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'text/html;charset=utf-8' }));
    if (win) win.location.href = url;
    else location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    win?.close();
    throw error;
  }
};

/** The report of a finished run: charts labelled in words, each with its table; CSV and HTML. */
export const WhatIfReportPage = ({ session, runId }: { session: Session; runId: string }) => {
  const t = useAnalystT();
  const shown = useShown();
  const { lang } = useLang();
  const report = useData(() => get(session, '/what-if/runs/{runId}/report', { runId }), [runId, session.accessToken]);
  const [outcome, setOutcome] = useState<{ kind: 'ok'; text: string } | { kind: 'error'; error: unknown } | null>(null);
  const r = report.data;
  // The KPIs by the titles their norm sets publish (D81): the norm sets the report's parts name.
  const titles = useKpiTitles(session, r ? [...r.parts, ...r.tiers, ...r.levyFreeLevel].flatMap((p) => normSetOfPart(p.part) ?? []) : []);
  const act = (work: () => Promise<string | void>) => () =>
    work().then(
      (text) => setOutcome(text ? { kind: 'ok', text } : null),
      (error) => setOutcome({ kind: 'error', error }),
    );
  const notReady = report.error instanceof ApiError && report.error.code === 'REPORT_NOT_READY';
  return (
    <>
      <Paragraph>
        <Link to="/analyse">← {t('back')}</Link>
      </Paragraph>
      <Heading level={1}>{r ? `${t('reportTitle')}: ${r.scenario.name}` : t('reportTitle')}</Heading>
      {notReady ? <Alert type="info">{t('notReady')}</Alert> : report.error ? <ErrorMessage error={report.error} /> : null}
      {!r ? (
        report.error ? null : <Loading />
      ) : (
        <>
          <Paragraph lead>{t('reportIntro', { k: r.minGroupSize })}</Paragraph>
          {r.belowMinimum ? <Alert type="info">{t('belowMinimum', { k: r.minGroupSize })}</Alert> : null}
          <section className="asb-section" aria-labelledby="downloads">
            <Heading level={2} id="downloads">
              {t('downloads')}
            </Heading>
            <div className="asb-actions">
              <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={act(async () => `${t('downloaded')}: ${await download(session, '/what-if/runs/{runId}/report.csv', { runId }, `wat-als-rapport-${runId}.csv`)}`)}>
                {t('downloadCsv')}
              </button>
              <button type="button" className="utrecht-button utrecht-button--secondary-action" aria-describedby="html-hint" onClick={act(() => openHtmlReport(session, runId))}>
                {t('openHtml')}
              </button>
              <span id="html-hint" className="asb-muted">
                {t('openHtmlHint')}
              </span>
            </div>
            <div aria-live="polite">{outcome ? outcome.kind === 'error' ? <ErrorMessage error={outcome.error} /> : <Alert type="ok">{outcome.text}</Alert> : null}</div>
          </section>
          <section className="asb-section" aria-labelledby="omvang">
            <Heading level={2} id="omvang">
              {t('counts')}
            </Heading>
            <dl className="asb-dl">
              <dt>{t('farmYears')}</dt>
              <dd>{shown(r.counts.farmYears, count)}</dd>
              <dt>{t('withOfficial')}</dt>
              <dd>{shown(r.counts.withOfficialResult, count)}</dd>
              <dt>{t('withoutOfficial')}</dt>
              <dd>{shown(r.counts.withoutOfficialResult, count)}</dd>
              <dt>{t('changingWithinMargin')}</dt>
              <dd>{shown(r.counts.farmYearsChangingWithinMargin, count)}</dd>
              <dt>{t('samplesDrawn')}</dt>
              <dd>{formatNumber(r.counts.samples)}</dd>
              <dt>{t('logPosition')}</dt>
              <dd>{r.logPosition}</dd>
            </dl>
          </section>
          <section className="asb-section" aria-labelledby="totalen">
            <Heading level={2} id="totalen">
              {t('totals')}
            </Heading>
            {r.belowMinimum ? <Paragraph>{t('notShownBelowMinimum', { k: r.minGroupSize })}</Paragraph> : <Totals caption={t('totals')} totals={r.totals} />}
            {r.byYear.length > 1
              ? r.byYear.map((y) => (y.suppressed ? <Paragraph key={y.year}>{`${t('byYear')}: ${y.year}: ${t('suppressed')} (< ${r.minGroupSize})`}</Paragraph> : <Totals key={y.year} caption={`${t('byYear')}: ${y.year}`} totals={y.totals} />))
              : null}
          </section>
          <section className="asb-section" aria-labelledby="budget">
            <Heading level={2} id="budget">
              {t('budget')}
            </Heading>
            <Budget report={r} />
          </section>
          <section className="asb-section" aria-labelledby="verdeling-kop">
            <Heading level={2} id="verdeling-kop">
              {t('distribution')}
            </Heading>
            {r.belowMinimum ? <Paragraph>{t('notShownBelowMinimum', { k: r.minGroupSize })}</Paragraph> : <Distribution report={r} />}
          </section>
          <section className="asb-section" aria-labelledby="uitsplitsingen">
            <Heading level={2} id="uitsplitsingen">
              {t('groups')}
            </Heading>
            <Groups caption={t('byProvince')} cells={r.groups.byProvince} minGroupSize={r.minGroupSize} />
            <Groups caption={t('byArea')} cells={r.groups.byArea} minGroupSize={r.minGroupSize} />
            <Groups caption={t('byProvinceAndArea')} cells={r.groups.byProvinceAndArea} minGroupSize={r.minGroupSize} />
            <Groups caption={t('bySoil')} cells={r.groups.bySoil} minGroupSize={r.minGroupSize} />
          </section>
          {r.parts.length ? (
            <section className="asb-section" aria-labelledby="onderdelen">
              <Heading level={2} id="onderdelen">
                {t('parts')}
              </Heading>
              <DataTable caption={t('parts')} columns={[{ label: t('part') }, { label: t('official'), number: true }, { label: t('inScenario'), number: true }, { label: t('change'), number: true }, { label: t('farmYearsChanged'), number: true }]}>
                {r.parts.map((p) => (
                  <tr key={p.part}>
                    <th scope="row">{partName(p.part, lang, titles)}</th>
                    <td className="asb-number">{formatEuros(p.officialCents)}</td>
                    <td className="asb-number">{shown(p.hypotheticalCents, formatEuros)}</td>
                    <td className="asb-number">{shown(p.deltaCents, formatEuros)}</td>
                    <td className="asb-number">{shown(p.farmYearsChanged, count)}</td>
                  </tr>
                ))}
              </DataTable>
            </section>
          ) : null}
          {r.tiers.length ? (
            <section className="asb-section" aria-labelledby="treden">
              <Heading level={2} id="treden">
                {t('tiers')}
              </Heading>
              {r.tiers.map((k) => (
                <DataTable key={k.part} caption={`${partName(k.part, lang, titles)}: ${shown(k.farmYearsBetter, count)} ${t('better')}, ${shown(k.farmYearsWorse, count)} ${t('worse')}`} columns={[{ label: t('tier') }, { label: t('official'), number: true }, { label: t('inScenario'), number: true }]}>
                  {k.byTier.map((x) => (
                    <tr key={x.tier}>
                      <th scope="row">{x.tier === 0 ? t('noTier') : `${t('tier')} ${x.tier}`}</th>
                      <td className="asb-number">{shown(x.official, count)}</td>
                      <td className="asb-number">{shown(x.hypothetical, count)}</td>
                    </tr>
                  ))}
                </DataTable>
              ))}
            </section>
          ) : null}
          <section className="asb-section" aria-labelledby="bevindingen">
            <Heading level={2} id="bevindingen">
              {t('findings')}
            </Heading>
            <dl className="asb-dl">
              <dt>{t('newlyBlocked')}</dt>
              <dd>{shown(r.findings.farmYearsNewlyBlocked, count)}</dd>
              <dt>{t('noLongerBlocked')}</dt>
              <dd>{shown(r.findings.farmYearsNoLongerBlocked, count)}</dd>
            </dl>
            {r.levyFreeLevel.length ? (
              <DataTable caption={t('levyFree')} columns={[{ label: t('part') }, { label: t('newlyLevied'), number: true }, { label: t('noLongerLevied'), number: true }]}>
                {r.levyFreeLevel.map((l) => (
                  <tr key={l.part}>
                    <th scope="row">{partName(l.part, lang, titles)}</th>
                    <td className="asb-number">{shown(l.farmYearsNewlyLevied, count)}</td>
                    <td className="asb-number">{shown(l.farmYearsNoLongerLevied, count)}</td>
                  </tr>
                ))}
              </DataTable>
            ) : null}
          </section>
          <section className="asb-section" aria-labelledby="toegepast">
            <Heading level={2} id="toegepast">
              {t('appliedChanges')}
            </Heading>
            <DataTable caption={t('appliedChanges')} columns={[{ label: t('normSet') }, { label: t('year'), number: true }, { label: t('version'), number: true }, { label: t('parameter') }, { label: t('was') }, { label: t('becomes') }]}>
              {r.changes.map((c) => (
                <tr key={`${c.normSetId} ${c.year} ${c.path}`}>
                  <td>{c.normSetId}</td>
                  <td className="asb-number">{c.year}</td>
                  <td className="asb-number">{c.baseVersion}</td>
                  <th scope="row" className="asb-code">
                    {c.path}
                  </th>
                  <td>{String(c.from)}</td>
                  <td>{String(c.to)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        </>
      )}
    </>
  );
};

/** Two runs side by side, or a run and the official record, per measure. */
export const WhatIfComparisonPage = ({ session, a, b }: { session: Session; a: string; b: string | null }) => {
  const t = useAnalystT();
  const shown = useShown();
  const comparison = useData(() => get(session, '/what-if/comparison', { a, b: b ?? undefined }), [a, b, session.accessToken]);
  const c = comparison.data;
  const bName = c ? (b ? c.b.name : t('officialRecord')) : '';
  return (
    <>
      <Paragraph>
        <Link to="/analyse">← {t('back')}</Link>
      </Paragraph>
      <Heading level={1}>{t('comparison')}</Heading>
      {comparison.error ? <ErrorMessage error={comparison.error} /> : null}
      {!c ? (
        comparison.error ? null : <Loading />
      ) : (
        <>
          <dl className="asb-dl">
            <dt>A</dt>
            <dd>
              {c.a.name} ({t('logPosition').toLowerCase()} {c.a.logPosition})
            </dd>
            <dt>B</dt>
            <dd>
              {bName} ({t('logPosition').toLowerCase()} {c.b.logPosition})
            </dd>
          </dl>
          {!c.measures.length ? (
            <Paragraph>{t('nothingToCompare')}</Paragraph>
          ) : (
          <DataTable caption={`${t('comparison')}: A ${c.a.name} — B ${bName}`} columns={[{ label: t('measure') }, { label: `A: ${c.a.name}`, number: true }, { label: `B: ${bName}`, number: true }, { label: t('difference'), number: true }, { label: `${t('interval')} A` }, { label: `${t('interval')} B` }]}>
            {c.measures.map((m) => (
              <tr key={m.measure}>
                <th scope="row">{measureName(t, m.measure)}</th>
                <td className="asb-number">{shown(m.a, (v) => formatMeasure(m.unit, v))}</td>
                <td className="asb-number">{shown(m.b, (v) => formatMeasure(m.unit, v))}</td>
                <td className="asb-number">{shown(m.difference, (v) => formatMeasure(m.unit, v))}</td>
                <td>{formatInterval(m.unit, m.aInterval)}</td>
                <td>{formatInterval(m.unit, m.bInterval)}</td>
              </tr>
            ))}
          </DataTable>
          )}
          <Paragraph>
            <Link to={`/analyse/rapporten/${a}`}>{`${t('openReport')}: A`}</Link>
            {b ? (
              <>
                {' · '}
                <Link to={`/analyse/rapporten/${b}`}>{`${t('openReport')}: B`}</Link>
              </>
            ) : null}
          </Paragraph>
        </>
      )}
    </>
  );
};
