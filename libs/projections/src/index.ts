export * from './projection';
export * from './read-model-store';
export * from './projection-runner';
export * from './catalogue/event-catalogue.projection';
export * from './farms/farm-register.projection';
export * from './all-projections';
