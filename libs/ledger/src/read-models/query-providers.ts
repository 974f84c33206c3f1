import type { Provider } from '@nestjs/common';
import { READ_MODELS, type ReadModels } from '@asb/projections';

/** Typed queries over the ReadModels port, each bound to its class token (whichever store answers). */
export const queryProviders = (...queries: Array<new (readModels: ReadModels) => unknown>): Provider[] =>
  queries.map((Query) => ({ provide: Query, useFactory: (readModels: ReadModels) => new Query(readModels), inject: [READ_MODELS] }));
