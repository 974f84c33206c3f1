export * from './norm-set.handler';
export * from './norm-set.service';
export * from './norm-set-catalogue';
export * from './norm-sets.module';
