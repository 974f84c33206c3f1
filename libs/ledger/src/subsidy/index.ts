export * from './application.handler';
export * from './budget.handler';
export * from './subsidy.service';
export * from './subsidy.module';
