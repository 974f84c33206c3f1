export * from './farm.handler';
export * from './access-denial.recorder';
export * from './farms.module';
