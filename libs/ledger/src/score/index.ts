export * from './score.handler';
export * from './scoring.service';
export * from './scores.module';
export * from './forward-score.handler';
