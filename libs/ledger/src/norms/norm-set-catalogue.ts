import { SHIPPED_DATA_SOURCES, SHIPPED_INDICATOR_VOCABULARY, type IndicatorValueType, type IndicatorVocabulary } from '@asb/domain';
import { normSetCatalogueProjection, type NormSetCatalogueEntry, type ReadModelStore, type SchemeCatalogueEntry } from '@asb/projections';

const CATALOGUE = normSetCatalogueProjection.name;

/**
 * The schemes, levies and indicators the ledger knows: a projection of the published norm sets (D40),
 * never a list in code. A scheme or levy is known once its norm set is published (`POST /norm-sets`);
 * an indicator or a data source once a published indicator catalogue declares it (the shipped catalogue always counts:
 * it is the first publication, and so nothing recorded before it reached the log turns unknown).
 */
export class NormSetCatalogue {
  /**
   * What was read at the projection's last change: every submission asks for the vocabulary and the
   * sources, and reading and parsing every catalogue document each time was 4 % of the request
   * thread (issue 18). The projection's count of applied events moves only when a norm set changes.
   */
  private read: { at: string; entries: NormSetCatalogueEntry[]; vocabulary?: IndicatorVocabulary; sources?: string[] } | null = null;

  constructor(private readonly readModels: ReadModelStore) {}

  private current() {
    const checkpoint = this.readModels.checkpoint(CATALOGUE);
    const at = checkpoint ? `${checkpoint.version}:${checkpoint.eventsApplied}` : 'none';
    if (this.read?.at !== at) this.read = { at, entries: this.readModels.list<NormSetCatalogueEntry | null>(CATALOGUE).flatMap((r) => (r.doc ? [r.doc] : [])) };
    return this.read;
  }

  entry(normSetId: string): NormSetCatalogueEntry | null {
    return this.readModels.get<NormSetCatalogueEntry | null>(CATALOGUE, normSetId) ?? null;
  }

  entries(): NormSetCatalogueEntry[] {
    return [...this.current().entries];
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
    const read = this.current();
    return (read.vocabulary ??= this.declaredVocabulary());
  }

  private declaredVocabulary(): IndicatorVocabulary {
    const vocabulary: Record<string, IndicatorValueType> = { ...SHIPPED_INDICATOR_VOCABULARY };
    for (const c of this.catalogues()) for (const [key, type] of Object.entries(c.indicatorsDeclared)) if (!Object.hasOwn(vocabulary, key)) vocabulary[key] = type;
    return vocabulary;
  }

  /** The data sources the shipped and every published, not withdrawn, catalogue declares. */
  sources(): string[] {
    const read = this.current();
    return [...(read.sources ??= this.declaredSources())];
  }

  private declaredSources(): string[] {
    return [...new Set([...SHIPPED_DATA_SOURCES, ...this.catalogues().flatMap((c) => c.dataSourcesDeclared)])];
  }
}
