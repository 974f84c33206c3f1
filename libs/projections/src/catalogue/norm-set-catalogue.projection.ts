import {
  dataSourcesOf,
  dataSourcesUsedBy,
  indicatorsUsedBy,
  vocabularyOf,
  type IndicatorValueType,
  type LevyNorms,
  type NormSetAmended,
  type NormSetDocument,
  type NormSetKind,
  type NormSetPublished,
  type NormSetWithdrawn,
  type SchemeNorms,
} from '@asb/domain';
import type { StoredEvent } from '@asb/event-store';
import type { Projection } from '../projection';

/** What the catalogue keeps of a scheme: from its latest version's document. */
export type SchemeCatalogueEntry = Readonly<{
  scheme: string;
  years: readonly number[];
  applicationWindow: Readonly<{ opensAt: string; closesAt: string }>;
  budgetCeilingCents: number;
  advance: Readonly<{ year: number; basedOnYear: number }>;
  settlement: Readonly<{ year: number; years: readonly number[] }>;
}>;

export type NormSetCatalogueVersion = Readonly<{ version: number; effectiveFrom: string; effectiveTo: string | null; recordedAt: string }>;

/**
 * One published norm set as the catalogue knows it (D40): its kind, versions and windows, and what the
 * API validates against — a scheme's years, window and budget, a levy's indicators, the indicators and
 * data sources it names and (an indicator catalogue) the ones it declares. All from the documents in the log.
 */
export type NormSetCatalogueEntry = Readonly<{
  normSetId: string;
  kind: NormSetKind;
  title: string;
  latestVersion: number;
  withdrawn: boolean;
  versions: readonly NormSetCatalogueVersion[];
  scheme: SchemeCatalogueEntry | null;
  levy: Readonly<{ levyId: string; indicators: readonly string[] }> | null;
  indicatorsUsed: readonly string[];
  indicatorsDeclared: Readonly<Record<string, IndicatorValueType>>;
  dataSourcesUsed: readonly string[];
  dataSourcesDeclared: readonly string[];
}>;

type NormSetEvent = NormSetPublished | NormSetAmended | NormSetWithdrawn;

const fromDocument = (doc: NormSetDocument): Pick<NormSetCatalogueEntry, 'kind' | 'title' | 'latestVersion' | 'scheme' | 'levy' | 'indicatorsUsed' | 'indicatorsDeclared' | 'dataSourcesUsed' | 'dataSourcesDeclared'> => {
  const scheme = doc.kind === 'scheme-scoring' ? (doc.parameters as SchemeNorms) : null;
  const levy = doc.kind === 'levy' ? (doc.parameters as LevyNorms) : null;
  return {
    kind: doc.kind,
    title: doc.title,
    latestVersion: doc.version,
    scheme: scheme && {
      scheme: scheme.scheme,
      years: scheme.years,
      applicationWindow: scheme.applicationWindow,
      budgetCeilingCents: scheme.budgetCeilingCents,
      advance: scheme.advance,
      settlement: scheme.settlement,
    },
    levy: levy && { levyId: levy.levyId, indicators: [...new Set(levy.components.map((c) => c.indicator))] },
    indicatorsUsed: [...new Set(indicatorsUsedBy(doc).map((u) => u.key))].sort(),
    indicatorsDeclared: vocabularyOf([doc]),
    dataSourcesUsed: [...new Set(dataSourcesUsedBy(doc).map((u) => u.source))].sort(),
    dataSourcesDeclared: dataSourcesOf([doc]),
  };
};

const version = (doc: NormSetDocument, recordedAt: string): NormSetCatalogueVersion => ({ version: doc.version, effectiveFrom: doc.effectiveFrom, effectiveTo: doc.effectiveTo ?? null, recordedAt });

/** Every published norm set, by id: the catalogue of schemes, levies and indicators the API validates against. */
export const normSetCatalogueProjection: Projection<NormSetCatalogueEntry | null> = {
  name: 'norm-set-catalogue',
  version: 1,
  handles: ['NormSetPublished', 'NormSetAmended', 'NormSetWithdrawn'],
  keysOf: (e: StoredEvent) => {
    const event = e as unknown as NormSetEvent;
    return [event.type === 'NormSetPublished' ? event.data.document.normSetId : event.data.normSetId];
  },
  initialState: () => null,
  evolve: (state, e) => {
    const event = e as unknown as NormSetEvent;
    switch (event.type) {
      case 'NormSetPublished': {
        const doc = event.data.document;
        return { normSetId: doc.normSetId, withdrawn: false, versions: [version(doc, event.data.publishedAt)], ...fromDocument(doc) };
      }
      case 'NormSetAmended':
        if (!state) return state;
        return { ...state, ...fromDocument(event.data.document), versions: [...state.versions, version(event.data.document, event.data.amendedAt)] };
      case 'NormSetWithdrawn':
        return state && { ...state, withdrawn: true };
      default:
        return state;
    }
  },
};
