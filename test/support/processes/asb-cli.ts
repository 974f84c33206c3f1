import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

/**
 * `spawn(process.execPath, asbFromSources('verify'))`: the CLI from the sources, compiled as jest
 * compiles them (register-ts.cjs). The CLI is built by Nest (D62), whose injection needs the decorator
 * metadata that tsx/esbuild does not emit.
 */
export const asbFromSources = (...args: string[]): string[] => ['-r', join(root, 'test/support/processes/register-ts.cjs'), join(root, 'apps/cli/src/main.ts'), ...args];
