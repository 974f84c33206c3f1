export * from './equivalent-measures.handler';
export * from './equivalent-measures.module';
export * from './registration-norms';
