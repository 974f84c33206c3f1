import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TestApp } from '../../../../test/support/test-app';
import { startWebJourneyAfterDemo, type WebJourney } from '../../../../test/support/web-journey';
import { expectNoViolations, screenshot, signIn } from '../../../../test/support/browser';
import type { DevOidcProvider } from '../auth/dev-oidc';

const FARM = 'nl-drenthe-0001';

/**
 * The farmer's money and access log in a real browser (issue 16, D64), over the demo's record
 * (2025–2027: the application granted, the advance paid, the subsidy settled): per scheme the application,
 * the scores, the advance and the settlement in euros and the decision documents to download under their
 * names; who read the farm's data or was refused, a calculator's and a payer's read and a refusal among them.
 */
describe('the web application in a real browser: the farmer\'s application, money, decision documents and access log', () => {
  let journey: WebJourney;
  let t: TestApp;
  let provider: DevOidcProvider;
  let page: Page;

  beforeAll(async () => {
    journey = await startWebJourneyAfterDemo();
    ({ t, provider, page } = journey);
    // Three others look at the farm after the demo: WUR on its authorisation, SNN on its statutory task, and a
    // calculator the farmer never authorised, who is refused.
    t.clock.set('2027-06-01T10:00:00.000Z');
    await t.http().get(`/farms/${FARM}/years/2025/balance`).set('authorization', t.token('wur', 'calculator')).expect(200);
    t.clock.set('2027-06-02T10:00:00.000Z');
    await t.http().get(`/schemes/drenthe-2025/farms/${FARM}`).set('authorization', t.token('snn', 'payer')).expect(200);
    t.clock.set('2027-06-03T10:00:00.000Z');
    await t.http().get(`/farms/${FARM}/years/2025/balance`).set('authorization', t.token('ander-lab', 'calculator')).expect(403);
    await signIn(page, t.baseUrl, provider.issuer, 'boer-jansen');
  }, 180_000);

  afterAll(async () => journey?.close());

  it('shows the application, the score per year, the advance and the settlement in euros', async () => {
    await page.goto(`${t.baseUrl}/bedrijven/${FARM}`);
    await page.getByRole('heading', { level: 2, name: 'Mijn aanvraag, voorschot en vaststelling' }).waitFor();
    const money = page.locator('section[aria-labelledby="regeling-drenthe-2025"]');
    await money.getByText('Status van de aanvraag').waitFor();
    const text = (await money.textContent()) ?? '';
    // The demo's numbers (README): the advance of € 4.350,00, earned € 8.050,00, net € 3.700,00.
    expect(text).toMatch(/volledig/);
    expect(text).toMatch(/€\s4\.350,00, betaald op/);
    expect(text).toMatch(/Verdiend €\s8\.050,00; Netto uitbetaling \(na aftrek voorschot\) €\s3\.700,00/);
    const scores = money.getByRole('table', { name: /^Score per jaar/ });
    expect(await scores.getByRole('row').count()).toBe(3);
    await expectNoViolations(page, 'farm with its money and access log');
  });

  it('downloads a decision document under the name the API gives it', async () => {
    const decisions = page.getByRole('table', { name: /^Beschikkingen/ });
    await decisions.getByRole('row', { name: /Beschikking vaststelling/ }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      decisions.getByRole('row', { name: /Beschikking vaststelling/ }).getByRole('button', { name: /^Downloaden/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^beschikking-drenthe-2025-${FARM}-settlement-2027-\\d{2}-\\d{2}\\.html$`));
    expect(readFileSync((await download.path())!, 'utf8')).toContain('Beschikking');
    await page.getByText(`Gedownload: ${download.suggestedFilename()}`).waitFor();
  });

  it("lists who read the farm's data or tried to, newest first: the refusal, the payer's read, the calculator's read", async () => {
    const log = page.getByRole('table', { name: 'Wie heeft mijn gegevens ingezien of geprobeerd in te zien' });
    await log.waitFor();
    const rows = await log.locator('tbody tr').allTextContents();
    expect(rows[0]).toMatch(/ander-lab \(rekenaar\)stoffenbalans, 2025 \(inzien\)Geweigerd/);
    // Why, in Dutch and about the other person: the farmer never authorised this calculator.
    expect(rows[0]).toContain('u had geen geldige machtiging voor deze gegevens gegeven');
    expect(rows[1]).toMatch(/snn \(betaler\).*subsidieaanvraag, drenthe-2025.*Ingezien voor een wettelijke taak/);
    expect(rows[2]).toMatch(/wur \(rekenaar\).*stoffenbalans, 2025.*Ingezien met uw machtiging machtiging-wur/);
    // The farmer's own reading of these pages is not in it.
    expect(rows.join('\n')).not.toContain('boer-jansen');
    await expectNoViolations(page, 'access log');
  });

  it("shows the farm's history, oldest first, 20 at a time: what, when, by whom and on which authorisation (D76)", async () => {
    const history = page.getByRole('table', { name: 'Geschiedenis van mijn bedrijf' });
    await history.waitFor();
    const first = await history.locator('tbody tr').allTextContents();
    expect(first).toHaveLength(20);
    expect(first[0]).toMatch(/Bedrijf geregistreerd.*boer-jansen \(melkveehouder\)—/);
    expect(first.find((r) => r.includes('Machtiging gegeven'))).toBeTruthy();
    // WUR's submission, in Dutch, with the authorisation it relied on.
    expect(first.find((r) => /Gegevens aangeleverd \(2025, klw-1\)wur \(rekenaar\)machtiging-wur/.test(r))).toBeTruthy();
    // The whole history, page by page, as the API has it (the reads of the farm's data are not in it).
    const all: Array<{ type: string }> = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ type: string }>; nextCursor: string | null } } = await t.http()
        .get(`/audit/farms/${FARM}/history?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
        .set('authorization', t.token('boer-jansen', 'farmer'))
        .expect(200);
      all.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(all.length).toBeGreaterThan(20);
    for (let shown = 20; shown < all.length; shown += 20) {
      await page.getByRole('button', { name: 'Meer gebeurtenissen' }).click();
      await history.locator(`tbody tr:nth-child(${Math.min(all.length, shown + 20)})`).waitFor();
    }
    const rows = await history.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(all.length);
    expect(all.map((e) => e.type)).not.toContain('FarmDataRead');
    await page.getByRole('button', { name: 'Meer gebeurtenissen' }).waitFor({ state: 'detached' });
    await expectNoViolations(page, "the farm's history");
  });

  it("explains the 2025 score per KPI with the values the score used, and lists the year's submissions with the correction", async () => {
    await page.goto(`${t.baseUrl}/bedrijven/${FARM}/jaren/2025`);
    await page.getByRole('heading', { level: 1, name: `Bedrijf ${FARM} · 2025` }).waitFor();
    // The values the score recorded, from the corrected KLW submission (klw-2), each with its next tier or the highest reached.
    const explained = (await t.http().get(`/audit/explain/scores/drenthe-2025/${FARM}/2025`).set('authorization', t.token('boer-jansen', 'farmer')).expect(200)).body;
    const used = explained.inputs.indicators.nFarmSurplusKgHa as number;
    const score = page.getByRole('table', { name: 'Score drenthe-2025 2025' });
    const row = score.getByRole('row', { name: /Stikstofbodemoverschot van het bedrijf/ });
    await row.filter({ hasText: new RegExp(`Stikstofoverschot bedrijf: ${String(used).replace('.', ',')} kg N/ha \\(KringloopWijzer \\(KLW\\), berekend\\)`) }).waitFor();
    expect(await row.textContent()).toMatch(/Volgende trede bij ≤ \d+ kg N\/ha|Hoogste trede gehaald/);
    // Submissions: the corrected one superseded by its correction, with the correction's reason.
    const submissions = page.getByRole('table', { name: /^Alle aanleveringen voor dit jaar/ });
    await submissions.getByRole('row', { name: /^klw-1/ }).filter({ hasText: /vervangen door klw-2/ }).waitFor();
    await submissions.getByRole('row', { name: /^klw-2/ }).filter({ hasText: /geldend \(vervangt klw-1\).*milk and concentrates from the final statements/ }).waitFor();
    await submissions.getByRole('row', { name: /^zuivel-1/ }).filter({ hasText: /Zuivelonderneming.*geldend/ }).waitFor();
    await expectNoViolations(page, 'farm-year with the explanation and the submissions');
    await screenshot(page, 'farmer-farm-year');
    await page.goto(`${t.baseUrl}/bedrijven/${FARM}`);
    await page.getByRole('heading', { level: 2, name: 'Mijn aanvraag, voorschot en vaststelling' }).waitFor();
  });

  it('reads the same in English', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Who read my data or tried to' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'My application, advance and settlement' }).waitFor();
    const history = page.getByRole('table', { name: 'History of my farm' });
    await history.getByRole('row', { name: /Farm registered/ }).waitFor();
    await history.getByRole('row', { name: /Data submitted \(2025, klw-1\)/ }).first().waitFor();
    await expectNoViolations(page, 'farm in English');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { level: 2, name: 'Mijn aanvraag, voorschot en vaststelling' }).waitFor();
  });
});
