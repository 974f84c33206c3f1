export * from './shared/decider';
export * from './shared/domain-error';
export * from './shared/streams';
export * from './farm/farm';
export * from './upcasters';
