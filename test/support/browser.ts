import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, createPrivateKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
export { freePort } from './free-port';

const ROOT = resolve(__dirname, '../..');

/** The newest change under a folder (its files' modification times). */
const newestChange = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }, 0);

/**
 * The built web application; built here when a test runs before `npm run build` did, or after the
 * app's sources changed (a stale bundle would test yesterday's pages). Jest's workers build one at a
 * time: the first takes a lock directory, the others wait for it and find the bundle fresh.
 */
export const ensureWebBuilt = (): void => {
  const index = join(ROOT, 'dist/web/index.html');
  const lock = join(ROOT, 'dist/.web-build.lock');
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= newestChange(join(ROOT, 'apps/web'));
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; !fresh(); waited += 200) {
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    try {
      mkdirSync(lock);
    } catch {
      if (waited > 180_000) rmSync(lock, { recursive: true, force: true }); // a build that died holding it
      Atomics.wait(pause, 0, 0, 200);
      continue;
    }
    try {
      if (!fresh()) execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/web/vite.config.mts')], { cwd: ROOT, stdio: 'inherit' });
      return; // built now (a source dated in the future must not make every test build again)
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
};

const chromiumPath = (): string => {
  const which = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser']);
  if (which.status !== 0) throw new Error('chromium is not installed: apt-get install -y chromium (scripts/test-prerequisites.sh does this)');
  return which.stdout.toString().trim();
};

/**
 * Debian's headless Chromium driven by playwright-core, with the flags this machine needs and a fresh
 * profile (user-data-dir) removed on close.
 */
export const launchBrowser = async (): Promise<{ context: BrowserContext; page: Page; close: () => Promise<void> }> => {
  const profile = mkdtempSync(join(tmpdir(), 'asb-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** axe-core against WCAG 2.0 and 2.1, levels A and AA: the violations, each with the elements it found. */
export const accessibilityViolations = async (page: Page): Promise<string[]> => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

/** Fails the test with the page's name and every violation axe-core finds at WCAG 2.1 AA. */
export const expectNoViolations = async (page: Page, what: string): Promise<void> => {
  expect({ page: what, violations: await accessibilityViolations(page) }).toEqual({ page: what, violations: [] });
};

/** A screenshot of a role's main page in docs/screenshots, written by the tests so that it stays current. */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  const dir = join(ROOT, 'docs/screenshots');
  mkdirSync(dir, { recursive: true });
  // The same picture every run: no hover state under a pointer left where the last click was, no caret.
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
};

/** Presses Tab until the element with this accessible text has the focus: a keyboard user's way to it. */
export const tabTo = async (page: Page, text: string, maxPresses = 80): Promise<number> => {
  for (let presses = 1; presses <= maxPresses; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate<string>("(document.activeElement && document.activeElement.textContent || '').trim()");
    if (focused === text) return presses;
  }
  throw new Error(`"${text}" never took the focus in ${maxPresses} presses of Tab`);
};

/** Signs in at the local OpenID Connect provider as one of its demo accounts, from the app's sign-in page. */
export const signIn = async (page: Page, baseUrl: string, issuer: string, account: string): Promise<void> => {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${issuer}/**`);
  await page.getByLabel(new RegExp(`— ${account}$`)).check();
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL(`${baseUrl}/`);
};

/** Signs out in the web application and confirms at the provider, which returns to the application's start page. */
export const signOutAtProvider = async (page: Page, baseUrl: string, issuer: string): Promise<void> => {
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL(`${issuer}/**`);
  await page.getByRole('button', { name: 'Ja, uitloggen' }).click();
  await page.waitForURL(`${baseUrl}/`);
};

/**
 * A checkpoint key derived from a fixed seed, for tests whose screenshots show key ids and roots:
 * with a key drawn at random, every run would write a different picture. Never a real key.
 */
export const screenshotSigningKeyPem = (): string => {
  const pkcs8Ed25519Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  const seed = createHash('sha256').update('asb-ledger screenshots: not a secret').digest();
  return createPrivateKey({ key: Buffer.concat([pkcs8Ed25519Prefix, seed]), format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
};
