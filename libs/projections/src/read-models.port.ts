import type { ReadModelStore } from './read-model-store';

export type ReadModelDocument<State> = Readonly<{ key: string; doc: State }>;

/** A page of documents in key order; `next` is the last key of the page when more may follow. */
export type ReadModelPage<State> = Readonly<{ items: ReadModelDocument<State>[]; next: string | null }>;

/**
 * What queries may ask of the read models, whichever store holds them. Asynchronous because a
 * server store (PostgreSQL, issue 15) answers over the network; the embedded SQLite store answers
 * at once. Typed queries per projection are written against this port, never against a store.
 */
export interface ReadModels {
  get<State>(projection: string, key: string): Promise<State | undefined>;
  list<State>(projection: string, keyPrefix?: string): Promise<ReadModelDocument<State>[]>;
  /** Documents whose key starts with `prefix` and ends with `suffix`. */
  listMatching<State>(projection: string, prefix: string, suffix: string): Promise<ReadModelDocument<State>[]>;
  /** Up to `limit` documents with keys after `after` (exclusive), starting with `prefix`, in key order. */
  page<State>(projection: string, options: { prefix?: string; after?: string; limit: number }): Promise<ReadModelPage<State>>;
  count(projection: string): Promise<number>;
  checkpoint(projection: string): Promise<{ position: number; version: number; eventsApplied: number } | null>;
}

export const READ_MODELS = Symbol('READ_MODELS');

/** The embedded store behind the port. */
export const sqliteReadModels = (store: ReadModelStore): ReadModels => ({
  get: async (projection, key) => store.get(projection, key),
  list: async (projection, keyPrefix) => store.list(projection, keyPrefix),
  listMatching: async (projection, prefix, suffix) => store.listMatching(projection, prefix, suffix),
  page: async (projection, options) => store.page(projection, options),
  count: async (projection) => store.count(projection),
  checkpoint: async (projection) => store.checkpoint(projection),
});
