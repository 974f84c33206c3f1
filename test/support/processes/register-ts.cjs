/**
 * `node -r ./test/support/processes/register-ts.cjs apps/api/src/main.ts`: runs the TypeScript
 * sources in a child process the way jest runs them (swc with decorator metadata, which Nest's
 * injection needs and tsx/esbuild does not emit; the @asb/* paths of tsconfig), so a test of a
 * real process tests the code in the working tree, not a dist/ that may be stale or missing.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const root = join(__dirname, '..', '..', '..');
const lib = /^@asb\/(domain|event-store|projections|jobs|ledger)(\/.*)?$/;
const swc = require('../swc-options.cjs');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = lib.exec(request);
  return resolveFilename.call(this, m ? join(root, 'libs', m[1], 'src', m[2] ?? '') : request, ...rest);
};

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swc, filename });
  module._compile(code, filename);
};
