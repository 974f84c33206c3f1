import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort } from '../free-port';

const root = resolve(__dirname, '../../..');

export type LedgerProcess = Readonly<{
  child: ChildProcess;
  exited: Promise<void>;
  /** What the process wrote to stderr so far (for a failure message). */
  stderr: () => string;
}>;

export type ApiProcess = LedgerProcess & Readonly<{ url: string }>;

/**
 * The API or the worker from the sources (see register-ts.cjs), one node process, so a SIGKILL reaches the process itself.
 * `preload`: more modules to load first (`-r`), e.g. kill-writer-thread.cjs.
 */
const spawnFromSources = (main: string, env: NodeJS.ProcessEnv, preload: readonly string[] = []): LedgerProcess => {
  const child = spawn(process.execPath, ['-r', join(root, 'test/support/processes/register-ts.cjs'), ...preload.flatMap((p) => ['-r', p]), join(root, main)], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  return { child, exited, stderr: () => stderr };
};

/** The worker; the caller decides what "ready" means for it (it serves no HTTP). */
export const startWorkerProcess = (env: NodeJS.ProcessEnv): LedgerProcess => spawnFromSources('apps/worker/src/main.ts', env);

/** An API process on a free loopback port; resolves once it answers /health. */
export const startApiProcess = async (env: NodeJS.ProcessEnv, preload: readonly string[] = []): Promise<ApiProcess> => {
  const port = await freePort();
  const started = { ...spawnFromSources('apps/api/src/main.ts', { ...env, PORT: String(port), HOST: '127.0.0.1' }, preload), url: `http://127.0.0.1:${port}` };
  const deadline = Date.now() + 45_000;
  for (;;) {
    if (started.child.exitCode !== null) throw new Error(`the API exited on start: ${started.stderr()}`);
    const up = await fetch(`${started.url}/health`).then((r) => r.ok, () => false);
    if (up) return started;
    if (Date.now() > deadline) {
      started.child.kill('SIGKILL');
      throw new Error(`the API did not answer /health within 45 s: ${started.stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Sends `signal` (SIGKILL by default) unless the process has already gone; resolves when it has. */
export const killLedgerProcess = async (p: LedgerProcess | null | undefined, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
  if (!p) return;
  if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
  await p.exited;
};
