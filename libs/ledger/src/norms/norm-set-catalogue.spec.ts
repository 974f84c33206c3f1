import { InMemoryEventStore } from '@asb/event-store';
import type { NormSetCatalogueEntry, ReadModels } from '@asb/projections';
import { newEvent } from '../../../../test/support/new-event';
import { LogWatch } from '../command-handling/log-watch';
import { NormSetCatalogue } from './norm-set-catalogue';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** The catalogue projection as the request thread sees it: its checkpoint and documents, moved by hand as a projection would move them. */
const projected = () => {
  const reads = { checkpoint: 0, list: 0 };
  const at = { checkpoint: { position: 0, version: 1, eventsApplied: 0 }, docs: [] as NormSetCatalogueEntry[] };
  const readModels = {
    checkpoint: async () => (reads.checkpoint++, at.checkpoint),
    list: async () => (reads.list++, at.docs.map((doc) => ({ key: doc.normSetId, doc }))),
  } as unknown as ReadModels;
  return { reads, at, readModels };
};
const entry = (normSetId: string) => ({ normSetId, kind: 'levy', withdrawn: false, versions: [] }) as unknown as NormSetCatalogueEntry;

describe('NormSetCatalogue: the view read again only when a norm set changed', () => {
  it('with the log watched, reads the projection only while a norm-set event is newer than its view (D84)', async () => {
    const log = new InMemoryEventStore();
    await log.append('farm-1', [newEvent('FarmRegistered', {}), newEvent('FarmAmended', {})], 'no_stream');
    const { reads, at, readModels } = projected();
    at.checkpoint = { position: 2, version: 1, eventsApplied: 0 };
    const catalogue = new NormSetCatalogue(readModels, new LogWatch(log));

    expect((await catalogue.current()).entries()).toEqual([]);
    await nextTurn();
    await catalogue.current();
    expect(reads).toEqual({ checkpoint: 1, list: 1 });

    // Events the catalogue does not fold: nothing read.
    await log.append('farm-1', [newEvent('BalanceDataSubmitted', {})], 1);
    await nextTurn();
    await catalogue.current();
    expect(reads).toEqual({ checkpoint: 1, list: 1 });

    // A norm set published: the checkpoint is read until the projection has reached it, then the documents once.
    await log.append('norm-set-levy-x', [newEvent('NormSetPublished', {})], 'no_stream');
    await nextTurn();
    expect((await catalogue.current()).entries()).toEqual([]);
    at.checkpoint = { position: 3, version: 1, eventsApplied: 0 };
    await nextTurn();
    expect((await catalogue.current()).entries()).toEqual([]);
    expect(reads).toEqual({ checkpoint: 3, list: 1 });
    at.checkpoint = { position: 4, version: 1, eventsApplied: 1 };
    at.docs = [entry('levy-x')];
    await nextTurn();
    expect((await catalogue.current()).entries()).toEqual([entry('levy-x')]);
    await nextTurn();
    await catalogue.current();
    expect(reads).toEqual({ checkpoint: 4, list: 2 });
  });

  it('waits for the projection to reach the head of the log it first saw: what came before is unknown', async () => {
    const log = new InMemoryEventStore();
    await log.append('norm-set-levy-x', [newEvent('NormSetPublished', {})], 'no_stream');
    const { reads, at, readModels } = projected();
    const catalogue = new NormSetCatalogue(readModels, new LogWatch(log));
    await catalogue.current(); // the projection has not started
    await nextTurn();
    at.checkpoint = { position: 1, version: 1, eventsApplied: 1 };
    at.docs = [entry('levy-x')];
    expect((await catalogue.current()).entries()).toEqual([entry('levy-x')]);
    await nextTurn();
    await catalogue.current();
    expect(reads).toEqual({ checkpoint: 2, list: 2 });
  });

  it('reads the checkpoint on every use without a watch (CATALOGUE_LOG_WATCH=off, or PostgreSQL), and the documents when it moved', async () => {
    const { reads, at, readModels } = projected();
    const catalogue = new NormSetCatalogue(readModels);
    await catalogue.current();
    await catalogue.current();
    at.checkpoint = { position: 5, version: 1, eventsApplied: 1 };
    at.docs = [entry('levy-x')];
    expect((await catalogue.current()).entries()).toEqual([entry('levy-x')]);
    expect(reads).toEqual({ checkpoint: 3, list: 2 });
  });
});
