export * from './balance-basis';
export * from './uncertainty';
export * from './scenario';
export * from './farm-year-outcome';
export * from './area-classes';
export * from './what-if-report';
export * from './what-if-scenario';
