import { assertNever, type Command, type Decider, type DomainEvent } from '../shared/decider';
import { DomainError, refuse } from '../shared/domain-error';
import { invalidField, isPlainObject } from '../shared/guards';
import { nameOfPath, resolveNamedPath } from './named-paths';
import type { AmendmentGrounds, NormSetChange, NormSetDocument, NormSetKind } from './norm-set';
import { applyParameterChanges, type ParameterChangeRequest } from './parameter-paths';
import { validateNormSet } from './rule-families/validate-norm-set-document';
import { checkAmendmentGrounds, validateAmendmentRules } from './amendment-rules';
import { governingVersion } from './governing-version';
import type { IndicatorVocabulary } from './indicator-catalogue';

export type NormSetPublished = DomainEvent<'NormSetPublished', { document: NormSetDocument; publishedAt: string; publishedBy: string }>;
export type NormSetAmended = DomainEvent<
  'NormSetAmended',
  {
    normSetId: string;
    fromVersion: number;
    version: number;
    /** The amended document in full, so that a version can be read without replaying diffs. */
    document: NormSetDocument;
    changes: readonly NormSetChange[];
    reason: string;
    authority: string;
    legalBasis: string;
    effectiveFrom: string;
    amendedAt: string;
    /** Declared grounds (D43), e.g. extreme weather; absent for an ordinary amendment. */
    grounds?: AmendmentGrounds;
  }
>;
export type NormSetWithdrawn = DomainEvent<'NormSetWithdrawn', { normSetId: string; version: number; reason: string; authority: string; withdrawnAt: string }>;
export type NormSetEvent = NormSetPublished | NormSetAmended | NormSetWithdrawn;

/**
 * `indicators`, `sources`: the indicators and data sources the published catalogues declare when the
 * command is made (D40); the document may name only those (absent: the shipped catalogue's).
 */
export type PublishNormSet = Command<'PublishNormSet', { document: NormSetDocument; actorId: string; now: string; indicators?: IndicatorVocabulary; sources?: readonly string[] }>;
export type AmendNormSet = Command<
  'AmendNormSet',
  {
    normSetId: string;
    baseVersion: number;
    /**
     * Parameters by name (`kpis[nSoilSurplus].landUses.grassland.tiers[2].threshold`, D61) with their new
     * values; the decider resolves each name against the latest version and applies it (D31). An index
     * path (`kpis.9…`) is refused: a list's order may change between versions, a name does not.
     */
    changes: readonly ParameterChangeRequest[];
    reason: string;
    authority: string;
    legalBasis: string;
    effectiveFrom: string;
    /** Grounds the amendment declares; the norm set's `amendmentRules` then hold it (D43). */
    grounds?: string;
    now: string;
    indicators?: IndicatorVocabulary;
    sources?: readonly string[];
  }
>;
export type WithdrawNormSet = Command<'WithdrawNormSet', { normSetId: string; reason: string; authority: string; now: string }>;
export type NormSetCommand = PublishNormSet | AmendNormSet | WithdrawNormSet;

export type NormSetVersion = Readonly<{ document: NormSetDocument; recordedAt: string; reason?: string; changes?: readonly NormSetChange[]; grounds?: AmendmentGrounds }>;
export type NormSetHistory = Readonly<{ normSetId: string | null; kind: NormSetKind | null; versions: readonly NormSetVersion[]; withdrawn: boolean }>;

/** A further check a caller may add; the decider always validates the whole document itself. */
export type NormSetValidator = (document: NormSetDocument) => void;

const text = (v: unknown, field: string, code: string, what: string) => {
  if (typeof v !== 'string' || !v.trim()) refuse(code, `an amendment needs ${what}`, 'invalid', field);
};

/** Each named change with the index path it addresses in `parameters`; refusals name `changes[i].path`. */
const resolveChanges = (parameters: unknown, requested: unknown): Array<{ path: string; name: string; value: unknown } | unknown> => {
  if (!Array.isArray(requested)) return invalidField('INVALID_ARRAY', 'changes must be a list', 'changes');
  return requested.map((c: unknown, i) => {
    if (!isPlainObject(c)) return c; // applyParameterChanges refuses it, naming changes[i]
    return { path: resolveNamedPath(parameters, c.path, `changes[${i}].path`), name: c.path, value: c.value };
  });
};

/** The document an amendment would record: the latest version with the changes applied, validated. */
export const amendedDocument = (latest: NormSetDocument, d: Pick<AmendNormSet['data'], 'changes' | 'legalBasis' | 'effectiveFrom' | 'indicators' | 'sources'>): { document: NormSetDocument; changes: NormSetChange[] } => {
  const resolved = resolveChanges(latest.parameters, d.changes);
  const applied = applyParameterChanges(latest.parameters, resolved);
  const parameters = applied.parameters;
  // The event keeps both: the name as decided, the index path the replay and the amendment rules read.
  const changes = applied.changes.map((c, i) => ({ path: c.path, name: (resolved[i] as { name: string }).name, from: c.from, to: c.to }));
  const document: NormSetDocument = { ...latest, version: latest.version + 1, parameters, legalBasis: d.legalBasis, effectiveFrom: d.effectiveFrom };
  try {
    validateNormSet(document, {}, d.indicators, d.sources);
  } catch (e) {
    // The document's rules name the field by where it sits; the authority named it (D61): answer in names.
    const field = (e as { field?: unknown }).field;
    if (e instanceof DomainError && typeof field === 'string' && field.startsWith('parameters.')) {
      Object.defineProperty(e, 'field', { value: `parameters.${nameOfPath(parameters, field.slice('parameters.'.length))}` });
    }
    throw e;
  }
  return { document, changes };
};

export const normSetDeciderWith = (validate: NormSetValidator = () => undefined): Decider<NormSetHistory, NormSetCommand, NormSetEvent> => ({
  initialState: () => ({ normSetId: null, kind: null, versions: [], withdrawn: false }),
  decide: (command, state) => {
    switch (command.type) {
      case 'PublishNormSet': {
        const doc = command.data.document;
        if (!isPlainObject(doc)) return refuse('INVALID_OBJECT', 'a norm set is a document', 'invalid', 'document');
        if (state.versions.length) return refuse('NORM_SET_EXISTS', `norm set ${doc.normSetId} is already published; amend it`, 'conflict', 'normSetId');
        if (doc.version !== 1) return refuse('FIRST_VERSION_MUST_BE_1', 'a new norm set starts at version 1', 'invalid', 'version');
        validateNormSet(doc, {}, command.data.indicators, command.data.sources);
        validateAmendmentRules(doc.amendmentRules);
        validate(doc);
        return [{ type: 'NormSetPublished', data: { document: doc, publishedAt: command.data.now, publishedBy: command.data.actorId } }];
      }
      case 'AmendNormSet': {
        const d = command.data;
        const latest = state.versions.at(-1);
        if (!latest) return refuse('NORM_SET_NOT_FOUND', `no norm set ${d.normSetId}`, 'not_found', 'normSetId');
        if (state.withdrawn) return refuse('NORM_SET_WITHDRAWN', `norm set ${d.normSetId} was withdrawn`, 'conflict');
        if (d.baseVersion !== latest.document.version) {
          return refuse('STALE_BASE_VERSION', `amend version ${latest.document.version}, not ${d.baseVersion}`, 'conflict', 'baseVersion');
        }
        if (!Array.isArray(d.changes) || d.changes.length === 0) return refuse('NOTHING_CHANGED', 'an amendment must change a parameter', 'invalid', 'changes');
        text(d.reason, 'reason', 'AMENDMENT_WITHOUT_REASON', 'a reason');
        text(d.authority, 'authority', 'AMENDMENT_WITHOUT_AUTHORITY', 'the authority');
        const { document, changes } = amendedDocument(latest.document, d);
        validate(document);
        const past = state.versions.slice(1).map((v) => ({ grounds: v.grounds, effectiveFrom: v.document.effectiveFrom }));
        const grounds = checkAmendmentGrounds(d.grounds, latest.document, changes, document.effectiveFrom, past);
        return [
          {
            type: 'NormSetAmended',
            data: {
              normSetId: d.normSetId,
              fromVersion: latest.document.version,
              version: document.version,
              document,
              changes,
              reason: d.reason,
              authority: d.authority,
              legalBasis: d.legalBasis,
              effectiveFrom: d.effectiveFrom,
              amendedAt: d.now,
              ...(grounds ? { grounds } : {}),
            },
          },
        ];
      }
      case 'WithdrawNormSet': {
        const latest = state.versions.at(-1);
        if (!latest) return refuse('NORM_SET_NOT_FOUND', `no norm set ${command.data.normSetId}`, 'not_found', 'normSetId');
        if (state.withdrawn) return refuse('NORM_SET_WITHDRAWN', 'already withdrawn', 'conflict');
        return [{ type: 'NormSetWithdrawn', data: { normSetId: command.data.normSetId, version: latest.document.version, reason: command.data.reason, authority: command.data.authority, withdrawnAt: command.data.now } }];
      }
      default:
        return assertNever(command);
    }
  },
  evolve: (state, event) => {
    switch (event.type) {
      case 'NormSetPublished':
        return { normSetId: event.data.document.normSetId, kind: event.data.document.kind, versions: [{ document: event.data.document, recordedAt: event.data.publishedAt }], withdrawn: false };
      case 'NormSetAmended':
        return { ...state, versions: [...state.versions, { document: event.data.document, recordedAt: event.data.amendedAt, reason: event.data.reason, changes: event.data.changes, ...(event.data.grounds ? { grounds: event.data.grounds } : {}) }] };
      case 'NormSetWithdrawn':
        return { ...state, withdrawn: true };
      default:
        return assertNever(event);
    }
  },
});

/**
 * The version that applies to a day of the farm-year (its effective date), as recorded by `asOf`: the
 * governing-version rule (D41) for a day.
 */
export const versionInForce = (history: NormSetHistory, effectiveAt: string): NormSetDocument | null => governingVersion(history, { at: effectiveAt });
