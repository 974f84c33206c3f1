export * from './amendment-reactor';
export * from './amendments.module';
