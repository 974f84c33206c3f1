/** Architecture rules checked by `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain is pure TypeScript: no Nest, no I/O, no other lib of ours, no node built-ins.',
      severity: 'error',
      from: { path: '^libs/domain/src' },
      to: { path: ['node_modules/@nestjs', 'node_modules/better-sqlite3', 'node_modules/@eventstore', 'node_modules/bullmq', 'node_modules/ioredis', '^libs/(event-store|projections|jobs|ledger)', '^apps/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'domain-no-node-io',
      severity: 'error',
      from: { path: '^libs/domain/src', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|node:fs|node:net|node:http|node:https|node:child_process)$' },
    },
    {
      name: 'libs-do-not-reach-into-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'event-store-knows-no-domain',
      comment: 'the event store is generic infrastructure',
      severity: 'error',
      from: { path: '^libs/event-store/src' },
      to: { path: '^libs/(domain|projections|jobs|ledger)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
