import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@asb/event-store';

export type EventFilter = Readonly<{ farmId?: string; type?: string; actorId?: string; from?: string; to?: string }>;

export type EventSummary = Readonly<{ position: number; streamId: string; revision: number; type: string; recordedAt: string; actor: Readonly<{ id: string; role: string }>; farmId: string | null }>;

/** A page of events; `next` is the log position to go on after, null once the log is searched to its end. */
export type EventPage = Readonly<{ items: EventSummary[]; next: number | null }>;

/** The log is read this many events at a time, and at most this many per search: a sparse filter answers a short page with a position to go on from. */
const BATCH = 500;
const SCAN_BUDGET = 20_000;

const farmIdOf = (e: StoredEvent): string | null => {
  const farmId = (e.data as { farmId?: unknown }).farmId;
  return typeof farmId === 'string' ? farmId : null;
};

const matches = (e: StoredEvent, f: EventFilter): boolean => {
  const at = Date.parse(e.metadata.recordedAt);
  return (
    (!f.farmId || farmIdOf(e) === f.farmId) &&
    (!f.type || e.type === f.type) &&
    (!f.actorId || e.metadata.actor.id === f.actorId) &&
    (!f.from || at >= Date.parse(f.from)) &&
    (!f.to || at < Date.parse(f.to))
  );
};

export const summaryOf = (e: StoredEvent): EventSummary => ({
  position: e.position,
  streamId: e.streamId,
  revision: e.revision,
  type: e.type,
  recordedAt: e.metadata.recordedAt,
  actor: { id: e.metadata.actor.id, role: e.metadata.actor.role },
  farmId: farmIdOf(e),
});

/**
 * The regulator's search of the whole log (D54): events by farm, type, actor and time recorded, in
 * log order after a position — stable whatever is appended later. The log as written is searched
 * (the stored types and actors), as the verifier reads it.
 */
@Injectable()
export class EventSearch {
  constructor(@Inject(EVENT_STORE) private readonly log: EventStore) {}

  async events(filter: EventFilter, page: { after: number; limit: number }): Promise<EventPage> {
    const items: EventSummary[] = [];
    let after = page.after;
    let scanned = 0;
    for (;;) {
      const batch = await this.log.readAll({ after, limit: BATCH });
      for (const e of batch) {
        after = e.position;
        scanned++;
        if (!matches(e, filter)) continue;
        if (items.length === page.limit) return { items, next: items[items.length - 1]!.position };
        items.push(summaryOf(e));
      }
      if (batch.length < BATCH) return { items, next: null };
      if (scanned >= SCAN_BUDGET) return { items, next: after };
    }
  }
}
