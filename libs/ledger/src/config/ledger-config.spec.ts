import { loadLedgerConfig } from './ledger-config';
import { createEventStore } from '@asb/event-store';

describe('loadLedgerConfig', () => {
  it('reads a token lifetime and a checkpoint window given in whole seconds', () => {
    const config = loadLedgerConfig({ TOKEN_MAX_LIFETIME_SECONDS: '3600', CHECKPOINT_INTERVAL_SECONDS: '10' });
    expect([config.tokenMaxLifetimeSeconds, config.checkpointIntervalSeconds]).toEqual([3600, 10]);
    expect(loadLedgerConfig({}).tokenMaxLifetimeSeconds).toBe(12 * 3600);
  });

  it.each(['12h', '0', '-5', '1.5', 'Infinity', ' '])('refuses to start on a token lifetime of %j instead of switching the bound off', (value) => {
    expect(() => loadLedgerConfig({ TOKEN_MAX_LIFETIME_SECONDS: value })).toThrow(/TOKEN_MAX_LIFETIME_SECONDS must be a whole number/);
  });

  it('lets the folds hold 100,000 events per thread unless FOLDED_STREAM_EVENTS says, and refuses a bound that is not one (D72, third step)', () => {
    expect(loadLedgerConfig({}).foldedStreamEvents).toBe(100_000);
    expect(loadLedgerConfig({ FOLDED_STREAM_EVENTS: '30000' }).foldedStreamEvents).toBe(30_000);
    expect(() => loadLedgerConfig({ FOLDED_STREAM_EVENTS: '100k' })).toThrow(/FOLDED_STREAM_EVENTS must be a whole number/);
  });

  it('lets the folds weigh 256 MB per thread unless FOLDED_STREAM_MB says, and refuses a bound that is not one (D79)', () => {
    expect(loadLedgerConfig({}).foldedStreamMegabytes).toBe(256);
    expect(loadLedgerConfig({ FOLDED_STREAM_MB: '512' }).foldedStreamMegabytes).toBe(512);
    expect(() => loadLedgerConfig({ FOLDED_STREAM_MB: '1.5' })).toThrow(/FOLDED_STREAM_MB must be a whole number/);
  });

  it('keeps the what-if inputs warm unless WHAT_IF_INPUTS=on-demand, and refuses another value (D71)', () => {
    expect(loadLedgerConfig({}).whatIfInputs).toBe('warm');
    expect(loadLedgerConfig({ WHAT_IF_INPUTS: 'on-demand' }).whatIfInputs).toBe('on-demand');
    expect(() => loadLedgerConfig({ WHAT_IF_INPUTS: 'hot' })).toThrow(/WHAT_IF_INPUTS must be one of warm, on-demand/);
  });

  it('evaluates what-ifs on one thread, warm or on demand, unless WHAT_IF_THREADS says (D74: two were slower on a quiet 2-core machine)', () => {
    expect(loadLedgerConfig({}).whatIfThreads).toBe(1);
    expect(loadLedgerConfig({ WHAT_IF_INPUTS: 'on-demand' }).whatIfThreads).toBe(1);
    expect(loadLedgerConfig({ WHAT_IF_THREADS: '1' }).whatIfThreads).toBe(1);
    expect(loadLedgerConfig({ WHAT_IF_INPUTS: 'on-demand', WHAT_IF_THREADS: '3' }).whatIfThreads).toBe(3);
  });
});

describe('the event store in the configuration', () => {
  it('is the embedded store unless DATABASE_URL (PostgreSQL) or EVENTSTORE_URL is set; both at once is refused', () => {
    expect(loadLedgerConfig({}).databaseUrl).toBeUndefined();
    expect(loadLedgerConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(loadLedgerConfig({ DATABASE_URL: 'postgres://asb@db/asb' }).databaseUrl).toBe('postgres://asb@db/asb');
    expect(() => createEventStore({ dataDir: '/nonexistent', databaseUrl: 'postgres://asb@db/asb', eventStoreUrl: 'esdb://es:2113' })).toThrow('choose one');
  });
});
