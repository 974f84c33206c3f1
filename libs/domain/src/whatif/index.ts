export * from './named-paths';
export * from './balance-basis';
export * from './uncertainty';
export * from './scenario';
export * from './farm-year-outcome';
export * from './suppression';
export * from './what-if-report';
export * from './what-if-scenario';
