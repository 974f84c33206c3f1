import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, readAllInBatches, type NewEvent } from '@asb/event-store';
import { fmt, line, rate, rawReadAndParse, time } from './measure';

const payload = (i: number) => ({
  farmId: `farm-${i % 1000}`, year: 2025, source: 'KLW', sourceDocumentId: `doc-${i}`,
  indicators: { nFarmSurplusKgHa: 137.3, nh3KgHa: 55.2, milkUreaMg100g: 18, grazingHours: 1200 },
});
const event = (i: number): NewEvent => {
  const id = randomUUID();
  return {
    id, type: 'BalanceDataSubmitted', schemaVersion: 1, data: payload(i),
    metadata: { actor: { id: 'bench', role: 'system' }, recordedAt: '2025-09-01T00:00:00.000Z', correlationId: id, causationId: id },
  };
};

/** Raw SQLite with the same durability settings and a row of the same size, as the yardstick. */
const rawEngine = (file: string) => {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE raw (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, stream TEXT, body TEXT)');
  return db;
};

export const benchEventStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'asb-bench-'));
  console.log('\nEvent store (embedded SQLite, WAL, synchronous=FULL) vs the raw engine on this machine');
  try {
    const SINGLE = 2000;
    const BATCHES = 1000;
    const BATCH = 100;
    const raw = rawEngine(join(dir, 'raw.db'));
    const insert = raw.prepare('INSERT INTO raw (id, stream, body) VALUES (?, ?, ?)');
    const rawSingle = await time(() => {
      for (let i = 0; i < SINGLE; i++) raw.transaction(() => insert.run(randomUUID(), `farm-${i % 1000}`, JSON.stringify(event(i))))();
    });
    const rawBatch = await time(() => {
      for (let b = 0; b < BATCHES; b++)
        raw.transaction(() => {
          for (let i = 0; i < BATCH; i++) insert.run(randomUUID(), `farm-${b % 1000}`, JSON.stringify(event(i)));
        })();
    });
    const rawRead = await time(() => rawReadAndParse(raw, 'raw'));
    raw.close();

    const store = new SqliteEventStore({ file: join(dir, 'events.db') });
    const revisions = new Map<string, number>();
    const ours = await time(async () => {
      for (let i = 0; i < SINGLE; i++) {
        const stream = `farm-${i % 1000}`;
        const r = await store.append(stream, [event(i)], revisions.get(stream) ?? 'no_stream');
        revisions.set(stream, r.nextRevision);
      }
    });
    const oursBatch = await time(async () => {
      for (let b = 0; b < BATCHES; b++) {
        const stream = `batch-${b}`;
        await store.append(stream, Array.from({ length: BATCH }, (_, i) => event(i)), 'no_stream');
      }
    });
    const total = SINGLE + BATCHES * BATCH;
    const read = await time(async () => {
      let n = 0;
      for await (const batch of readAllInBatches(store, { batchSize: 10_000 })) n += batch.length;
      return n;
    });
    await store.close();

    line(`append, 1 event per call (${fmt(SINGLE)})`, `${fmt(rate(SINGLE, ours.ms))}/s vs raw ${fmt(rate(SINGLE, rawSingle.ms))}/s = ${(rawSingle.ms / ours.ms).toFixed(2)}×`);
    line(`append, ${BATCH} events per call (${fmt(BATCHES * BATCH)})`, `${fmt(rate(BATCHES * BATCH, oursBatch.ms))}/s vs raw ${fmt(rate(BATCHES * BATCH, rawBatch.ms))}/s = ${(rawBatch.ms / oursBatch.ms).toFixed(2)}×`);
    line(`read whole log (${fmt(total)} events, parsed)`, `${fmt(rate(read.value, read.ms))}/s vs raw read+JSON.parse ${fmt(rate(rawRead.value, rawRead.ms))}/s = ${(rawRead.ms / read.ms).toFixed(2)}×`);
    // The full replay is measured on the realistic national data set (national.bench.ts).
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
