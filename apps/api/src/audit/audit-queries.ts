import type { EventStore, StoredEvent } from '@asb/event-store';
import type { CheckpointStore } from '@asb/event-store';
import type { FarmRecord, ReadModels } from '@asb/projections';
import { decodeCursor, encodeCursor, pageOf, type CursorPage } from '../http/cursor-page';

export type EventFilter = Readonly<{ farmId?: string; type?: string; actorId?: string; from?: string; to?: string }>;

export type EventSummary = Readonly<{ position: number; streamId: string; revision: number; type: string; recordedAt: string; actor: Readonly<{ id: string; role: string }>; farmId: string | null }>;

export type FarmHit = Readonly<{ farmId: string; farmerId: string; province: string; livestockUnits: number; registeredAt: string }>;

export type CheckpointSummary = Readonly<{ treeSize: number; rootHash: string; lastPosition: number; issuedAt: string; keyId: string }>;

/** The log is read this many events at a time, and at most this many per request: a sparse filter answers a short page with a cursor to go on from. */
const BATCH = 500;
const SCAN_BUDGET = 20_000;

const matches = (e: StoredEvent, f: EventFilter): boolean => {
  const farmId = (e.data as { farmId?: unknown }).farmId;
  const at = Date.parse(e.metadata.recordedAt);
  return (
    (!f.farmId || farmId === f.farmId) &&
    (!f.type || e.type === f.type) &&
    (!f.actorId || e.metadata.actor.id === f.actorId) &&
    (!f.from || at >= Date.parse(f.from)) &&
    (!f.to || at < Date.parse(f.to))
  );
};

const summary = (e: StoredEvent): EventSummary => {
  const farmId = (e.data as { farmId?: unknown }).farmId;
  return { position: e.position, streamId: e.streamId, revision: e.revision, type: e.type, recordedAt: e.metadata.recordedAt, actor: { id: e.metadata.actor.id, role: e.metadata.actor.role }, farmId: typeof farmId === 'string' ? farmId : null };
};

const positionOf = (cursor: string | undefined): number => {
  const n = Number(decodeCursor(cursor) || '0');
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
};

/** The regulator's searches (D54): events of the whole log, farms, checkpoints — each a page at a time. */
export class AuditQueries {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModels,
    private readonly checkpoints: CheckpointStore,
  ) {}

  /**
   * Events in log order that match every filter given, after the cursor's position. The cursor is a
   * log position: stable whatever is appended later. A page may hold fewer than `limit` events and
   * still have a next cursor, when the scan budget ran out before the log did.
   */
  async events(filter: EventFilter, page: { cursor?: string; limit?: number }): Promise<CursorPage<EventSummary>> {
    const limit = page.limit ?? 20;
    const items: EventSummary[] = [];
    let after = positionOf(page.cursor);
    let scanned = 0;
    for (;;) {
      const batch = await this.store.readAll({ after, limit: BATCH });
      for (const e of batch) {
        after = e.position;
        scanned++;
        if (!matches(e, filter)) continue;
        if (items.length === limit) return { items, nextCursor: encodeCursor(String(items[items.length - 1]!.position)) };
        items.push(summary(e));
      }
      if (batch.length < BATCH) return { items, nextCursor: null };
      if (scanned >= SCAN_BUDGET) return { items, nextCursor: encodeCursor(String(after)) };
    }
  }

  /** Farms whose id, farmer or province holds the words asked for (case-insensitive), by farm id. */
  farms(q: string | undefined, page: { cursor?: string; limit?: number }): Promise<CursorPage<FarmHit>> {
    const words = (q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return pageOf<FarmRecord, FarmHit>(this.readModels, 'farm-register', page, ({ doc }) => {
      if (!doc) return null;
      const text = `${doc.farmId} ${doc.farmerId} ${doc.province}`.toLowerCase();
      return words.every((w) => text.includes(w)) ? { farmId: doc.farmId, farmerId: doc.farmerId, province: doc.province, livestockUnits: doc.livestockUnits, registeredAt: doc.registeredAt } : null;
    });
  }

  /** Signed checkpoints, newest first; the cursor is the tree size of the last one shown. */
  async checkpointList(page: { cursor?: string; limit?: number }): Promise<CursorPage<CheckpointSummary>> {
    const limit = page.limit ?? 20;
    const below = page.cursor === undefined ? Infinity : positionOf(page.cursor);
    const older = (await this.checkpoints.all()).filter((c) => c.treeSize < below).sort((a, b) => b.treeSize - a.treeSize);
    const items = older.slice(0, limit).map((c) => ({ treeSize: c.treeSize, rootHash: c.rootHash, lastPosition: c.lastPosition, issuedAt: c.issuedAt, keyId: c.keyId }));
    return { items, nextCursor: older.length > limit ? encodeCursor(String(items[items.length - 1]!.treeSize)) : null };
  }
}
