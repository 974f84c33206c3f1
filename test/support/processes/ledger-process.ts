import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort } from '../free-port';

const root = resolve(__dirname, '../../..');

export type LedgerProcess = Readonly<{
  kind: 'api' | 'worker';
  child: ChildProcess;
  /** The API's base URL; null for the worker. */
  url: string | null;
  exited: Promise<void>;
  /** What the process wrote to stderr so far (for a failure message). */
  stderr: () => string;
}>;

/**
 * Starts the API or the worker from the sources (see register-ts.cjs) as one node process, so a
 * SIGKILL reaches the process itself. Resolves once the API answers /health; the worker as soon as
 * it is spawned (the caller decides what "ready" means for it).
 */
export const startLedgerProcess = async (kind: 'api' | 'worker', env: NodeJS.ProcessEnv): Promise<LedgerProcess> => {
  const port = kind === 'api' ? await freePort() : 0;
  const main = kind === 'api' ? 'apps/api/src/main.ts' : 'apps/worker/src/main.ts';
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/processes/register-ts.cjs'), join(root, main)], {
    cwd: root,
    env: { ...env, ...(kind === 'api' ? { PORT: String(port), HOST: '127.0.0.1' } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const started: LedgerProcess = { kind, child, url: kind === 'api' ? `http://127.0.0.1:${port}` : null, exited, stderr: () => stderr };
  if (kind === 'worker') return started;
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited on start: ${stderr}`);
    const up = await fetch(`${started.url}/health`).then((r) => r.ok, () => false);
    if (up) return started;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not answer /health within 45 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** SIGKILL unless it has already gone; resolves when it has. */
export const killLedgerProcess = async (p: LedgerProcess | null | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
  if (!p) return;
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  await p.exited;
};
