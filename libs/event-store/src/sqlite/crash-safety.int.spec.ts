import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { verifyLog } from '../integrity/verifier';
import { storeVerifySource } from '../integrity/store-verify-source';

const root = resolve(__dirname, '../../../..');

describe('crash safety of the embedded store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'asb-crash-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append after kill -9 in the middle of a burst', async () => {
    const file = join(dir, 'events.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/support/processes/append-burst.ts'), file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const acknowledged: string[] = [];
    let buffer = '';
    await new Promise<void>((done) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        acknowledged.push(...lines);
        if (acknowledged.length >= 300 && !child.killed) {
          child.kill('SIGKILL');
        }
      });
      child.on('exit', () => done());
      // The burst process is this process itself (tsx as a loader, no wrapper): SIGKILL reaches the writer.
    });
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);

    const store = new SqliteEventStore({ file });
    const stored = new Set((await store.readAll()).map((e) => e.id));
    const lost = acknowledged.filter((id) => !stored.has(id));
    const report = await verifyLog(storeVerifySource(store));
    await store.close();
    expect(lost).toEqual([]);
    // The child may have committed a few more than it managed to print; none is half-written.
    expect(stored.size).toBeGreaterThanOrEqual(acknowledged.length);
    expect(report.ok).toBe(true);
  });
});
