import { SHIPPED_DATA_SOURCES, SHIPPED_INDICATOR_VOCABULARY, type IndicatorValueType, type IndicatorVocabulary } from '@asb/domain';
import { handlerFilter, normSetCatalogueProjection, type NormSetCatalogueEntry, type ReadModels, type SchemeCatalogueEntry } from '@asb/projections';
import type { LogWatch } from '../command-handling/log-watch';

const CATALOGUE = normSetCatalogueProjection.name;
const changesCatalogue = handlerFilter(normSetCatalogueProjection);

/**
 * The schemes, levies and indicators the ledger knows: a projection of the published norm sets (D40),
 * never a list in code. A scheme or levy is known once its norm set is published (`POST /norm-sets`);
 * an indicator or a data source once a published indicator catalogue declares it (the shipped catalogue always counts:
 * it is the first publication, and so nothing recorded before it reached the log turns unknown).
 */
export class NormSetCatalogue {
  private read: { at: string; position: number; view: NormSetCatalogueView } | null = null;
  /**
   * With a `LogWatch` (D84): the log position the projection must have reached for the view read to be
   * the catalogue as it stands — the log's head when first asked (what came before is unknown), then each
   * norm-set event a look at the log sees. Null until first asked.
   */
  private needed: number | null = null;

  constructor(
    private readonly readModels: ReadModels,
    private readonly watch?: LogWatch,
  ) {
    if (!watch?.active) this.watch = undefined;
    this.watch?.listen({
      appended: (position, _streamId, _revision, type) => {
        if (this.needed !== null && changesCatalogue(type) && position > this.needed) this.needed = position;
      },
      overflowed: (head) => {
        if (this.needed !== null && head > this.needed) this.needed = head;
      },
    });
  }

  /**
   * The catalogue as it stands: read once (a handful of documents, through the ReadModels port —
   * PostgreSQL answers asynchronously, D56), then asked any number of questions without reading again.
   */
  async current(): Promise<NormSetCatalogueView> {
    // Every submission asks for the vocabulary and the sources; reading and parsing every catalogue
    // document each time was 4 % of the request thread (issue 18). The projection's count of applied
    // events moves only when a norm set changes, so the view is read again only then. With the log
    // watched, the checkpoint is not even read while no norm-set event is newer than the view (D84).
    if (this.watch) {
      const seen = this.watch.look();
      this.needed ??= seen;
      if (this.read && this.read.position >= this.needed) return this.read.view;
    }
    const checkpoint = await this.readModels.checkpoint(CATALOGUE);
    const at = checkpoint ? `${checkpoint.version}:${checkpoint.eventsApplied}` : 'none';
    const position = checkpoint?.position ?? 0;
    if (this.read?.at !== at) {
      const listed = await this.readModels.list<NormSetCatalogueEntry | null>(CATALOGUE);
      this.read = { at, position, view: new NormSetCatalogueView(listed.flatMap((r) => (r.doc ? [r.doc] : []))) };
    } else this.read = { ...this.read, position };
    return this.read.view;
  }

  async entries(): Promise<NormSetCatalogueEntry[]> {
    return (await this.current()).entries();
  }

  /** A published scheme (its norm-set id is the scheme id the routes carry), or null. */
  async scheme(scheme: string): Promise<SchemeCatalogueEntry | null> {
    const entry = await this.readModels.get<NormSetCatalogueEntry | null>(CATALOGUE, scheme);
    return entry?.kind === 'scheme-scoring' ? entry.scheme : null;
  }

  async vocabulary(): Promise<IndicatorVocabulary> {
    return (await this.current()).vocabulary();
  }

  async sources(): Promise<string[]> {
    return (await this.current()).sources();
  }
}

/** The catalogue as read at one moment. */
export class NormSetCatalogueView {
  private readonly byId: ReadonlyMap<string, NormSetCatalogueEntry>;

  constructor(private readonly all: readonly NormSetCatalogueEntry[]) {
    this.byId = new Map(all.map((e) => [e.normSetId, e]));
  }

  entry(normSetId: string): NormSetCatalogueEntry | null {
    return this.byId.get(normSetId) ?? null;
  }

  /** In norm-set id order (the projection's key order). */
  entries(): NormSetCatalogueEntry[] {
    return [...this.all];
  }

  /** A published scheme (its norm-set id is the scheme id the routes carry), or null. */
  scheme(scheme: string): SchemeCatalogueEntry | null {
    const entry = this.entry(scheme);
    return entry?.kind === 'scheme-scoring' ? entry.scheme : null;
  }

  /** A published levy, or null. */
  levy(levyId: string): NormSetCatalogueEntry['levy'] {
    const entry = this.entry(levyId);
    return entry?.kind === 'levy' ? entry.levy : null;
  }

  /** The published, not withdrawn, indicator catalogues, oldest first. */
  private catalogues(): NormSetCatalogueEntry[] {
    return this.entries()
      .filter((e) => e.kind === 'indicator-catalogue' && !e.withdrawn)
      .sort((a, b) => (a.versions[0].recordedAt < b.versions[0].recordedAt ? -1 : a.versions[0].recordedAt > b.versions[0].recordedAt ? 1 : a.normSetId < b.normSetId ? -1 : 1));
  }

  /** Indicator key → value type: what the shipped and every published, not withdrawn, indicator catalogue declares. */
  vocabulary(): IndicatorVocabulary {
    return (this.declared ??= this.declaredVocabulary());
  }

  private declared?: IndicatorVocabulary;

  private declaredVocabulary(): IndicatorVocabulary {
    const vocabulary: Record<string, IndicatorValueType> = { ...SHIPPED_INDICATOR_VOCABULARY };
    for (const c of this.catalogues()) for (const [key, type] of Object.entries(c.indicatorsDeclared)) if (!Object.hasOwn(vocabulary, key)) vocabulary[key] = type;
    return vocabulary;
  }

  /** The data sources the shipped and every published, not withdrawn, catalogue declares. */
  sources(): string[] {
    return [...new Set([...SHIPPED_DATA_SOURCES, ...this.catalogues().flatMap((c) => c.dataSourcesDeclared)])];
  }
}
