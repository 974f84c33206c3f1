import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { examplesDir } from '../../../../test/support/shared-dir';
import { asbFromSources } from '../../../../test/support/processes/asb-cli';

const root = resolve(__dirname, '../../../..');
const examples = examplesDir();
const asb = (...args: string[]) => execFileSync(process.execPath, asbFromSources(...args), { cwd: root, encoding: 'utf8' });

describe('asb score', () => {
  it('prints one case in exactly the shape of its .expected.json (same keys, same order, same amounts)', () => {
    const out = asb('score', join(examples, 'example-00.json'));
    expect(out.trimEnd()).toBe(readFileSync(join(examples, 'example-00.expected.json'), 'utf8').trimEnd());
  });

  it('scores every case in a folder, each matching its expected result to the cent', () => {
    const out = JSON.parse(asb('score', examples));
    const cases = readdirSync(examples).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));
    expect(Object.keys(out).sort()).toEqual(cases.sort());
    for (const file of cases) {
      expect(JSON.stringify(out[file])).toBe(JSON.stringify(JSON.parse(readFileSync(join(examples, file.replace('.json', '.expected.json')), 'utf8'))));
    }
  });

  it('--check reports matches against the expected files', () => {
    expect(asb('score', examples, '--check')).toMatch(/20 of 20 match/);
  });

  it('refuses a case file that gives a key twice, naming it, instead of scoring the last (D82)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asb-score-'));
    try {
      const text = readFileSync(join(examples, 'example-00.json'), 'utf8');
      const file = join(dir, 'twice.json');
      writeFileSync(file, text.replace(/^\{/, '{"peatSharePct": 0,'));
      const run = spawnSync(process.execPath, asbFromSources('score', file), { cwd: root, encoding: 'utf8' });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/peatSharePct is given twice/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
