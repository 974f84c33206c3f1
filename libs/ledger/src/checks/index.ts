export * from './findings.handler';
export * from './check-runner';
export * from './checks.module';
export * from './checks-progress';
export * from './findings-history';
