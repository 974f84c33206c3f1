import type { StoredEvent } from '@asb/event-store';

/**
 * A projection is a keyed fold: which documents an event touches, the initial state of a
 * document, and a pure evolve. The runner owns I/O; the same evolve serves live updates,
 * rebuilds and as-of queries (fold over the events known at a moment).
 */
export type Projection<State = unknown> = Readonly<{
  name: string;
  /** Bump when evolve changes meaning: the runner rebuilds a projection whose version moved. */
  version: number;
  /** The event types it folds; '*' for every type. */
  handles: readonly string[] | '*';
  keysOf: (event: StoredEvent) => readonly string[];
  initialState: (key: string) => State;
  evolve: (state: State, event: StoredEvent) => State;
}>;

/** Fold events into documents in memory: the as-of path and the given/when/then test path. */
export const foldProjection = <State>(projection: Projection<State>, events: Iterable<StoredEvent>): Map<string, State> => {
  const docs = new Map<string, State>();
  const handles = handlerFilter(projection);
  for (const event of events) {
    if (!handles(event.type)) continue;
    for (const key of projection.keysOf(event)) {
      docs.set(key, projection.evolve(docs.get(key) ?? projection.initialState(key), event));
    }
  }
  return docs;
};

export const handlerFilter = (projection: Projection<any>): ((type: string) => boolean) => {
  if (projection.handles === '*') return () => true;
  const set = new Set(projection.handles);
  return (type) => set.has(type);
};
