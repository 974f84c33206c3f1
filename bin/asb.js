#!/usr/bin/env node
// `npx asb <command>`: the compiled CLI (npm ci runs the build through the prepare script).
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  console.error('asb is not built yet: run `npm run build` (npm ci and npm start do it for you).');
  process.exit(1);
}
require(entry);
