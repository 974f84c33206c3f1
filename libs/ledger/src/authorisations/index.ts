export * from './authorisation.handler';
export * from './authorisations.module';
