export * from './farm-data.reader';
export * from './farm-data.module';
