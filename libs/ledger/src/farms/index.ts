export * from './farm.handler';
export * from './access-denial.recorder';
export * from './farm-data-read.recorder';
export * from './farms.module';
