import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { loadLedgerConfig } from '@asb/ledger';
import { AppModule } from '../../apps/api/src/app.module';
import { openApiDocumentOf } from '../../apps/api/src/http/openapi-document';

const ROOT = join(__dirname, '..', '..');

/** The web app's API types, checked in (D80): `npm run api-types` writes them, `npm test` fails while they are stale. */
export const WEB_API_TYPES_FILE = join(ROOT, 'apps', 'web', 'src', 'api-types.generated.ts');

/**
 * The OpenAPI document as `/docs-json` answers it, without a server or a store: Nest's preview mode
 * reads the modules and controllers but instantiates no provider, so nothing is opened or written.
 */
export const openApiDocumentOffline = async () => {
  const config = loadLedgerConfig({ DATA_DIR: join(ROOT, 'unused-by-preview'), LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot({ config, processJobs: false, runProjections: false, scheduleSeals: false }), { preview: true, logger: false });
  try {
    return openApiDocumentOf(app);
  } finally {
    await app.close();
  }
};

/**
 * The types openapi-typescript makes of that document. Its CLI runs in a child process: the package's
 * CommonJS build still loads an ES module, which jest's module loader does not take.
 */
export const generateWebApiTypes = async (): Promise<string> => {
  const document = await openApiDocumentOffline();
  return execFileSync(process.execPath, [join(dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js')], { input: JSON.stringify(document), encoding: 'utf8', cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
};
