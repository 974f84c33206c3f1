export * from './farm-history';
export * from './recomputations';
export * from './explanations';
export * from './audit.module';
