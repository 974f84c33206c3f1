export * from './amendment-reactor';
