import type { Command } from 'commander';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { compareWitnesses, newWitness, observe, parseJsonOnce, type ConsistencyProof, type PublishedKey, type SignedCheckpoint, type WitnessState } from '@asb/event-store';
import { IntegrityService } from '@asb/ledger';
import { openLedgerForReading, UnusableInputError, type Ledger } from './open-ledger';

/** Where a witness reads the log's checkpoints: the public API, or a local data directory. */
type LogView = {
  latest(): Promise<SignedCheckpoint | null>;
  consistency(first: number, second: number): Promise<ConsistencyProof | null>;
  publicKey(): Promise<PublishedKey | null>;
  close(): Promise<void>;
};

const overHttp = (baseUrl: string): LogView => {
  const get = async <T>(path: string): Promise<T | null> => {
    const res = await fetch(new URL(path, baseUrl));
    if (res.status === 404) return null;
    if (!res.ok) throw new UnusableInputError(`GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    latest: () => get('/audit/checkpoints/latest'),
    consistency: (first, second) => get(`/audit/proofs/consistency?first=${first}&second=${second}`),
    publicKey: () => get('/audit/public-key'),
    close: async () => undefined,
  };
};

const local = (ledger: Ledger): LogView => {
  const integrity = ledger.get(IntegrityService);
  return {
    latest: () => integrity.latest(),
    consistency: (first, second) => integrity.consistency(first, second),
    publicKey: async () => integrity.publicKey(),
    close: () => ledger.close(),
  };
};

const readWitness = (file: string): WitnessState => {
  try {
    // A key given twice (an appended "publicKey", say) would be read one way here and maybe another way by
    // `asb verify --witness` or the regulator's own tools: refused, as the API and asb verify do (D82).
    return parseJsonOnce(readFileSync(file)) as WitnessState;
  } catch (error) {
    throw new UnusableInputError(`cannot read witness file ${file}: ${(error as Error).message}`);
  }
};

export const registerWitness = (program: Command) => {
  const witness = program
    .command('witness')
    .description("keep the log's checkpoints in a file of your own, each proven to extend the one before (exit 2 when the log does not)")
    .option('--file <file>', "the witness's own file (created on first use; pins the operator key then)")
    .option('--url <baseUrl>', 'read the public checkpoint endpoints of this API instead of DATA_DIR')
    .action(async (opts: { file?: string; url?: string }) => {
      if (!opts.file) throw new UnusableInputError("asb witness needs --file: the witness's own file");
      const file = opts.file;
      // Read before the log is opened: an unusable state file stops the witness before anything else.
      const kept = existsSync(file) ? readWitness(file) : null;
      const view = opts.url ? overHttp(opts.url) : local(await openLedgerForReading());
      try {
        const latest = await view.latest();
        if (!latest) throw new UnusableInputError('the log has no checkpoint yet');
        let state: WitnessState;
        if (kept) state = kept;
        else {
          const key = await view.publicKey();
          if (!key) throw new UnusableInputError('the log publishes no public key');
          state = newWitness(latest.log, key);
          console.log(`pinned operator key ${key.keyId} for log "${latest.log}"`);
        }
        const newest = state.checkpoints.at(-1);
        const proof = newest && newest.treeSize <= latest.treeSize ? await view.consistency(newest.treeSize, latest.treeSize) : null;
        const seen = observe(state, latest, proof);
        if (!seen.accepted) {
          console.log(`FAILED: ${seen.reason}`);
          process.exitCode = 2;
          return;
        }
        // Written whole and renamed: a crash never leaves the regulator's copy half-written.
        writeFileSync(`${file}.tmp`, JSON.stringify(seen.state, null, 2));
        renameSync(`${file}.tmp`, file);
        console.log(`${seen.news ? 'witnessed' : 'already witnessed'}: checkpoint of size ${latest.treeSize}, root ${latest.rootHash}${newest && seen.news ? ` (consistent with size ${newest.treeSize})` : ''}; ${seen.state.checkpoints.length} checkpoints in ${file}`);
      } finally {
        await view.close();
      }
    });
  witness
    .command('compare')
    .description('compare two witness files of one log: a size with two roots is a fork (exit 2)')
    .argument('<a>')
    .argument('<b>')
    .action((a: string, b: string) => {
      const conflicts = compareWitnesses(readWitness(a), readWitness(b));
      if (!conflicts.length) return console.log('OK: no checkpoint size with two roots');
      for (const c of conflicts) console.log(`FAILED: size ${c.treeSize} has root ${c.rootA} in ${a} and ${c.rootB} in ${b}: the log showed the two witnesses different histories`);
      process.exitCode = 2;
    });
};
