import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TestApp } from '../../../../test/support/test-app';
import { startWebJourneyAfterDemo, type WebJourney } from '../../../../test/support/web-journey';
import { expectNoViolations, launchBrowser, screenshot, signIn, tabTo } from '../../../../test/support/browser';
import type { DevOidcProvider } from '../auth/dev-oidc';

const PARAMETER = 'kpis[nSoilSurplus].landUses.grassland.tiers[1].threshold';
const NAME = 'Grasland trede 1 tot 100 kg N/ha';

/**
 * The policy analyst's journey in a real browser (issue 16, D54), over the demo's record: a scenario
 * built from parameters chosen by name, run with visible progress, its report (charts with their
 * tables, suppressed groups, CSV and the HTML report behind the token), and a comparison — in Dutch,
 * by keyboard where it counts, with no WCAG 2.1 AA violation on any page and no farm id anywhere in
 * what the analyst's browser is given.
 */
describe('the web application in a real browser: the policy analyst', () => {
  let journey: WebJourney;
  let t: TestApp;
  let provider: DevOidcProvider;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let farmIds: string[];
  let reportPath: string;

  /** No farm id of the record, anywhere in the DOM (text, attributes, links) the analyst's page holds. */
  const expectNoFarmId = async (what: string, on: Page = page) => {
    const html = await on.content();
    expect({ page: what, farmIds: farmIds.filter((id) => html.includes(id)) }).toEqual({ page: what, farmIds: [] });
  };
  const check = async (what: string) => {
    await expectNoViolations(page, what);
    await expectNoFarmId(what);
  };

  beforeAll(async () => {
    journey = await startWebJourneyAfterDemo();
    ({ t, provider, browser, page } = journey);
    const farms = await t.http().get('/audit/farms?limit=100').set('authorization', t.token('nvwa-auditor', 'regulator')).expect(200);
    farmIds = (farms.body.items as Array<{ farmId: string }>).map((f) => f.farmId);
    expect(farmIds.length).toBeGreaterThan(0);
  }, 180_000);

  afterAll(async () => journey?.close());

  it('lands on "Beleidsanalyse" with no scenarios yet', async () => {
    await signIn(page, t.baseUrl, provider.issuer, 'pbl');
    await page.getByRole('heading', { level: 1, name: 'Beleidsanalyse' }).waitFor();
    await page.getByText('Er zijn nog geen scenario’s opgeslagen.').waitFor();
    await check('policy analysis, empty');
  });

  it('builds a scenario by names — norm set, KPI, land use, tier, field — and saves it', async () => {
    await page.getByRole('button', { name: 'Scenario opslaan' }).click();
    await page.getByText('Geef het scenario een naam van minstens 3 tekens.').waitFor();
    await page.getByText('Voeg minstens één wijziging of vereenvoudiging toe.').waitFor();

    await page.getByLabel('Naam van het scenario').fill(NAME);
    await page.getByLabel('Vanaf jaar').fill('2025');
    await page.getByLabel('Tot en met jaar').fill('2026');
    const normSet = page.locator('#scenario-normenset option', { hasText: /^Duurzaam Boeren Drenthe/ });
    await page.getByLabel('Normenset').selectOption((await normSet.first().getAttribute('value'))!);
    await page.locator('#scenario-onderdeel option', { hasText: 'KPI Stikstofbodemoverschot per gewas (nSoilSurplus)' }).waitFor({ state: 'attached' });
    await page.getByLabel('Onderdeel (KPI of component)').selectOption({ label: 'KPI Stikstofbodemoverschot per gewas (nSoilSurplus)' });
    await page.getByLabel('Parameter', { exact: true }).selectOption({ label: 'grondgebruik › grasland › trede 1 › drempel (80)' });
    await page.getByText('Huidige waarde: 80').waitFor();
    await page.getByLabel('Nieuwe waarde').fill('100');
    await page.getByRole('button', { name: 'Wijziging toevoegen' }).click();
    await page.getByRole('list', { name: 'Wijzigingen in het scenario' }).getByText(/trede 1 › drempel: 80 → 100/).waitFor();
    await page.getByLabel('Aantal steekproeven binnen de onzekerheidsmarge').fill('5');
    await check('policy analysis, a scenario being built');

    await page.getByRole('button', { name: 'Scenario opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: `Scenario: ${NAME}` }).waitFor();
    // Saved by name, never by index.
    await page.getByRole('table', { name: 'Wijzigingen in het scenario' }).getByRole('row', { name: new RegExp(`^drenthe-2025 KPI Stikstofbodemoverschot per gewas \\(nSoilSurplus\\) › grondgebruik › grasland › trede 1 › drempel ${PARAMETER.replace(/[[\].]/g, '\\$&')} 100$`) }).waitFor();
    await page.getByText('Dit scenario is nog niet doorgerekend.').waitFor();
    await check('scenario');
  });

  it('runs it from the keyboard and hears the progress (aria-live) until it is finished', async () => {
    await page.locator('body').focus();
    await tabTo(page, 'Doorrekenen');
    await page.keyboard.press('Enter');
    const progress = page.getByRole('status').filter({ hasText: /^Voortgang: / });
    await progress.filter({ hasText: /^Voortgang: klaar, \d+ \/ \d+ bedrijfsjaren doorgerekend$/ }).waitFor({ timeout: 60_000 });
    expect(await progress.getAttribute('aria-live')).toBe('polite');
    const link = page.getByRole('link', { name: /^Rapport bekijken/ });
    await link.waitFor();
    await check('scenario after a run');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `Rapport: ${NAME}` }).waitFor();
    reportPath = new URL(page.url()).pathname;
    expect(reportPath).toMatch(/^\/analyse\/rapporten\/run-[0-9a-f]{24}$/);
  });

  it('reads the report: charts labelled in words, each with its table; small groups suppressed; no farm id', async () => {
    const report = (await t.http().get(`/what-if${reportPath.replace('/analyse/rapporten', '/runs')}/report`).set('authorization', t.token('pbl', 'policy_analyst')).expect(200)).body;
    const euro = (cents: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);

    // The demo record has one farm: its 2 farm-years are fewer than the minimum of 10, so the run shows no figure
    // computed from them — no totals, no year, no distribution, no subsidy earned (D69) — and says why.
    expect(report).toMatchObject({ minGroupSize: 10, belowMinimum: true, totals: [], byYear: [], distribution: [], farms: [] });
    await page.getByText('Deze doorrekening telt minder dan 10 bedrijfsjaren.', { exact: false }).waitFor();
    expect(await page.getByRole('table', { name: 'Totalen' }).count()).toBe(0);

    // Budget against the ceiling: a picture with a name, and the same figures as a table.
    expect(report.budget.length).toBeGreaterThan(0);
    const budget = report.budget[0];
    await page.getByRole('img', { name: `Staafdiagram: verdiende subsidie tegenover het budgetplafond en de reserveringen: ${budget.scheme} ${budget.year}` }).waitFor();
    const budgetCells = await page.getByRole('table', { name: `Budget tegenover het plafond: ${budget.scheme} ${budget.year}` }).getByRole('cell').allTextContents();
    expect(budgetCells[0]).toBe(euro(budget.ceilingCents));
    expect(budgetCells[1]).toBe(euro(budget.reservedCents));
    // What the one farm earned, officially or in the scenario, is its subsidy: not shown.
    expect(budget).toMatchObject({ officialCents: null, hypotheticalCents: null });
    expect([budgetCells[3], budgetCells[5]]).toEqual(['niet getoond (kleine groep)', 'niet getoond (kleine groep)']);
    await page.getByText('Gereserveerd: wat de toegewezen aanvragen van het budget vastleggen').waitFor();

    // No distribution either: its buckets would place the one farm's change.
    expect(await page.getByRole('img', { name: /^Histogram: / }).count()).toBe(0);
    expect(await page.getByText('Niet getoond: de doorrekening telt minder dan 10 bedrijfsjaren.').count()).toBe(2);
    // Every group is below the minimum of 10 and shows neither figure nor count.
    const provinces = page.getByRole('table', { name: 'Per provincie', exact: true });
    for (const cell of report.groups.byProvince as Array<{ suppressed: boolean }>) expect(cell.suppressed).toBe(true);
    expect(await provinces.getByRole('row').filter({ hasText: 'niet getoond (kleine groep)' }).count()).toBe(report.groups.byProvince.length);
    // By soil: the demo farm is on sand, one farm-year group below the minimum, shown without a count.
    expect(report.groups.bySoil).toEqual([{ group: 'sand', farmYears: null, suppressed: true, figures: null }]);
    await page.getByRole('table', { name: 'Per grondsoort', exact: true }).getByRole('row', { name: /^zand niet getoond \(kleine groep\)/ }).waitFor();

    await check('report');
    await screenshot(page, 'analyst');
  });

  it('downloads the report as CSV under its name, and opens the HTML report with the token kept out of any URL', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Rapport downloaden (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^wat-als-rapport-run-[0-9a-f]{24}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toMatch(/^section,key,unit,official,scenario,change/);
    for (const id of farmIds) expect(csv).not.toContain(id);
    await page.getByText(`Gedownload: ${download.suggestedFilename()}`).waitFor();

    const [popup] = await Promise.all([browser.context.waitForEvent('page'), page.getByRole('button', { name: 'Rapport openen als webpagina' }).click()]);
    await popup.waitForURL(/^blob:/);
    await popup.waitForLoadState();
    expect(await popup.locator('h1').first().textContent()).toContain(NAME);
    await expectNoFarmId('HTML report', popup);
    await popup.close();
  });

  it('reads the report in English, the second language', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 1, name: `Report: ${NAME}` }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Budget against the ceiling' }).waitFor();
    await expectNoViolations(page, 'report in English');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: `Rapport: ${NAME}` }).waitFor();
  });

  it('lists saved scenarios a page at a time and compares a run with the official record and with another run', async () => {
    // A second scenario, run over the API, and ten more saved, so that the list has a second page.
    const analyst = t.token('pbl', 'policy_analyst');
    const post = (url: string, body?: object) => t.http().post(url).set('authorization', analyst).set('idempotency-key', randomUUID()).send(body);
    const second = await post('/what-if/scenarios', { name: 'Melkeiwitfactor 6,25', years: { from: 2025, to: 2026 }, drafts: [{ normSetId: 'balance-parameters', changes: [{ path: 'milkProteinToNitrogenFactor', value: '6.25' }] }] }).expect(201);
    const run = await post(`/what-if/scenarios/${second.body.scenarioId}/runs`).expect(202);
    for (let i = 0; i < 400; i++) {
      const s = await t.http().get(`/what-if/runs/${run.body.runId}`).set('authorization', analyst).expect(200);
      if (s.body.state === 'completed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    for (let i = 0; i < 10; i++) await post('/what-if/scenarios', { name: `Plaatsvervanger ${i}`, years: { from: 2025, to: 2025 }, drafts: [{ normSetId: 'drenthe-2025', changes: [{ path: PARAMETER, value: String(81 + i) }] }] }).expect(201);

    await page.getByRole('link', { name: 'Terug naar beleidsanalyse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beleidsanalyse' }).waitFor();
    const list = page.getByRole('table', { name: 'Opgeslagen scenario’s' });
    await list.getByRole('row').nth(1).waitFor();
    expect(await list.getByRole('row').count()).toBe(11); // the header and the first page of ten
    // The next page, from the keyboard.
    await page.locator('h1').focus();
    await tabTo(page, 'Meer scenario’s');
    await page.keyboard.press('Enter');
    await list.getByRole('row').nth(12).waitFor();
    expect(await list.getByRole('row').count()).toBe(13);
    await check('policy analysis, two pages of scenarios');

    // With the official record (the default for B).
    await page.getByLabel('Doorrekening A').selectOption({ label: (await page.locator('#vergelijk-a option', { hasText: new RegExp(`^${NAME}`) }).first().textContent())! });
    await page.getByRole('button', { name: 'Vergelijken', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Vergelijking' }).waitFor();
    // A run of one farm's farm-years has no outcome to set beside the record (D69).
    await page.getByText('Er zijn geen uitkomsten om te vergelijken', { exact: false }).waitFor();
    await check('comparison with the official record');

    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Beleidsanalyse' }).waitFor();
    // Runs are offered from the scenarios listed so far: both pages.
    await page.getByRole('button', { name: 'Meer scenario’s' }).click();
    await list.getByRole('row').nth(12).waitFor();
    await page.getByLabel('Doorrekening A').selectOption({ label: (await page.locator('#vergelijk-a option', { hasText: new RegExp(`^${NAME}`) }).first().textContent())! });
    await page.getByLabel('Vergelijken met').selectOption({ label: (await page.locator('#vergelijk-b option', { hasText: /^Melkeiwitfactor 6,25/ }).first().textContent())! });
    await page.getByRole('button', { name: 'Vergelijken', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Vergelijking' }).waitFor();
    await page.getByText('Er zijn geen uitkomsten om te vergelijken', { exact: false }).waitFor();
    const api = await t.http().get(`/what-if/comparison?a=${reportPath.split('/').at(-1)}&b=${run.body.runId}`).set('authorization', analyst).expect(200);
    expect(api.body.measures).toEqual([]);
    await check('comparison of two runs');
  });
});

