import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TestApp } from '../../../../test/support/test-app';
import { startWebJourneyAfterDemo, type WebJourney } from '../../../../test/support/web-journey';
import { expectNoViolations, screenshot, signIn } from '../../../../test/support/browser';
import type { DevOidcProvider } from '../auth/dev-oidc';

const FARM = 'nl-drenthe-0001';

/**
 * The regulator's, the payer's and the norm authority's journeys in a real browser (D54), over the
 * demo's record (2025–2027: scores forwarded, the advance paid, the subsidy settled): each signs in
 * at the local OpenID Connect provider and does its work in Dutch; axe-core finds no WCAG 2.1 AA
 * violation on any page; each main page is written to docs/screenshots.
 */
describe('the web application in a real browser: the regulator, the payer, the norm authority', () => {
  let journey: WebJourney;
  let t: TestApp;
  let provider: DevOidcProvider;
  let page: Page;

  const expectAccessible = (what: string) => expectNoViolations(page, what);
  let signedIn = false;
  const signInAs = async (account: string) => {
    if (signedIn) {
      await page.goto(`${t.baseUrl}/`);
      await page.getByRole('button', { name: 'Uitloggen' }).click();
    }
    await signIn(page, t.baseUrl, provider.issuer, account);
    signedIn = true;
  };

  beforeAll(async () => {
    journey = await startWebJourneyAfterDemo();
    ({ t, provider, page } = journey);
  }, 180_000);

  afterAll(async () => journey?.close());

  describe('the regulator', () => {
    it('lands on "Toezicht", finds the farm by words and the settlement among the events', async () => {
      await signInAs('nvwa-auditor');
      await page.getByRole('heading', { level: 1, name: 'Toezicht' }).waitFor();
      await page.getByRole('link', { name: `Bedrijf ${FARM}` }).waitFor();
      await page.getByRole('table', { name: 'Ondertekende checkpoints' }).getByRole('row').nth(1).waitFor();
      await expectAccessible('supervision');
      await screenshot(page, 'regulator');

      await page.getByLabel('Zoekwoorden').fill('groningen');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByText('Er zijn geen bedrijven die u mag inzien.').waitFor();
      await page.getByLabel('Zoekwoorden').fill('jansen drenthe');
      await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
      await page.getByRole('link', { name: `Bedrijf ${FARM}` }).waitFor();

      await page.getByLabel('Soort gebeurtenis').selectOption('SubsidySettled');
      await page.getByLabel('Door (actor)').fill('snn');
      await page.getByLabel('Vanaf dag').fill('2027-01-01');
      await page.getByRole('button', { name: 'Gebeurtenissen zoeken' }).click();
      const found = page.getByRole('table', { name: 'Gevonden gebeurtenissen' });
      await found.getByRole('row', { name: /SubsidySettled/ }).waitFor();
      expect(await found.getByRole('row').count()).toBe(2); // the header and the one settlement
      await expectAccessible('supervision with search results');
    });

    it('verifies the log', async () => {
      await page.getByRole('button', { name: 'Logboek controleren' }).click();
      await page.getByText(/Het logboek klopt: [\d.]+ gebeurtenissen gecontroleerd/).waitFor();
    });

    it('reads the farm\'s timeline, slides to its first moment, and compares two moments', async () => {
      await page.getByRole('link', { name: `Bedrijf ${FARM}` }).click();
      await page.getByRole('heading', { level: 1, name: `Tijdlijn van bedrijf ${FARM}` }).waitFor();
      const state = page.getByRole('region', { name: 'Stand van zaken op een moment' });
      const known = state.locator('dt:has-text("Bekende gebeurtenissen") + dd');
      await known.filter({ hasText: /^\d+$/ }).waitFor();
      const all = Number(await known.textContent());
      expect(all).toBeGreaterThan(20);
      // With the keyboard: to the first moment (the registration and the authorisations of its first morning).
      await page.getByLabel('Moment', { exact: true }).focus();
      await page.keyboard.press('Home');
      await state.getByText(new RegExp(`\\(1 / \\d+\\)$`)).waitFor();
      await known.filter({ hasText: /^\d+$/, hasNotText: new RegExp(`^${all}$`) }).waitFor();
      const history = (await t.http().get(`/audit/farms/${FARM}/history?limit=100`).set('authorization', t.token('nvwa-auditor', 'regulator')).expect(200)).body.items as Array<{ recordedAt: string }>;
      expect(Number(await known.textContent())).toBe(history.filter((e) => e.recordedAt <= history[0]!.recordedAt).length);
      await page.keyboard.press('End');
      await known.filter({ hasText: new RegExp(`^${all}$`) }).waitFor();

      // What changed, in words: the path of the value and amounts in euros (issue 16), not `applications[…].advanceCents`.
      const difference = page.getByRole('region', { name: 'Verschil tussen twee momenten' });
      await difference.getByRole('table', { name: 'Veranderde waarden' }).getByRole('row', { name: /^Aanvraag drenthe-2025 › voorschot €\s0,00 €\s4\.350,00$/ }).waitFor();
      await difference.getByRole('table', { name: 'Gebeurtenissen tussen de twee momenten' }).getByRole('row', { name: /SubsidySettled/ }).waitFor();
      await expectAccessible('timeline');

      // English, the second language: the same page, every text in English, still accessible.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: `Timeline of farm ${FARM}` }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Difference between two moments' }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      await expectAccessible('timeline in English');
      await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
      await page.getByRole('heading', { level: 1, name: `Tijdlijn van bedrijf ${FARM}` }).waitFor();
    });

    it('downloads the farm\'s audit bundle under the name the API gives it', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Auditbundel downloaden' }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^asb-bundel-${FARM}-\\d+\\.json$`));
      const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      expect(bundle.scope).toMatchObject({ kind: 'streams', label: `farm ${FARM}` });
      await page.getByText(`Gedownload: ${download.suggestedFilename()}`).waitFor();
    });
  });

  describe('the payer', () => {
    it('lands on "Uitbetalingen": the budget, the advance and the settlement in euros, the forwarded scores', async () => {
      await signInAs('snn');
      await page.getByRole('heading', { level: 1, name: 'Uitbetalingen' }).waitFor();
      const euro = (cents: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
      const application = page.getByRole('table', { name: 'Aanvragen, voorschotten en vaststellingen: drenthe-2025' }).getByRole('row', { name: new RegExp(`^${FARM} `) });
      await application.waitFor();
      const text = await application.textContent();
      expect(text).toContain(euro(435_000));
      expect(text).toContain(euro(370_000));
      await page.getByRole('table', { name: 'Doorgestuurde scores: drenthe-2025' }).getByRole('row', { name: new RegExp(`^${FARM} 2026 `) }).waitFor();
      await expectAccessible('payments');
      await screenshot(page, 'payer');
    });

    it('takes a payer\'s action and shows the refusal when the decider says no', async () => {
      await page.getByRole('button', { name: `Afsluiten ${FARM}` }).click();
      // In Dutch (issue 16); the decider's English words only as a detail for support.
      const refusal = page.getByRole('alert').filter({ hasText: 'De subsidie is al vastgesteld, daarom kan dit niet meer.' });
      await refusal.waitFor();
      expect(await refusal.locator('details [lang="en"]').textContent()).toMatch(/settled.*\(ALREADY_SETTLED\)/);
      expect(await refusal.locator('details').getAttribute('open')).toBeNull();
      await expectAccessible('payments after a refusal');
    });

    it('downloads the payment batch as CSV in integer euro cents', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Betaalbatch downloaden (CSV)' }).click()]);
      expect(download.suggestedFilename()).toBe('betaalbatch-drenthe-2025.csv');
      const lines = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
      expect(lines[0]).toBe('farm_id,application_id,payment,reference,amount_eur_cents,recorded_at');
      expect(lines.slice(1).map((l) => l.split(',')[4])).toEqual(['435000', '370000']);
    });
  });

  describe('the norm authority', () => {
    it('amends a parameter chosen by name — KPI, land use, tier — with a reason and a legal basis, and reads the difference', async () => {
      await signInAs('provincie-drenthe');
      await page.getByRole('heading', { level: 1, name: 'Normensets' }).waitFor();
      await page.getByRole('link', { name: /^Duurzaam Boeren Drenthe/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Normenset drenthe-2025' }).waitFor();
      await expectAccessible('norm set');

      // The soil N surplus of grassland, tier 4: named, never an index.
      const option = page.locator('optgroup[label="KPI Stikstofbodemoverschot per gewas (nSoilSurplus)"] option', { hasText: /^grondgebruik › grasland › trede 4 › drempel \(155\)$/ });
      await page.getByLabel('Parameter', { exact: true }).selectOption((await option.getAttribute('value'))!);
      await page.getByText('Huidige waarde: 155').waitFor();
      await page.getByLabel('Nieuwe waarde').fill('160');
      await page.getByRole('button', { name: 'Wijziging toevoegen' }).click();
      await page.getByRole('list', { name: 'Wijzigingen' }).getByText(/grasland › trede 4 › drempel: 155 → 160/).waitFor();
      await page.getByRole('button', { name: 'Wijziging vastleggen' }).click();
      await page.getByText('Vul een reden in.').waitFor();
      await page.getByLabel('Reden', { exact: true }).fill('Droogte 2025: de zwakste trede voor grasland wordt verruimd.');
      await page.getByLabel('Geldig vanaf').fill('2025-01-01');
      await page.getByRole('button', { name: 'Wijziging vastleggen' }).click();
      await page.getByText('De wijziging is vastgelegd als nieuwe versie.').waitFor();

      const diff = page.getByRole('table', { name: 'Verschil tussen versies: 1 → 2' });
      await diff.getByRole('row', { name: /KPI Stikstofbodemoverschot per gewas \(nSoilSurplus\) › grondgebruik › grasland › trede 4 › drempel 155 160/ }).waitFor();
      await expectAccessible('norm set after an amendment');
      const recorded = await t.http().get('/norm-sets/drenthe-2025/diff?from=1&to=2').set('authorization', t.token('provincie-drenthe', 'norm_authority')).expect(200);
      expect(recorded.body.changes).toEqual([{ path: 'kpis[nSoilSurplus].landUses.grassland.tiers[4].threshold', from: '155', to: '160' }]);
    });

    it('publishes a norm set and withdraws it', async () => {
      await page.getByRole('link', { name: /Terug/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Normensets' }).waitFor();
      await screenshot(page, 'norm-authority');
      await page.getByLabel('Kenmerk van de normenset').fill('pilot-indicatoren');
      await page.getByLabel('Titel').fill('Pilot: extra indicator');
      await page.getByLabel('Juridische grondslag').fill('Besluit GS Drenthe pilot 2026');
      await page.getByLabel('Geldig vanaf').fill('2026-01-01');
      // A key typed twice reaches the API as typed and is refused (D82): parsed in the browser, the last would have been published in silence.
      await page.getByLabel('Parameters (JSON)').fill('{"indicators":[{"key":"pilotHedgeMetres","unit":"m","unit":"km","valueType":"number","description":"Houtwal in meters"}]}');
      await page.getByRole('button', { name: 'Publiceren' }).click();
      await page.getByText('Een veld komt twee keer voor. Geef het één keer op.').waitFor();
      await t.http().get('/norm-sets/pilot-indicatoren').set('authorization', t.token('provincie-drenthe', 'norm_authority')).expect(404);
      await page.getByLabel('Parameters (JSON)').fill('{"indicators":[{"key":"pilotHedgeMetres","unit":"m","valueType":"number","description":"Houtwal in meters"}]}');
      await page.getByRole('button', { name: 'Publiceren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Normenset pilot-indicatoren' }).waitFor();
      await page.getByLabel('Reden van intrekking').fill('De pilot gaat niet door.');
      await page.getByRole('button', { name: 'Normenset intrekken' }).click();
      await page.getByText('De normenset is ingetrokken.').waitFor();
      await expectAccessible('norm set withdrawn');
      const catalogue = await t.http().get('/norm-sets/pilot-indicatoren').set('authorization', t.token('provincie-drenthe', 'norm_authority')).expect(200);
      expect(catalogue.body).toMatchObject({ withdrawn: true, document: { kind: 'indicator-catalogue' } });
    });

    // D81: a new version from a form built on the document, not from JSON.
    const newVersion = () => page.getByRole('region', { name: /^(Een nieuwe versie publiceren|Publish a new version)$/ });
    const kpi = (title: string) => newVersion().getByRole('group', { name: title, exact: true });
    // Each KPI is a part of the document a person opens (a scheme is thirteen of them).
    const open = (title: string) => newVersion().locator('summary', { hasText: title }).click();
    const tier = (kpiTitle: string, n: number, lang: 'nl' | 'en' = 'nl') => kpi(kpiTitle).getByRole('group', { name: `${lang === 'nl' ? 'trede' : 'tier'} ${n}`, exact: true });
    const authorityToken = () => t.token('provincie-drenthe', 'norm_authority');

    it('publishes a new version from the form: changes a threshold as an exact decimal, adds a tier, sees the difference, publishes', async () => {
      await page.goto(`${t.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Normensets' }).waitFor();
      await newVersion().getByLabel('Normenset', { exact: true }).selectOption('drenthe-2025');
      // Starting from an earlier version: version 1 as recorded, its difference with the latest shown at once.
      const soil = 'KPI Stikstofbodemoverschot per gewas (nSoilSurplus)';
      await newVersion().getByLabel('Beginnen van versie').selectOption('1');
      await open(soil);
      const grassland = kpi(soil).getByRole('group', { name: 'grasland', exact: true }).getByRole('group', { name: 'trede 4', exact: true });
      await grassland.getByText('In versie 2: 160').waitFor();
      await expect(grassland.getByLabel('drempel').inputValue()).resolves.toBe('155');
      await newVersion().getByLabel('Beginnen van versie').selectOption('2');
      await newVersion().locator('summary', { hasText: soil }).waitFor();
      await expect(newVersion().getByRole('table', { name: /^Verschil met de laatste versie/ }).count()).resolves.toBe(0);
      const farm = 'KPI Stikstofbodemoverschot van het bedrijf (nFarmSurplus)';
      await open(farm);
      const threshold = tier(farm, 2).getByLabel('drempel');
      await expect(threshold.inputValue()).resolves.toBe('130');
      await threshold.fill('132,5');
      const ammonia = 'KPI Ammoniakemissie per hectare (nh3PerHa)';
      await open(ammonia);
      await kpi(ammonia).getByRole('button', { name: /^Trede toevoegen/ }).click();
      await tier(ammonia, 4).getByLabel('drempel').fill('70');
      await tier(ammonia, 4).getByLabel('bedrag (eurocent)').fill('10000');

      const diff = newVersion().getByRole('table', { name: 'Verschil met de laatste versie (versie 2)' });
      await diff.getByRole('row', { name: /nFarmSurplus\) › trede 2 › drempel 130 132\.5/ }).waitFor();
      expect(await diff.getByRole('row').allInnerTexts()).toContainEqual(expect.stringMatching(/nh3PerHa\) › trede 4\s+—\s+(bedrag \(eurocent\) 10000, drempel 70|drempel 70, bedrag \(eurocent\) 10000)$/));
      await newVersion().locator('summary', { hasText: `${farm} — 1 gewijzigd` }).waitFor();
      await expectAccessible('a new version, from the form');
      await screenshot(page, 'norm-authority-new-version');

      await newVersion().getByLabel('Reden', { exact: true }).fill('Bijstelling 2025: een ruimere drempel en een vierde trede voor ammoniak.');
      await newVersion().getByLabel('Geldig vanaf').fill('2025-01-01');
      await newVersion().getByRole('button', { name: 'Nieuwe versie publiceren' }).click();
      await page.getByRole('heading', { level: 1, name: 'Normenset drenthe-2025' }).waitFor();
      const recorded = await t.http().get('/norm-sets/drenthe-2025/diff?from=2&to=3').set('authorization', authorityToken()).expect(200);
      expect(recorded.body.changes).toEqual([
        { path: 'kpis[nFarmSurplus].tiers[2].threshold', from: '130', to: '132.5' },
        { path: 'kpis[nh3PerHa].tiers[4]', to: { threshold: '70', cents: 10000 } },
      ]);
    });

    it("builds the form from every kind of document the ledger ships: a levy's component tiers can grow, the balance parameters open whole and stay accessible", async () => {
      await page.goto(`${t.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Normensets' }).waitFor();
      for (const id of ['asb-indicators', 'balance-parameters', 'check-tolerances', 'equivalente-maatregelen-2017', 'asb-light-levy-illustrative', 'minas-2003']) {
        await newVersion().getByLabel('Normenset', { exact: true }).selectOption(id);
        await newVersion().locator('summary').first().waitFor();
        await expect(newVersion().getByText('Aantal gewijzigde parameters: 0').count()).resolves.toBe(1);
      }
      // minas-2003: a component's tiers, one added, named in the difference.
      const component = newVersion().locator('details', { has: page.getByRole('button', { name: /^Trede toevoegen/, includeHidden: true }) }).first();
      await component.locator('summary').click();
      await component.getByRole('button', { name: /^Trede toevoegen/ }).first().click();
      await newVersion().getByText('Aantal gewijzigde parameters: 1').waitFor();
      // balance-parameters, every part open: nested records and source lists, axe-clean.
      await newVersion().getByLabel('Normenset', { exact: true }).selectOption('balance-parameters');
      await newVersion().getByText('Aantal gewijzigde parameters: 0').waitFor();
      for (const summary of await newVersion().locator('summary').all()) await summary.click();
      await expectAccessible('a new version of the balance parameters, every part open');
    });

    it('shows a refusal at the field the API names, in English, and records nothing', async () => {
      await page.goto(`${t.baseUrl}/`);
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Norm sets' }).waitFor();
      await newVersion().getByLabel('Norm set', { exact: true }).selectOption('drenthe-2025');
      const farm = 'KPI Farm nitrogen surplus (nFarmSurplus)';
      await open(farm);
      // Tier 3 below tier 2 (132.5): the tiers no longer follow each other; only the API's validation says so.
      const threshold = tier(farm, 3, 'en').getByLabel('threshold');
      await threshold.fill('120');
      await newVersion().getByLabel('Reason', { exact: true }).fill('A threshold that overlaps the tier before it.');
      await newVersion().getByRole('button', { name: 'Publish the new version' }).click();
      await newVersion().locator('#nieuwe-versie-refusal').waitFor();
      await expect(threshold.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(threshold.evaluate((el) => el === el.ownerDocument.activeElement)).resolves.toBe(true);
      await expect(threshold.getAttribute('aria-describedby')).resolves.toContain('nieuwe-versie-refusal');
      await expect(newVersion().locator('#nieuwe-versie-refusal').innerText()).resolves.toContain('tier 3, threshold');
      await expectAccessible('a new version refused at its field, in English');
      // Corrected back to the version in force: nothing left to publish, said before anything is sent; the part stays open.
      await threshold.fill('150');
      await newVersion().getByRole('button', { name: 'Publish the new version' }).click();
      await newVersion().getByText('Change at least one parameter.').waitFor();
      await expect(threshold.isVisible()).resolves.toBe(true);
      await expect(threshold.getAttribute('aria-invalid')).resolves.toBeNull();
      const normSet = await t.http().get('/norm-sets/drenthe-2025').set('authorization', authorityToken()).expect(200);
      expect(normSet.body.document.version).toBe(3);
      await page.getByRole('button', { name: 'Schakel naar Nederlands' }).click();
    });

    it('refuses a Dutch "1.000" at its field — a thousand or one — and shows no difference it would not send (D86)', async () => {
      await page.goto(`${t.baseUrl}/`);
      await page.getByRole('heading', { level: 1, name: 'Normensets' }).waitFor();
      await newVersion().getByLabel('Normenset', { exact: true }).selectOption('drenthe-2025');
      const farm = 'KPI Stikstofbodemoverschot van het bedrijf (nFarmSurplus)';
      await open(farm);
      const amount = tier(farm, 2).getByLabel('bedrag (eurocent)');
      const was = await amount.inputValue();
      // Read as 1 before: the difference showed "bedrag (eurocent) 20000 1" and would have sent it.
      await amount.fill('1.000');
      await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
      const error = newVersion().locator(`#${(await amount.getAttribute('aria-describedby'))!.split(' ').find((id) => id.endsWith('-fout'))}`);
      await expect(error.innerText()).resolves.toMatch(/zonder scheidingsteken voor duizendtallen: duizend als 1000/);
      await newVersion().getByText(/^Het verschil volgt zodra de gemarkeerde waarden kloppen/).waitFor();
      await expect(newVersion().getByRole('table', { name: /^Verschil met de laatste versie/ }).count()).resolves.toBe(0);
      await expectAccessible('a number with a thousands separator, refused at its field');
      await newVersion().getByRole('button', { name: 'Nieuwe versie publiceren' }).click();
      await newVersion().getByText('Verbeter eerst de gemarkeerde waarden.').waitFor();
      // A thousand as 1000, a decimal with a comma: the difference shows exactly what will be sent.
      await amount.fill('1000');
      await expect(amount.getAttribute('aria-invalid')).resolves.toBeNull();
      const threshold = tier(farm, 2).getByLabel('drempel');
      await threshold.fill('132,25');
      const diff = newVersion().getByRole('table', { name: /^Verschil met de laatste versie/ });
      await diff.getByRole('row', { name: new RegExp(`nFarmSurplus\\) › trede 2 › bedrag \\(eurocent\\) ${was} 1000$`) }).waitFor();
      await diff.getByRole('row', { name: /nFarmSurplus\) › trede 2 › drempel 132\.5 132\.25$/ }).waitFor();
      const normSet = await t.http().get('/norm-sets/drenthe-2025').set('authorization', authorityToken()).expect(200);
      expect(normSet.body.document.version).toBe(3);
    });
  });
});
