import type { Page } from 'playwright-core';
import { startDevOidcProvider, type DevOidcProvider } from '../../apps/api/src/auth/dev-oidc';
import { ensureWebBuilt, freePort, launchBrowser, screenshotSigningKeyPem } from './browser';
import { startAppAfterDemo, type TestApp } from './test-app';

/** The API after the demo, the local OpenID Connect provider it trusts, and a browser: what a role's journey starts from. */
export type WebJourney = Readonly<{
  t: TestApp;
  provider: DevOidcProvider;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  page: Page;
  close: () => Promise<void>;
}>;

/** Screenshots are signed with a fixed key, so a page's picture stays the same from run to run. */
export const startWebJourneyAfterDemo = async (): Promise<WebJourney> => {
  ensureWebBuilt();
  const providerPort = await freePort();
  const t = await startAppAfterDemo({ OIDC_ISSUER: `http://127.0.0.1:${providerPort}`, ASB_SIGNING_KEY: screenshotSigningKeyPem() });
  const provider = await startDevOidcProvider({ port: providerPort, redirectUris: [`${t.baseUrl}/aanmelden`] });
  const browser = await launchBrowser();
  return {
    t,
    provider,
    browser,
    page: browser.page,
    close: async () => {
      await browser.close();
      await provider.stop();
      await t.close();
    },
  };
};
