export * from './what-if.service';
export * from './what-if-scenario.handler';
export * from './whatif.module';
export * from './what-if-inputs';
export * from './pseudonymise';
export * from './render-what-if-html';
export * from './render-what-if-csv';
