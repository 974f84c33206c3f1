import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** The local OpenID Connect provider's script (`bin/asb-dev-oidc.mjs`), found upwards from here (sources or dist/). */
const providerScript = (): string => {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'bin', 'asb-dev-oidc.mjs');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error('bin/asb-dev-oidc.mjs not found');
  }
};

export type DevOidcProvider = Readonly<{ issuer: string; stop: () => Promise<void> }>;

/**
 * Starts the local OpenID Connect provider of development and tests (D49) as a child process — it is
 * an ES module (oidc-provider 9) and the API is CommonJS — on loopback, with the web application as
 * its one client (these redirect URIs). Resolves with its issuer once it listens.
 */
export const startDevOidcProvider = (options: { port?: number; redirectUris: readonly string[]; env?: NodeJS.ProcessEnv }): Promise<DevOidcProvider> =>
  new Promise((resolve, reject) => {
    const args = [providerScript(), '--port', String(options.port ?? 0), ...options.redirectUris.flatMap((u) => ['--redirect', u])];
    // An IPC channel, so that the provider stops when this process ends, however it ends (bin/asb-dev-oidc.mjs exits on disconnect).
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, ...options.env } });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      // oidc-provider warns that Node 20 is not its supported runtime and that its store is in memory: both true, both intended here.
      for (const line of chunk.split('\n')) if (line.trim() && !line.startsWith('oidc-provider WARNING')) process.stderr.write(`[dev-oidc] ${line}\n`);
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.once('exit', (code) => reject(new Error(`the local OpenID Connect provider stopped (${code}): ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      try {
        const { issuer } = JSON.parse(line) as { issuer: string };
        resolve({
          issuer,
          stop: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      } catch (error) {
        child.kill('SIGTERM');
        reject(error);
      }
    });
  });
