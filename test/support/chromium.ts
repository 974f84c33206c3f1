import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Renders a local HTML file in Debian's headless Chromium and returns the DOM it built. */
export const renderInChromium = (file: string): string => {
  const which = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser']);
  if (which.status !== 0) throw new Error('chromium is not installed: apt-get install -y chromium (.ci/run does this)');
  const profile = mkdtempSync(join(tmpdir(), 'asb-chromium-'));
  try {
    const run = spawnSync(
      which.stdout.toString().trim(),
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--dump-dom', `file://${file}`],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (run.status !== 0) throw new Error(`chromium failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
};
