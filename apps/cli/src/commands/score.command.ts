import type { Command } from 'commander';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { drenthe2025NormSet, flattenIndicators, scoreScheme, validateNormSet, type NormSetDocument, type SchemeNorms } from '@asb/domain';

type ScoreCase = {
  scheme: string;
  landUse: { grasslandHa: number; maizeHa: number; arableHa: number };
  peatSharePct: number;
  indicators: Record<string, unknown>;
  priorBiodiversityPaid?: boolean;
};

const SHIPPED: Record<string, NormSetDocument<SchemeNorms>> = { [drenthe2025NormSet.normSetId]: drenthe2025NormSet };

/** Scores one case file into the examples' output shape: { totalCents, kpis } with every KPI id. */
const scoreCase = (file: string, normSet?: NormSetDocument<SchemeNorms>) => {
  const c: ScoreCase = JSON.parse(readFileSync(file, 'utf8'));
  const norms = normSet ?? SHIPPED[c.scheme];
  if (!norms) throw new Error(`${file}: unknown scheme ${c.scheme}`);
  const r = scoreScheme({ landUse: c.landUse, peatSharePct: c.peatSharePct, indicators: flattenIndicators(c.indicators), priorBiodiversityPaid: c.priorBiodiversityPaid ?? false }, norms);
  return { totalCents: r.totalCents, kpis: r.kpis, missing: r.missing };
};

export const registerScore = (program: Command) =>
  program
    .command('score')
    .description('score a case file (or every case in a folder) under a scheme norm set, printed as JSON')
    .argument('<path>', 'a case JSON file, or a folder of them (files ending in .expected.json are skipped)')
    .option('--norm-set <file>', 'score under this norm-set document instead of the shipped one')
    .option('--check', 'compare with the .expected.json beside each case; exit 2 on a difference')
    .option('--missing', 'also print the indicators that were missing')
    .action((path: string, opts: { normSet?: string; check?: boolean; missing?: boolean }) => {
      let normSet: NormSetDocument<SchemeNorms> | undefined;
      if (opts.normSet) {
        normSet = JSON.parse(readFileSync(opts.normSet, 'utf8'));
        validateNormSet(normSet!);
      }
      const files = statSync(path).isDirectory()
        ? readdirSync(path).filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json')).sort().map((f) => join(path, f))
        : [path];
      const show = (r: ReturnType<typeof scoreCase>) => (opts.missing ? r : { totalCents: r.totalCents, kpis: r.kpis });
      const results = files.map((f) => ({ file: f, result: scoreCase(f, normSet) }));
      if (opts.check) {
        let differences = 0;
        for (const { file, result } of results) {
          const expected = JSON.parse(readFileSync(file.replace(/\.json$/, '.expected.json'), 'utf8'));
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
