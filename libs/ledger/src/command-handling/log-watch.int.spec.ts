import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, type Command, type Decider, type DomainEvent } from '@asb/domain';
import { SqliteEventStore, UpcasterRegistry } from '@asb/event-store';
import { newEvent } from '../../../../test/support/new-event';
import { counter } from '../../../../test/support/counter-decider';
import { CommandService } from './command-service';
import { LogWatch } from './log-watch';

/** A gate another stream's decision depends on, as a submission depends on the farm's authorisations. */
type GateEvent = DomainEvent<'GateOpened' | 'GateClosed', Record<string, never>>;
const gate: Decider<boolean, Command<'Open', Record<string, never>>, GateEvent> = {
  decide: () => [{ type: 'GateOpened', data: {} }],
  evolve: (_, e) => e.type === 'GateOpened',
  initialState: () => false,
};
const ctx = (commandId: string) => ({ commandId, actor: { id: 'a', role: 'farmer' as const }, now: '2025-09-01T08:00:00.000Z' });
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * D84 on the embedded store: this process's folds and a second connection to the same file — another
 * process (the worker, the CLI) as far as SQLite can tell.
 */
describe('one look at the log per turn instead of a revision read per stream (D84)', () => {
  let dir: string;
  let ours: SqliteEventStore;
  let theirs: SqliteEventStore;
  const counts = { revisions: 0, looks: 0 };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'asb-log-watch-'));
    ours = new SqliteEventStore({ file: join(dir, 'events.db'), pollMs: 20 });
    theirs = new SqliteEventStore({ file: join(dir, 'events.db'), pollMs: 20 });
    counts.revisions = counts.looks = 0;
    const revision = ours.streamRevision.bind(ours);
    ours.streamRevision = (id) => (counts.revisions++, revision(id));
    const appendedAfter = ours.appendedAfter.bind(ours);
    ours.appendedAfter = (after, limit) => (counts.looks++, appendedAfter(after, limit));
  });
  afterEach(async () => {
    await ours.close();
    await theirs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A command on `c` that the gate must allow, loaded first as the access check loads a farm's authorisations. */
  const submit = async (commands: CommandService, id: string) => {
    const { state: open } = await commands.load('gate', gate);
    if (!open) throw new DomainError('GATE_CLOSED', 'the gate is closed');
    return commands.handle('c', counter, { type: 'Add', data: { n: 1 } }, ctx(id));
  };

  it('sees what another process appended to a stream the decision only read, from the next turn on, without a read per stream', async () => {
    const commands = new CommandService(ours, new UpcasterRegistry(), {}, new LogWatch(ours));
    await commands.handle('gate', gate, { type: 'Open', data: {} }, ctx('open'));
    await submit(commands, 's1');
    await nextTurn();
    expect(await submit(commands, 's2')).toMatchObject({ stored: [{ revision: 1 }] });
    // Another process closes the gate: the next submission is refused, not decided on the gate held.
    await theirs.append('gate', [newEvent('GateClosed', {})], 0);
    await nextTurn();
    await expect(submit(commands, 's3')).rejects.toMatchObject({ code: 'GATE_CLOSED' });
    // And appends to the decision's own stream are folded in, not refused as a stale revision.
    await theirs.append('gate', [newEvent('GateOpened', {})], 1);
    await theirs.append('c', [newEvent('Added', { n: 10 })], 1);
    await nextTurn();
    expect(await submit(commands, 's4')).toMatchObject({ stored: [{ revision: 3 }] });
    expect((await commands.load('c', counter)).state).toBe(13);
    expect(counts.revisions).toBe(0);
  });

  it("sees this connection's own appends made outside a command, which SQLite's data version does not count", async () => {
    const commands = new CommandService(ours, new UpcasterRegistry(), {}, new LogWatch(ours));
    await commands.handle('gate', gate, { type: 'Open', data: {} }, ctx('open'));
    await submit(commands, 's1');
    await nextTurn();
    await ours.append('gate', [newEvent('GateClosed', {})], 0);
    await nextTurn();
    await expect(submit(commands, 's2')).rejects.toMatchObject({ code: 'GATE_CLOSED' });
    // And a look after another connection's commit lists once; the next finds nothing new without listing.
    const listing = jest.spyOn((ours as unknown as { stmt: { appendedAfter: { all: () => unknown } } }).stmt.appendedAfter, 'all');
    await theirs.append('other', [newEvent('Added', { n: 1 })], 'no_stream');
    await nextTurn();
    await commands.load('gate', gate);
    await nextTurn();
    await commands.load('gate', gate);
    expect(listing).toHaveBeenCalledTimes(1);
    expect(counts.revisions).toBe(0);
  });

  it('looks once for every load of a turn, and again in the next turn', async () => {
    const commands = new CommandService(ours, new UpcasterRegistry(), {}, new LogWatch(ours));
    await commands.handle('gate', gate, { type: 'Open', data: {} }, ctx('open'));
    await nextTurn();
    const before = counts.looks;
    await Promise.all([commands.load('gate', gate), commands.load('c', counter), commands.load('gate', gate)]);
    expect(counts.looks - before).toBe(1);
    await nextTurn();
    await commands.load('gate', gate);
    expect(counts.looks - before).toBe(2);
    // A command: its load shares the turn's look; its append resolves in a turn of its own, where the next load looks again.
    await commands.handle('c', counter, { type: 'Add', data: { n: 1 } }, ctx('x'));
    expect(counts.looks - before).toBe(2);
    await commands.load('c', counter);
    expect(counts.looks - before).toBe(3);
    expect(counts.revisions).toBe(0);
  });

  it('lets every fold go when more was appended than one look lists, and reads them whole again', async () => {
    const commands = new CommandService(ours, new UpcasterRegistry(), {}, new LogWatch(ours, true, 3));
    await commands.handle('c', counter, { type: 'Add', data: { n: 1 } }, ctx('k0'));
    await theirs.append('c', [1, 2, 3, 4].map((n) => newEvent('Added', { n })), 0);
    await nextTurn();
    const read = jest.spyOn(ours, 'readStream');
    expect(await commands.load('c', counter)).toMatchObject({ state: 11, revision: 4 });
    expect(read.mock.calls).toEqual([['c', { fromRevision: 0 }]]);
  });

  it('reads a revision per stream when switched off (LOG_WATCH=off), as before', async () => {
    const commands = new CommandService(ours, new UpcasterRegistry(), {}, new LogWatch(ours, false));
    await commands.handle('gate', gate, { type: 'Open', data: {} }, ctx('open'));
    await submit(commands, 's1');
    await theirs.append('gate', [newEvent('GateClosed', {})], 0);
    await expect(submit(commands, 's2')).rejects.toMatchObject({ code: 'GATE_CLOSED' });
    expect(counts.looks).toBe(0);
    expect(counts.revisions).toBe(2); // the gate's, held since the first command, for each submission
  });
});
