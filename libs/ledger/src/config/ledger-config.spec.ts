import { loadLedgerConfig } from './ledger-config';
import { createEventStore } from '@asb/event-store';

describe('the read-your-writes bound in the configuration', () => {
  it('defaults to 2 s and takes READ_YOUR_WRITES_TIMEOUT_MS in milliseconds', () => {
    expect(loadLedgerConfig({}).readYourWritesTimeoutMs).toBe(2000);
    expect(loadLedgerConfig({ READ_YOUR_WRITES_TIMEOUT_MS: '250' }).readYourWritesTimeoutMs).toBe(250);
    expect(loadLedgerConfig({ READ_YOUR_WRITES_TIMEOUT_MS: '0' }).readYourWritesTimeoutMs).toBe(0);
    // Node fires a timer longer than 2^31 - 1 ms at once: a long bound must not become none.
    expect(loadLedgerConfig({ READ_YOUR_WRITES_TIMEOUT_MS: '9999999999' }).readYourWritesTimeoutMs).toBe(2 ** 31 - 1);
  });

  it.each(['', 'soon', '-5', 'Infinity'])('keeps the default for %j rather than waiting forever or never', (value) => {
    expect(loadLedgerConfig({ READ_YOUR_WRITES_TIMEOUT_MS: value }).readYourWritesTimeoutMs).toBe(2000);
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
