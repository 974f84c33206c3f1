import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { ensureWebBuilt, expectNoViolations, freePort, launchBrowser, screenshot, signIn, signOutAtProvider, tabTo } from '../../../../test/support/browser';
import { startDevOidcProvider, type DevOidcProvider } from '../auth/dev-oidc';
import { authorisation, demoFarm, klwSubmission, processorSubmission, schemeIndicators } from '../demo/demo-fixtures';

const FARM = 'nl-drenthe-0001';
const SCORE = `/farms/${FARM}/years/2025/scores/drenthe-2025`;
const WUR_SOURCES = ['klw', 'gecombineerde-opgave', 'scan-ict', 'clm-milieumeetlat'];
const NEIGHBOUR = 'nl-drenthe-0002';
const UNCLAIMED = 'nl-drenthe-0003';
const NEIGHBOUR_SCORE = `/farms/${NEIGHBOUR}/years/2025/scores/drenthe-2025`;
const UPHELD = 'nl-drenthe-0004';
const UPHELD_SCORE = `/farms/${UPHELD}/years/2025/scores/drenthe-2025`;


/**
 * The journeys in a real browser (D49): Debian's Chromium signs in at the local OpenID
 * Connect provider (authorization code with PKCE), finds the farm, reads the balance and where each
 * figure came from, reads the score explained per KPI, approves it with the keyboard alone, grants
 * and revokes an authorisation; the neighbour disputes with a reason; the calculator finds the
 * dispute in its work queue. No page has a WCAG 2.1 AA violation that axe-core finds.
 */
describe('the web application in a real browser: the farmer, the neighbour, the calculator', () => {
  let t: TestApp;
  let provider: DevOidcProvider;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  const expectAccessible = (what: string) => expectNoViolations(page, what);

  beforeAll(async () => {
    ensureWebBuilt();
    const providerPort = await freePort();
    t = await startTestApp({ now: '2025-09-01T08:00:00.000Z', listen: true, env: { OIDC_ISSUER: `http://127.0.0.1:${providerPort}` } });
    provider = await startDevOidcProvider({ port: providerPort, redirectUris: [`${t.baseUrl}/aanmelden`] });

    // The record the farmer finds: a farm, WUR authorised, the KLW data, a 2025 score presented.
    const farmer = t.token('boer-jansen', 'farmer');
    const wur = t.token('wur', 'calculator');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm(FARM)).expect(201);
    await t.http().post(`/farms/${FARM}/authorisations`).set('authorization', farmer).send(authorisation('machtiging-wur', 'wur', 'calculator', WUR_SOURCES)).expect(201);
    await t.http().post(`/farms/${FARM}/years/2025/submissions`).set('authorization', wur).send({ ...klwSubmission('klw-1', 952_000, 250_000), indicators: schemeIndicators(2025) }).expect(201);
    t.clock.set('2025-12-01T09:00:00.000Z');
    // A farm the ledger records as boer-jansen's but the provider's farms claim does not name.
    t.clock.set('2025-09-01T08:00:00.000Z');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm(UNCLAIMED)).expect(201);
    t.clock.set('2025-12-01T09:00:00.000Z');
    const calculated = await t.http().post(`${SCORE}/calculation`).set('authorization', wur).send({}).expect(200);
    await t.http().post(`${SCORE}/presentation`).set('authorization', wur).send({ scoreVersion: calculated.body.score.scoreVersion }).expect(200);

    // The neighbour's farm: its 2025 score presented too, for a dispute; WUR authorised on both.
    const neighbour = t.token('boer-de-vries', 'farmer');
    t.clock.set('2025-09-01T08:00:00.000Z');
    await t.http().post('/farms').set('authorization', neighbour).send(demoFarm(NEIGHBOUR)).expect(201);
    await t.http().post(`/farms/${NEIGHBOUR}/authorisations`).set('authorization', neighbour).send(authorisation('machtiging-wur', 'wur', 'calculator', WUR_SOURCES)).expect(201);
    await t.http().post(`/farms/${NEIGHBOUR}/years/2025/submissions`).set('authorization', wur).send({ ...klwSubmission('klw-b', 952_000, 250_000), indicators: schemeIndicators(2025) }).expect(201);
    // The dairy processor's milk disagrees with KLW's: a blocking finding on the calculator's queue.
    await t.http().post(`/farms/${NEIGHBOUR}/authorisations`).set('authorization', neighbour).send(authorisation('machtiging-zuivelnl', 'zuivelnl', 'data_source', ['dairy-processor'])).expect(201);
    await t.http().post(`/farms/${NEIGHBOUR}/years/2025/submissions`).set('authorization', t.token('zuivelnl', 'data_source')).send(processorSubmission('zuivel-b', 1_000_000)).expect(201);
    t.clock.set('2025-12-01T09:00:00.000Z');
    const other = await t.http().post(`${NEIGHBOUR_SCORE}/calculation`).set('authorization', wur).send({}).expect(200);
    await t.http().post(`${NEIGHBOUR_SCORE}/presentation`).set('authorization', wur).send({ scoreVersion: other.body.score.scoreVersion }).expect(200);

    // A third farm whose dispute WUR upheld and whose data were corrected since: waiting to be recalculated.
    const bakker = t.token('boer-bakker', 'farmer');
    t.clock.set('2025-09-01T08:00:00.000Z');
    await t.http().post('/farms').set('authorization', bakker).send(demoFarm(UPHELD)).expect(201);
    await t.http().post(`/farms/${UPHELD}/authorisations`).set('authorization', bakker).send(authorisation('machtiging-wur', 'wur', 'calculator', WUR_SOURCES)).expect(201);
    await t.http().post(`/farms/${UPHELD}/years/2025/submissions`).set('authorization', wur).send({ ...klwSubmission('klw-c', 952_000, 250_000), indicators: schemeIndicators(2025) }).expect(201);
    t.clock.set('2025-12-01T09:00:00.000Z');
    await t.http().post(`${UPHELD_SCORE}/calculation`).set('authorization', wur).send({}).expect(200);
    await t.http().post(`${UPHELD_SCORE}/presentation`).set('authorization', wur).send({ scoreVersion: 1 }).expect(200);
    await t.http().post(`${UPHELD_SCORE}/dispute`).set('authorization', bakker).send({ scoreVersion: 1, reason: 'de weidegang is 1.600 uur, niet 1.200' }).expect(200);
    await t.http().post(`${UPHELD_SCORE}/dispute/decision`).set('authorization', wur).send({ scoreVersion: 1, outcome: 'upheld', reason: 'het weideregister toont 1.600 uur' }).expect(200);
    const grazing = schemeIndicators(2025).map((i) => (i.key === 'grazingHours' ? { ...i, value: 1600 } : i));
    await t.http().post(`/farms/${UPHELD}/years/2025/submissions/klw-c/corrections`).set('authorization', wur).send({ ...klwSubmission('klw-c2', 952_000, 250_000), indicators: grazing, reason: 'grazing hours from the grazing register' }).expect(201);

    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await provider?.stop();
    await t?.close();
  });

  it('signs in with OpenID Connect at the local provider and lands on "Mijn bedrijven"', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij het ASB grootboek' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    await expectAccessible('sign-in');

    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${provider.issuer}/**`);
    await page.getByLabel(/— boer-jansen$/).check();
    await page.getByRole('button', { name: 'Inloggen' }).click();

    await page.getByRole('heading', { level: 1, name: 'Mijn bedrijven' }).waitFor();
    expect(new URL(page.url()).origin).toBe(t.baseUrl);
    expect(await page.title()).toBe('Mijn bedrijven · ASB');
    await page.getByRole('link', { name: `Bedrijf ${FARM}` }).waitFor();
    await expect(page.locator('.asb-user').textContent()).resolves.toContain('Boer Jansen');
    await expectAccessible('my farms');
    await screenshot(page, 'farmer');
  });

  it('shows only the farms that both the ledger and the provider\'s farms claim name as the farmer\'s', async () => {
    expect(await page.getByRole('link', { name: /^Bedrijf / }).allTextContents()).toEqual([`Bedrijf ${FARM}`]);
    await page.goto(`${t.baseUrl}/bedrijven/${UNCLAIMED}`);
    await page.getByText('Dit is niet uw bedrijf. U kunt alleen uw eigen bedrijf inzien en wijzigen.').first().waitFor();
    await expectAccessible('farm refused');
    await page.goto(`${t.baseUrl}/`);
    await page.getByRole('heading', { level: 1, name: 'Mijn bedrijven' }).waitFor();
  });

  it('opens the farm and its years; the farm page has its authorisations', async () => {
    await page.getByRole('link', { name: `Bedrijf ${FARM}` }).click();
    await page.getByRole('heading', { level: 1, name: `Bedrijf ${FARM}` }).waitFor();
    // The history below names the authorisation too, on each event that relied on it.
    await page.getByRole('table', { name: 'Machtigingen', exact: true }).getByRole('cell', { name: 'machtiging-wur', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Bekijk 2025' }).waitFor();
    await expectAccessible('farm');
  });

  it('shows the balance with where each figure came from, and each KPI explained in euros', async () => {
    await page.getByRole('link', { name: 'Bekijk 2025' }).click();
    await page.getByRole('heading', { level: 1, name: `Bedrijf ${FARM} · 2025` }).waitFor();
    await page.getByRole('table', { name: 'Stikstof (N)' }).waitFor();
    const nitrogen = await page.getByRole('table', { name: 'Stikstof (N)' }).textContent();
    expect(nitrogen).toContain('Krachtvoer');
    expect(nitrogen).toContain('KringloopWijzer (KLW) (klw-1)');
    const score = page.getByRole('table', { name: 'Score drenthe-2025 2025' });
    await score.waitFor();
    // Value → tier → amount → next tier, as the API explains the score (the value it used, where it came from):
    // the farm N surplus of 128.4 kg N/ha against the tiers 110/130/150. (The explanation may arrive after the score.)
    await score
      .getByRole('row', { name: /Stikstofbodemoverschot van het bedrijf/ })
      .filter({ hasText: /Stikstofoverschot bedrijf: 128,4 kg N\/ha \(KringloopWijzer \(KLW\), berekend\) → trede 2 van 3 \(≤ 130\) → €\s200,00.*Volgende trede bij ≤ 110 kg N\/ha \(€\s250,00\)\./ })
      .waitFor();
    // Every KPI kind says what reaches the next tier, or that the highest is reached.
    const kpiRows = (await score.locator('tbody tr').allTextContents()).filter((row) => !/^(Totaal|Jaarmaximum)/.test(row));
    expect(kpiRows).toHaveLength(13);
    for (const row of kpiRows) expect(row).toMatch(/Volgende trede|Hoogste trede gehaald|Lever de ontbrekende waarde aan|Geen oppervlakte om te toetsen/);
    // The submissions: source, quality of the figures, whether the balance uses them, when recorded.
    const submissions = page.getByRole('table', { name: /^Alle aanleveringen voor dit jaar/ });
    await submissions.getByRole('row', { name: /klw-1/ }).filter({ hasText: /KringloopWijzer \(KLW\).*berekend.*geldend/ }).waitFor();
    await expect(score.textContent()).resolves.toMatch(/€\s\d{1,3}(\.\d{3})*,\d{2}/);
    await expectAccessible('farm-year');
  });

  it('approves the presented score with the keyboard alone', async () => {
    // Start from the top of the page, as a keyboard user arriving there does.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('Home');
    await tabTo(page, 'Score goedkeuren');
    await page.keyboard.press('Enter');
    await page.getByText('U heeft de score goedgekeurd.').waitFor();
    await page.getByText('goedgekeurd', { exact: true }).waitFor();
    await expectAccessible('farm-year after approval');

    // On record as the farmer's act, under the identity the provider vouched for.
    const score = await t.http().get(SCORE).set('authorization', t.token('nvwa-auditor', 'regulator')).expect(200);
    expect(score.body.status).toBe('approved');
    expect(score.body.history.find((s: { type: string }) => s.type === 'ScoreApproved')).toMatchObject({ by: 'boer-jansen' });
  });

  it('switches to English and back', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Substance balance' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible('farm-year in English');
    await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    await page.getByRole('heading', { level: 2, name: 'Stoffenbalans' }).waitFor();
  });

  it('grants an authorisation and revokes it on the farm page', async () => {
    await page.goto(`${t.baseUrl}/bedrijven/${FARM}`);
    await page.getByRole('heading', { level: 2, name: 'Machtigingen' }).waitFor();
    await page.getByLabel('Kenmerk').fill('machtiging-clm');
    await page.getByLabel('Gemachtigde', { exact: true }).fill('clm');
    await page.getByLabel('Rol van de gemachtigde').selectOption('data_source');
    await page.getByLabel('Bronnen').fill('clm-milieumeetlat');
    // A period that ended already: the refusal in Dutch, its field named and marked, the focus on it (WCAG 3.3.1).
    await page.getByLabel('Geldig tot').fill('2020-01-01');
    await page.getByRole('button', { name: 'Machtiging verlenen' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Het einde moet later liggen dan het begin. Kies een latere datum. Het gaat om: geldig tot.' });
    await refusal.waitFor();
    const validTo = page.getByLabel('Geldig tot');
    expect(await validTo.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await validTo.getAttribute('aria-describedby'))!.split(' ');
    expect(await refusal.locator(`#${describedBy.at(-1)}`).count()).toBe(1);
    expect(await page.evaluate('document.activeElement.id')).toBe(await validTo.getAttribute('id'));
    // The API's English message stays, for support, marked as English.
    await refusal.getByText('Technische melding (Engels, voor de helpdesk)').click();
    expect(await refusal.locator('[lang="en"]').textContent()).toContain('validTo must be after validFrom (INVALID_PERIOD, validTo)');
    await expectAccessible('farm after a refused grant');
    await validTo.fill('2027-12-31');
    await page.getByRole('button', { name: 'Machtiging verlenen' }).click();
    await page.getByText('De machtiging is verleend.').waitFor();
    expect(await page.getByLabel('Geldig tot').getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('cell', { name: 'machtiging-clm', exact: true }).waitFor();
    await expectAccessible('farm after a grant');
    await page.getByRole('button', { name: 'Intrekken machtiging-clm' }).click();
    await page.getByText('De machtiging is ingetrokken.').waitFor();
    const listed = await t.http().get(`/farms/${FARM}/authorisations`).set('authorization', t.token('boer-jansen', 'farmer')).expect(200);
    expect(listed.body.items.find((a: { authorisationId: string }) => a.authorisationId === 'machtiging-clm')).toMatchObject({ status: 'revoked', grantedBy: 'boer-jansen' });
  });

  it('leads back to the sign-in page when the API no longer takes the session\'s token', async () => {
    await page.evaluate(`(() => { const s = JSON.parse(sessionStorage.getItem('asb.session')); sessionStorage.setItem('asb.session', JSON.stringify({ ...s, accessToken: 'no-longer-valid' })); })()`);
    await page.goto(`${t.baseUrl}/bedrijven/${FARM}`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen bij het ASB grootboek' }).waitFor();
    await expectAccessible('sign-in after expiry');
  });

  describe('the neighbour disputes a score with a reason', () => {
    let other: Awaited<ReturnType<typeof launchBrowser>>;
    afterAll(async () => other?.close());

    it('asks for a reason before it records the dispute', async () => {
      other = await launchBrowser();
      const p = other.page;
      await signIn(p, t.baseUrl, provider.issuer, 'boer-de-vries');
      await p.getByRole('link', { name: `Bedrijf ${NEIGHBOUR}` }).click();
      await p.getByRole('link', { name: 'Bekijk 2025' }).click();
      // The dairy processor's milk disagrees with KLW's: the finding by the check's name, in a Dutch sentence.
      await p.getByRole('region', { name: 'Controles' }).getByRole('listitem').filter({ hasText: /^Geleverde melk \(blokkerend\): De KringloopWijzer meldt 952\.000 kg melk, de zuivelonderneming 1\.000\.000 kg/ }).waitFor();
      expect(await p.getByRole('region', { name: 'Controles' }).textContent()).not.toContain('milk-delivered');
      await p.getByRole('button', { name: 'Bezwaar maken' }).click();
      await p.getByRole('button', { name: 'Bezwaar indienen' }).click();
      await p.getByText('Vul een reden in.').waitFor();
      expect(await p.getByLabel('Reden van uw bezwaar').getAttribute('aria-invalid')).toBe('true');
      await p.getByLabel('Reden van uw bezwaar').fill('De weidegang ontbreekt: de koeien liepen 1.600 uur buiten.');
      await p.getByRole('button', { name: 'Bezwaar indienen' }).click();
      await p.getByText('Uw bezwaar is vastgelegd.').waitFor();
      page = p;
      await expectAccessible('farm-year after a dispute');
      const score = await t.http().get(NEIGHBOUR_SCORE).set('authorization', t.token('nvwa-auditor', 'regulator')).expect(200);
      expect(score.body.status).toBe('disputed');
      expect(score.body.history.find((h: { type: string }) => h.type === 'ScoreDisputed')).toMatchObject({ by: 'boer-de-vries', reason: 'De weidegang ontbreekt: de koeien liepen 1.600 uur buiten.' });
    });
  });

  describe('the calculator', () => {
    let wur: Awaited<ReturnType<typeof launchBrowser>>;
    afterAll(async () => wur?.close());

    it('sees its work queue: the disputed score of the farms that authorise it', async () => {
      wur = await launchBrowser();
      page = wur.page;
      await signIn(page, t.baseUrl, provider.issuer, 'wur');
      await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
      const disputed = page.getByRole('region', { name: 'Scores met bezwaar' });
      await disputed.getByRole('link', { name: `${NEIGHBOUR} · 2025 · drenthe-2025` }).waitFor();
      await disputed.getByText('Reden van de boer: “De weidegang ontbreekt: de koeien liepen 1.600 uur buiten.”').waitFor();
      await disputed.getByRole('link', { name: `${UPHELD} · 2025 · drenthe-2025` }).waitFor();
      const blocking = page.getByRole('region', { name: 'Blokkerende bevindingen' });
      await blocking.getByRole('link', { name: new RegExp(`^${NEIGHBOUR} · 2025 · `) }).waitFor();
      // The finding by its check's name and in a Dutch sentence from what it compared, not `milk-delivered` and the log's English.
      await blocking.getByRole('listitem').filter({ hasText: /Controle Geleverde melk: De KringloopWijzer meldt 952\.000 kg melk, de zuivelonderneming 1\.000\.000 kg/ }).waitFor();
      await expectAccessible('work queue');
      await screenshot(page, 'calculator');
    });

    it('rejects the dispute with its grounds: the same score is presented again', async () => {
      await page.getByRole('region', { name: 'Scores met bezwaar' }).getByRole('link', { name: `${NEIGHBOUR} · 2025 · drenthe-2025` }).click();
      await page.getByRole('heading', { level: 3, name: 'Beslissen op het bezwaar' }).waitFor();
      await page.getByRole('region', { name: 'Controles' }).getByText('blokkerend').first().waitFor();
      await expectAccessible('farm-year (calculator, disputed)');
      await page.getByLabel('Ongegrond: dezelfde score opnieuw voorleggen').check();
      await page.getByLabel('Motivering').fill('Weidegang is volgens de registratie 1.200 uur; de score blijft.');
      await page.getByRole('button', { name: 'Beslissing vastleggen' }).click();
      await page.getByText('De beslissing is vastgelegd.').waitFor();
      const score = await t.http().get(NEIGHBOUR_SCORE).set('authorization', t.token('nvwa-auditor', 'regulator')).expect(200);
      expect(score.body.history.find((h: { type: string }) => h.type === 'ScoreDisputeDecided')).toMatchObject({ by: 'wur', outcome: 'rejected' });
    });

    it('decides a blocking finding with a documented note, after it asks for one', async () => {
      const checks = page.getByRole('region', { name: 'Controles' });
      await checks.getByRole('button', { name: 'Beslissen op deze bevinding' }).first().click();
      await checks.getByRole('button', { name: 'Besluit over de bevinding vastleggen' }).click();
      await checks.getByText('Onderbouw de beslissing in minstens 10 tekens.').waitFor();
      expect(await checks.getByLabel('Onderbouwing van uw beslissing').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible('farm-year (calculator, deciding a finding)');
      await checks.getByLabel('Onderbouwing van uw beslissing').fill('De melkfabriek meldt een meterstoring in maart; de KLW-melk klopt.');
      await checks.getByRole('button', { name: 'Besluit over de bevinding vastleggen' }).click();
      await checks.getByRole('status').getByText('Uw beslissing is vastgelegd: de bevinding is gesloten.').waitFor();
      // The confirmation takes the focus of the form it replaces, so a screen reader says what happened.
      await expect(page.evaluate<string>("document.activeElement ? document.activeElement.textContent : ''")).resolves.toContain('de bevinding is gesloten');
      await expectAccessible('farm-year (calculator, finding decided)');
      const findings = await t.http().get(`/farms/${NEIGHBOUR}/years/2025/findings`).set('authorization', t.token('nvwa-auditor', 'regulator')).expect(200);
      expect(findings.body.items.filter((f: { severity: string; status: string }) => f.severity === 'blocking' && f.status === 'open')).toEqual([]);
      const resolved = (await t.runtime.store.readStream(`findings-${NEIGHBOUR}-2025`)).filter((e) => e.type === 'CheckFindingResolved');
      expect(resolved.map((e) => e.data)).toEqual([expect.objectContaining({ resolution: 'calculator-decision', decidedBy: 'wur', note: 'De melkfabriek meldt een meterstoring in maart; de KLW-melk klopt.' })]);
    });

    it('recalculates the score whose dispute it upheld, from the corrected data, and presents the new version', async () => {
      await page.getByRole('link', { name: 'ASB grootboek' }).click();
      await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
      const disputed = page.getByRole('region', { name: 'Scores met bezwaar' });
      await disputed.getByText(/bezwaar gegrond: herberekenen met gecorrigeerde gegevens/).waitFor();
      await disputed.getByRole('link', { name: `${UPHELD} · 2025 · drenthe-2025` }).click();
      await page.getByRole('button', { name: 'Herberekenen' }).click();
      await page.getByText('De score is herberekend: een nieuwe versie staat klaar om voor te leggen.').waitFor();
      await expectAccessible('farm-year (calculator, recalculated)');
      await page.getByRole('button', { name: 'Score voorleggen aan de boer' }).click();
      await page.getByText('De score is voorgelegd.').waitFor();
      const score = await t.http().get(UPHELD_SCORE).set('authorization', t.token('nvwa-auditor', 'regulator')).expect(200);
      expect(score.body).toMatchObject({ status: 'presented', scoreVersion: 2 });
      expect(score.body.history.map((h: { type: string }) => h.type)).toEqual(['ScoreCalculated', 'ScorePresentedToFarmer', 'ScoreDisputed', 'ScoreDisputeDecided', 'ScoreRecalculated', 'ScorePresentedToFarmer']);
      // Presented: the work is done and off the queue.
      await page.getByRole('link', { name: 'ASB grootboek' }).click();
      await page.getByRole('region', { name: 'Scores met bezwaar' }).getByRole('link', { name: `${UPHELD} · 2025 · drenthe-2025` }).waitFor({ state: 'detached' });
    });

    it('signs out at the provider too: the next sign-in at this browser chooses an account again', async () => {
      await signOutAtProvider(page, t.baseUrl, provider.issuer);
      // Without asking the provider to prompt again: only an ended provider session makes it ask.
      await page.evaluate("sessionStorage.removeItem('asb.signedOut')");
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.waitForURL(`${provider.issuer}/**`);
      await page.getByRole('radio', { name: /— snn$/ }).waitFor();
    });
  });

  describe('the other roles', () => {
    let other: Awaited<ReturnType<typeof launchBrowser>>;
    afterAll(async () => other?.close());

    // Their own journeys, with the screenshots of their main pages: roles.e2e.spec.ts (D54).
    it('the regulator finds every farm; the norm authority the catalogue of norm sets; the analyst finds its page not built yet', async () => {
      other = await launchBrowser();
      page = other.page;
      await signIn(page, t.baseUrl, provider.issuer, 'nvwa-auditor');
      await page.getByRole('heading', { level: 1, name: 'Toezicht' }).waitFor();
      await page.getByRole('link', { name: `Bedrijf ${NEIGHBOUR}` }).waitFor();
      await page.getByRole('link', { name: `Bedrijf ${FARM}` }).waitFor();
      await expectAccessible('supervision (regulator)');

      // Signing out makes the provider ask again, so another person can sign in at the same browser.
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await signIn(page, t.baseUrl, provider.issuer, 'provincie-drenthe');
      await page.getByRole('heading', { level: 1, name: 'Normensets' }).waitFor();
      await page.getByRole('row', { name: /\(drenthe-2025\)/ }).waitFor();
      await expectAccessible('norm sets (norm authority)');

      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await signIn(page, t.baseUrl, provider.issuer, 'pbl');
      await page.getByRole('heading', { level: 1, name: 'Beleidsanalyse' }).waitFor();
      await expect(page.locator('.asb-user').textContent()).resolves.toContain('PBL');
      await expectAccessible('policy analysis (policy analyst)');
    });

    it('the payer sees the scores forwarded to it, in euros', async () => {
      // WUR forwards the score the farmer approved above.
      const wur = t.token('wur', 'calculator');
      const current = await t.http().get(SCORE).set('authorization', wur).expect(200);
      await t.http().post(`${SCORE}/forwarding`).set('authorization', wur).send({ scoreVersion: current.body.scoreVersion }).expect(200);

      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await signIn(page, t.baseUrl, provider.issuer, 'snn');
      await page.getByRole('heading', { level: 1, name: 'Uitbetalingen' }).waitFor();
      const row = page.getByRole('table', { name: 'Doorgestuurde scores: drenthe-2025' }).getByRole('row', { name: new RegExp(`^${FARM} 2025 `) });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain(new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(current.body.totalCents / 100));
      await expectAccessible('payments (payer)');
    });
  });
});
