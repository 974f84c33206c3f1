/** All tiers (*.spec.ts unit, *.int.spec.ts real stores/Redis, *.e2e.spec.ts HTTP) run from `npm test`. */
const swc = require('./test/support/swc-options.cjs');
module.exports = {
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/support/fast-check-seed.cjs'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@asb/(domain|event-store|projections|jobs|ledger)$': '<rootDir>/libs/$1/src',
    '^@asb/(domain|event-store|projections|jobs|ledger)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
  testTimeout: 60000,
  maxWorkers: 2,
};
