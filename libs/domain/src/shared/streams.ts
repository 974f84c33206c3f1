/** Stream names in one place: the store, the projections and the audit bundle agree on them. */
export const streams = {
  farm: (farmId: string) => `farm-${farmId}`,
  authorisations: (farmId: string) => `authorisations-${farmId}`,
  balance: (farmId: string, year: number) => `balance-${farmId}-${year}`,
  findings: (farmId: string, year: number) => `findings-${farmId}-${year}`,
  accessDenials: (farmId: string) => `access-denials-${farmId}`,
  /** Third parties' reads of a farm's data (D64): apart from the streams commands fold, so reads never slow a decision. */
  dataReads: (farmId: string) => `data-reads-${farmId}`,
  score: (scheme: string, farmId: string, year: number) => `score-${scheme}-${farmId}-${year}`,
  application: (scheme: string, farmId: string) => `application-${scheme}-${farmId}`,
  schemeBudget: (scheme: string) => `budget-${scheme}`,
  normSet: (normSetId: string) => `normset-${normSetId}`,
  levy: (levyId: string, farmId: string, year: number) => `levy-${levyId}-${farmId}-${year}`,
  equivalentMeasures: (farmId: string) => `equivalent-measures-${farmId}`,
  /** An analyst's saved what-if scenario (D52): never a stream of the official record. */
  whatIfScenario: (scenarioId: string) => `what-if-scenario-${scenarioId}`,
} as const;

/** Farm ids are stable, unique and safe inside stream names. */
export const FARM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A kind of stream: the name of its function in `streams`. */
export type StreamKind = keyof typeof streams;

const MARK = '\u0000';
/** Each kind's name prefix, read from its own function so that this file stays the one owner of the names. */
const PREFIXES = (Object.keys(streams) as StreamKind[])
  .map((kind) => {
    const name = (streams[kind] as (...parts: unknown[]) => string)(MARK, MARK, MARK);
    return [name.slice(0, name.indexOf(MARK)), kind] as const;
  })
  // The longest prefix first: `access-denials-` must not be read as another kind's.
  .sort((a, b) => b[0].length - a[0].length);

/** Which kind of stream a stream name is (the inverse of `streams`), or null for a name it never gives. */
export const streamKindOf = (streamId: string): StreamKind | null => PREFIXES.find(([prefix]) => streamId.startsWith(prefix))?.[1] ?? null;
