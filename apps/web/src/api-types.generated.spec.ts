import { readFileSync, writeFileSync } from 'node:fs';
import { generateWebApiTypes, WEB_API_TYPES_FILE } from '../../../test/support/web-api-types';

/**
 * The web app reads and sends what the API documents (D80): its types are generated from the OpenAPI
 * document and checked in. A DTO changed without `npm run api-types` fails here; `npm run api-types`
 * runs this test with API_TYPES=write, which writes the file first.
 */
describe('the web app’s API types (apps/web/src/api-types.generated.ts)', () => {
  it('are what openapi-typescript makes of the API’s OpenAPI document now', async () => {
    const generated = await generateWebApiTypes();
    if (process.env.API_TYPES === 'write') writeFileSync(WEB_API_TYPES_FILE, generated);
    expect(generated).toContain('export interface paths');
    const checkedIn = readFileSync(WEB_API_TYPES_FILE, 'utf8');
    if (checkedIn !== generated) throw new Error('apps/web/src/api-types.generated.ts is not what the API documents now: run `npm run api-types` and commit the file');
  });
});
