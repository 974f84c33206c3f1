export * from './balance-submission.handler';
export * from './submissions.module';
