import { Client } from 'pg';
import { PostgresServer } from '../../../../test/support/postgres-server';
import { LeaderElection } from './leader-election';

const until = async (what: string, probe: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('one leader among processes on one PostgreSQL (advisory lock, D56)', () => {
  const server = new PostgresServer();
  let url: string;
  const elections: LeaderElection[] = [];
  const log: string[] = [];
  const candidate = (name: string) => {
    const election = new LeaderElection({
      connectionString: url,
      name: 'subscribers',
      applicationName: `test ${name}`,
      retryMs: 50,
      heartbeatMs: 50,
      onElected: async () => void log.push(`${name} elected`),
      onDeposed: async () => void log.push(`${name} deposed`),
    });
    elections.push(election);
    return election;
  };
  beforeAll(async () => {
    await server.start();
    url = await server.createDatabase();
  }, 30_000);
  afterAll(async () => {
    await Promise.all(elections.map((e) => e.stop()));
    await server.stop();
  });

  it('elects exactly one, hands over when the leader stops or its connection dies, and the old leader stands down', async () => {
    const a = candidate('a');
    await a.start();
    const b = candidate('b');
    const c = candidate('c');
    await Promise.all([b.start(), c.start()]);
    expect([a.isLeader, b.isLeader, c.isLeader]).toEqual([true, false, false]);

    // A clean stop gives the lock up at once.
    await a.stop();
    await until('b or c to lead', () => b.isLeader || c.isLeader);
    const [leader, other] = b.isLeader ? [b, c] : [c, b];
    const leaderName = leader === b ? 'b' : 'c';
    await new Promise((r) => setTimeout(r, 200));
    expect([leader.isLeader, other.isLeader]).toEqual([true, false]);

    // The leader's session dies under it (what a crash looks like to the server): the lock is released,
    // the other takes over, and the old leader notices on its next heartbeat and stops leading.
    const admin = new Client({ connectionString: url });
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`test ${leaderName}`]);
    await admin.end();
    await until('the other to take over', () => other.isLeader);
    await until('the old leader to stand down', () => log.includes(`${leaderName} deposed`));
    // It stands again as a candidate on a new connection, but does not lead while the other does.
    await new Promise((r) => setTimeout(r, 300));
    expect([leader.isLeader, other.isLeader]).toEqual([false, true]);
    expect(log.filter((l) => l.endsWith('elected')).length - log.filter((l) => l.endsWith('deposed')).length).toBe(1);
  });
});
