import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';


/** Debian puts the server binaries in /usr/lib/postgresql/<major>/bin, outside PATH. */
const findBinDir = (): string => {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb']);
  if (onPath.status === 0) {
    const initdb = onPath.stdout.toString().trim();
    const dir = initdb.slice(0, initdb.lastIndexOf('/'));
    if (existsSync(join(dir, 'postgres'))) return dir;
  }
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((d) => existsSync(join(root, d, 'bin', 'initdb'))) : [];
  majors.sort((a, b) => Number(b) - Number(a));
  if (!majors.length) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (scripts/test-prerequisites.sh does this)');
  return join(root, majors[0], 'bin');
};

/** PostgreSQL refuses to run as root: as root, the cluster belongs to (and runs as) user postgres. */
const runAs = (): { uid: number; gid: number } | null => {
  if (process.getuid?.() !== 0) return null;
  const uid = spawnSync('id', ['-u', 'postgres']);
  const gid = spawnSync('id', ['-g', 'postgres']);
  if (uid.status !== 0) throw new Error('running as root, but there is no user postgres to run the server as (the postgresql package creates it)');
  return { uid: Number(uid.stdout.toString()), gid: Number(gid.stdout.toString()) };
};

/**
 * A throwaway PostgreSQL for one test file: `initdb` into a temporary directory and `postgres` on a
 * free loopback port (trust authentication, no fsync: test data only), stopped and removed after.
 * Like RedisServer, a missing installation fails loudly rather than skipping.
 */
export class PostgresServer {
  private process: ChildProcess | null = null;
  private port = 0;
  private dir = '';
  private databases = 0;

  /** `durable`: keep fsync and synchronous commits on (the benchmark measures what production pays). */
  constructor(private readonly options: { durable?: boolean } = {}) {}

  /** The connection string of the default database `postgres`. */
  get url(): string {
    return this.urlOf('postgres');
  }

  urlOf(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const bin = findBinDir();
    const owner = runAs();
    this.dir = mkdtempSync(join(tmpdir(), 'asb-pg-'));
    if (owner) chownSync(this.dir, owner.uid, owner.gid);
    const data = join(this.dir, 'data');
    const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
    const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions'], { ...as, cwd: this.dir });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr?.toString() ?? init.error}`);
    this.port = await freePort();
    // postgres under a small shell that holds a pipe from this process: when the test stops it, or the
    // jest worker dies in any way (a simulated crash, a killed worker), the pipe closes and the shell
    // shuts the cluster down (fast) and removes its directory. No cluster outlives its test file.
    const fast = this.options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
    const args = ['-D', data, '-p', String(this.port), '-k', this.dir, '-c', 'listen_addresses=127.0.0.1', ...fast, '-c', 'max_connections=200'];
    const supervisor = 'dir="$1"; shift; "$@" & pg=$!; trap \'kill -INT $pg\' TERM INT; read _ ; kill -INT $pg 2>/dev/null; wait $pg; rm -rf "$dir"';
    this.process = spawn('sh', ['-c', supervisor, 'sh', this.dir, join(bin, 'postgres'), ...args], { ...as, cwd: this.dir, stdio: ['pipe', 'ignore', 'ignore'] });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      if (this.process.exitCode !== null) break;
      if (await this.ping()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`postgres did not answer on port ${this.port}`);
  }

  private async ping(): Promise<boolean> {
    const client = new Client({ connectionString: this.url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** A fresh, empty database on this server: its connection string. */
  async createDatabase(name = `asb_${process.pid}_${++this.databases}`): Promise<string> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.urlOf(name);
  }

  async stop(): Promise<void> {
    if (this.process && this.process.exitCode === null) {
      const exited = new Promise((r) => this.process!.once('exit', r));
      this.process.stdin?.end(); // the shell shuts postgres down (fast: disconnects clients, no checkpoint wait)
      await exited;
    }
    this.process = null;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  }
}
