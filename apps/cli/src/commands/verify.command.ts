import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { parseJsonOnce, readPublishedKey, verifyBundle, UnusableBundleError, type PublishedKey, type VerifyFailure, type VerifyReport, type WitnessState } from '@asb/event-store';
import { IntegrityService } from '@asb/ledger';
import { openLedgerForReading, UnusableInputError } from './open-ledger';

const where = (f: VerifyFailure): string => {
  const parts = [
    f.position !== undefined ? `position ${f.position}` : null,
    f.streamId !== undefined ? `stream ${f.streamId}` : null,
    f.revision !== undefined ? `revision ${f.revision}` : null,
    f.eventId ? `event ${f.eventId}` : null,
    f.type ? `type ${f.type}` : null,
    f.range ? `positions ${f.range.fromPosition}..${f.range.toPosition}` : null,
    f.treeSize !== undefined ? `checkpoint size ${f.treeSize}` : null,
  ].filter(Boolean);
  return parts.length ? ` [${parts.join(', ')}]` : '';
};

export const printReport = (report: VerifyReport & { keyPinned?: boolean }, json?: boolean) => {
  if (json) return console.log(JSON.stringify(report, null, 2));
  const cp = report.newestCheckpoint;
  console.log(
    `${report.ok ? 'OK' : 'FAILED'}: ${report.checkedEvents} events, ${report.checkedStreams} streams, ${report.checkedCheckpoints} checkpoints` +
      `${report.witnessedCheckpoints ? ` (${report.witnessedCheckpoints} witnessed)` : ''}${report.checkedSeals ? `, ${report.checkedSeals} seals` : ''}; ` +
      (cp ? `newest checkpoint: size ${cp.treeSize}, root ${cp.rootHash}, ${cp.issuedAt}, key ${cp.keyId}; ${report.uncheckpointedEvents} events after it` : 'no checkpoint') +
      (report.uncheckpointedSince ? ` (the oldest recorded ${report.uncheckpointedSince}: only hash-chained)` : ''),
  );
  if (report.keyPinned === false) console.log('note: the bundle was checked against the key it carries; pin the operator key with --public-key or --witness');
  for (const f of report.failures) console.log(`${f === report.firstFailure ? 'first failure' : 'failure'}: ${f.kind}: ${f.message}${where(f)}`);
};

const readJson = <T>(file: string, what: string): T => {
  try {
    // A key given twice would be read one way here and maybe another way elsewhere: refused, as the API does (D82).
    return parseJsonOnce(readFileSync(file)) as T;
  } catch (error) {
    throw new UnusableInputError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
};

export const registerVerify = (program: Command) =>
  program
    .command('verify')
    .description('check the log (or a bundle, offline) against its signed checkpoints; name every altered, deleted or inserted event. Exit 0 ok, 2 tampered, 1 unusable input')
    .argument('[bundle]', 'an audit bundle exported with `asb export` or GET /audit/export')
    .option('--witness <file>', "a witness file (asb witness): the log must extend every checkpoint in it, and its pinned key is trusted")
    .option('--public-key <file>', 'the operator public key to trust (JSON of GET /audit/public-key, or SPKI PEM)')
    .option('--json', 'print the full report as JSON')
    .action(async (bundlePath: string | undefined, opts: { json?: boolean; witness?: string; publicKey?: string }) => {
      const witness = opts.witness ? readJson<WitnessState>(opts.witness, 'witness file') : null;
      let trustedKeys: PublishedKey[] | undefined;
      try {
        if (opts.publicKey) trustedKeys = [readPublishedKey(opts.publicKey)];
      } catch (error) {
        throw new UnusableInputError(`cannot read public key ${opts.publicKey}: ${(error as Error).message}`);
      }
      if (witness) trustedKeys = [...(trustedKeys ?? []), witness.publicKey];
      const options = { trustedKeys, witnessed: witness?.checkpoints ?? [] };
      if (bundlePath) {
        try {
          const report = await verifyBundle(readJson(bundlePath, 'bundle'), options);
          printReport(report, opts.json);
          process.exitCode = report.ok ? 0 : 2;
        } catch (error) {
          if (error instanceof UnusableBundleError) throw new UnusableInputError(error.message);
          throw error;
        }
        return;
      }
      const ledger = await openLedgerForReading();
      const { runtime } = ledger;
      const integrity = ledger.get(IntegrityService);
      try {
        // A store that cannot be opened (DATABASE_URL names a database without a ledger) is unusable input, not a finding.
        await runtime.log.opened?.().catch((error: Error) => {
          throw new UnusableInputError(error.message);
        });
        // Checkpoints can only be checked against a key the checker trusts: the operator's key file
        // (or ASB_SIGNING_KEY), --public-key, or a witness file. A copied events.db alone has none.
        if (!trustedKeys && !integrity.publicKey() && (await integrity.latest())) {
          throw new UnusableInputError('the log has checkpoints but no operator key is at hand to check them: pass --public-key (GET /audit/public-key) or --witness');
        }
        const report = await integrity.verify(options);
        printReport(report, opts.json);
        if (!trustedKeys && !opts.json) {
          // The key beside the log proves nothing against whoever can write that directory: they can
          // replace the key and re-sign everything. Only a key the checker brings (or a witness) can.
          console.error('warning: the checkpoints were checked against the key found with the data directory; whoever can write it can replace that key and re-sign a rewritten log. Pin the key with --public-key (GET /audit/public-key, compared out of band) or check against a witness (--witness).');
        }
        process.exitCode = report.ok ? 0 : 2;
      } finally {
        await ledger.close();
      }
    });
