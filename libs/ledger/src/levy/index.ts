export * from './levy.handler';
export * from './levy.service';
export * from './levies.module';
