/** All tiers (*.spec.ts unit, *.int.spec.ts real stores/Redis, *.e2e.spec.ts HTTP) run from `npm test`. */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
module.exports = {
  testEnvironment: 'node',
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
