export * from './farm-history';
export * from './recomputations';
export * from './explanations';
export * from './audit.module';
export * from './event-search';
export * from './farm-difference';
export * from './checkpoint-list';
export * from './state-difference';
