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
      name: 'controllers-do-not-decide',
      comment: 'A controller maps a DTO to one command and calls one handler (D50): it never reaches a decider, the stream names or the write path itself. `@asb/domain` and `@asb/ledger` are barrels, so architecture.spec.ts checks the names imported from them as well.',
      severity: 'error',
      from: { path: '^apps/api/src/.*\\.controller\\.ts$' },
      to: {
        path: [
          '^libs/domain/src/(farm/farm|authorisation/authorisation|submission/balance-submissions|checks/findings|score/score|subsidy/(application|budget)|levy/levy|norms/norm-set-aggregate|equivalent-measures/equivalent-measures|shared/(decider|streams))\\.ts$',
          '^libs/ledger/src/command-handling/(command-service|decider-handler)\\.ts$',
        ],
      },
    },
    {
      name: 'slices-meet-through-their-public-face',
      comment: "An area of libs/ledger reaches another area only through that area's index.ts (its module, handlers, services and queries), never a file inside it (D50).",
      severity: 'error',
      from: { path: '^libs/ledger/src/(farms|authorisations|submissions|checks|score|subsidy|levy|norms|equivalent-measures|audit|amendments|whatif)/', pathNot: '\\.spec\\.ts$' },
      to: {
        path: '^libs/ledger/src/(farms|authorisations|submissions|checks|score|subsidy|levy|norms|equivalent-measures|audit|amendments|whatif)/',
        pathNot: ['^libs/ledger/src/$1/', '^libs/ledger/src/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'projection-names-stay-in-their-slice',
      comment: 'Read models are reached through the typed queries beside each projection (libs/projections/src/<area>/*.queries.ts), written against the ReadModels port; nothing outside libs/projections names a projection or its keys (D50).',
      severity: 'error',
      from: { path: '^(apps/api/src|libs/ledger/src)/', pathNot: ['\\.spec\\.ts$'] },
      to: { path: '^libs/projections/src/.*\\.projection\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'runtime-only-in-composition-root',
      comment: 'LedgerRuntime chooses the adapters; only the composition root (LedgerModule, the CLI through open-ledger, tests and benches) reaches it, through @asb/ledger/composition. Everything else injects area providers and ports (D50, D62).',
      severity: 'error',
      from: {
        pathNot: [
          '^libs/ledger/src/(ledger\\.module|composition)\\.ts$',
          '^apps/cli/src/commands/open-ledger\\.ts$',
          '^test/',
          '\\.spec\\.ts$',
        ],
      },
      to: { path: '^libs/ledger/src/(ledger-runtime|composition)\\.ts$' },
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
