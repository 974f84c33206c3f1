import type { Command } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { flattenIndicators, governingVersion, scoreScheme, validateNormSet, type NormSetDocument, type SchemeNorms } from '@asb/domain';
import { parseJsonOnce } from '@asb/event-store';
import { NormSetCatalogue, NormSetService, SHIPPED_NORM_SETS } from '@asb/ledger';
import { openLedger } from './open-ledger';

type ScoreCase = {
  scheme: string;
  year?: number;
  landUse: { grasslandHa: number; maizeHa: number; arableHa: number };
  peatSharePct: number;
  indicators: Record<string, unknown>;
  priorBiodiversityPaid?: boolean;
};

/** A case, norm set or expected result as the API would read it: a key given twice is refused, naming it (D82), not the last kept. */
const readJson = <T>(file: string): T => {
  try {
    return parseJsonOnce(readFileSync(file)) as T;
  } catch (error) {
    throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Where the versions of a scheme come from: the data directory's log (`--log`), or the shipped first publications. */
type SchemeVersions = (scheme: string) => Promise<ReadonlyArray<{ document: NormSetDocument }>>;

const shippedVersions: SchemeVersions = async (scheme) => SHIPPED_NORM_SETS.filter((d) => d.normSetId === scheme && d.kind === 'scheme-scoring').map((document) => ({ document }));

/**
 * Scores one case file into the examples' output shape: { totalCents, kpis } with every KPI id. Without
 * `--norm-set`, under the version that governs the case's year (D41; the scheme's first year when the
 * case names none).
 */
const scoreCase = async (file: string, versions: SchemeVersions, normSet?: NormSetDocument<SchemeNorms>) => {
  const c = readJson<ScoreCase>(file);
  const recorded = normSet ? [] : await versions(c.scheme);
  const year = c.year ?? (recorded[0]?.document.parameters as SchemeNorms | undefined)?.years[0];
  const norms = normSet ?? (year === undefined ? null : governingVersion<SchemeNorms>({ versions: recorded }, { year }));
  if (!norms) throw new Error(`${file}: no version of scheme ${c.scheme} governs ${year ?? 'its year'} (publish it, or pass --norm-set; --log reads the data directory)`);
  const r = scoreScheme({ landUse: c.landUse, peatSharePct: c.peatSharePct, indicators: flattenIndicators(c.indicators), oncePerSchemePaid: c.priorBiodiversityPaid ?? false }, norms);
  return { totalCents: r.totalCents, kpis: r.kpis, missing: r.missing };
};

export const registerScore = (program: Command) =>
  program
    .command('score')
    .description('score a case file (or every case in a folder) under a scheme norm set, printed as JSON')
    .argument('<path>', 'a case JSON file, or a folder of them (files ending in .expected.json are skipped)')
    .option('--norm-set <file>', 'score under this norm-set document instead of the version that governs the case year')
    .option('--log', 'take the governing version from the log of DATA_DIR (or EVENTSTORE_URL), so a scheme published there is scored too; default: the shipped first publications')
    .option('--check', 'compare with the .expected.json beside each case; exit 2 on a difference')
    .option('--missing', 'also print the indicators that were missing')
    .action(async (path: string, opts: { normSet?: string; check?: boolean; missing?: boolean; log?: boolean }) => {
      const ledger = opts.log ? await openLedger() : null;
      let normSet: NormSetDocument<SchemeNorms> | undefined;
      if (opts.normSet) {
        normSet = readJson<NormSetDocument<SchemeNorms>>(opts.normSet);
        // Its indicators must be declared: by the shipped catalogue, or with --log by what the log's catalogues declare (D40).
        validateNormSet(normSet!, {}, await ledger?.get(NormSetCatalogue).vocabulary(), await ledger?.get(NormSetCatalogue).sources());
      }
      const files = statSync(path).isDirectory()
        ? readdirSync(path).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort().map((f) => join(path, f))
        : [path];
      const show = (r: Awaited<ReturnType<typeof scoreCase>>) => (opts.missing ? r : { totalCents: r.totalCents, kpis: r.kpis });
      const versions: SchemeVersions = ledger ? async (scheme) => (await ledger.get(NormSetService).history(scheme)).versions : shippedVersions;
      const results: Array<{ file: string; result: Awaited<ReturnType<typeof scoreCase>> }> = [];
      try {
        for (const f of files) results.push({ file: f, result: await scoreCase(f, versions, normSet) });
      } finally {
        await ledger?.close();
      }
      if (opts.check) {
        let differences = 0;
        for (const { file, result } of results) {
          const expected = readJson<{ kpis: Record<string, number> }>(file.replace(/\.json$/, '.expected.json'));
          const same = JSON.stringify({ totalCents: result.totalCents, kpis: sortLike(result.kpis, expected.kpis) }) === JSON.stringify(expected);
          if (!same) differences++;
          console.log(`${same ? 'match' : 'DIFFERS'}  ${basename(file)}  ${result.totalCents} cents`);
        }
        console.log(`${results.length - differences} of ${results.length} match`);
        process.exitCode = differences ? 2 : 0;
        return;
      }
      // One case: exactly the examples' shape. A folder: one object keyed by file name.
      const out = files.length === 1 && !statSync(path).isDirectory() ? show(results[0].result) : Object.fromEntries(results.map(({ file, result }) => [basename(file), show(result)]));
      console.log(JSON.stringify(out, null, 1));
    });

const sortLike = (kpis: Readonly<Record<string, number>>, like: Record<string, number>) => Object.fromEntries(Object.keys(like).map((k) => [k, kpis[k]]));
