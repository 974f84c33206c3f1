import {
  balanceParametersV1,
  checkTolerancesV1,
  drenthe2025NormSet,
  equivalentMeasures2017,
  governingVersion,
  parameterDifferences,
  refuse,
  indicatorCatalogueV1,
  SHIPPED_LEVIES,
  streams,
  type GoverningReference,
  type BalanceParameters,
  type CheckTolerances,
  type NormSetChange,
  type NormSetDocument,
  type NormSetHistory,
} from '@asb/domain';
import { SYSTEM_ACTORS } from '@asb/event-store';
import type { CommandContext } from '../command-handling/command-context';
import type { CommandService } from '../command-handling/command-service';
import { NormSetHandler, normSetDecider } from './norm-set.handler';

export { normSetDecider };
import type { Clock } from '../clock/clock';
import type { NormSetCatalogue } from './norm-set-catalogue';


/**
 * The parameter documents this ledger ships: its first publications, put into the log on first start
 * (and on the first start of an older data directory, for a document added since). Nothing else reads
 * them: every scheme, levy and indicator is known from the log (D40), so a second scheme or levy is one
 * `POST /norm-sets`, not an entry here.
 */
export const SHIPPED_NORM_SETS: readonly NormSetDocument[] = [indicatorCatalogueV1, drenthe2025NormSet, checkTolerancesV1, balanceParametersV1, ...SHIPPED_LEVIES, equivalentMeasures2017];


/** Norm sets as events: publish, read a version as of a moment, pick the version in force. */
export class NormSetService {
  private readonly normSetHandler: NormSetHandler;

  constructor(
    private readonly commands: CommandService,
    private readonly clock: Clock,
    private readonly catalogue?: NormSetCatalogue,
  ) {
    // The one write path of each aggregate this service decides on.
    this.normSetHandler = new NormSetHandler(commands);
  }

  async history(normSetId: string, asOf?: string): Promise<NormSetHistory> {
    return (await this.commands.load(streams.normSet(normSetId), normSetDecider, { asOf })).state;
  }

  /** The version in force on a day (`GET /norm-sets/{id}?effectiveAt=`): the governing-version rule for that day. */
  async inForce(normSetId: string, effectiveAt: string, asOf?: string): Promise<NormSetDocument | null> {
    return this.governing(normSetId, { at: effectiveAt }, asOf);
  }

  /**
   * The version that governs a result (D41): for a farm-year or for an act on a day, the newest version
   * recorded (by `asOf`) whose effectiveFrom is on or before the reference day (`governingVersion`).
   * Every service asks this, and only this.
   */
  async governing<P = unknown>(normSetId: string, ref: GoverningReference, asOf?: string): Promise<NormSetDocument<P> | null> {
    return governingVersion<P>(await this.history(normSetId, asOf), ref);
  }

  /**
   * The governing version of a norm set the ledger ships and reads for every farm-year (balance
   * parameters, check tolerances). Its shipped document is its first publication: before that reaches
   * the log (a store opened by a test, or a command made before the first start finished), it governs.
   */
  private async governingShipped<P>(shipped: NormSetDocument<P>, year: number, asOf?: string): Promise<NormSetDocument<P>> {
    return (await this.governing<P>(shipped.normSetId, { year }, asOf)) ?? shipped;
  }

  /** Today, by the ledger's clock: the reference day of a question about the rules that govern now. */
  today(): string {
    return this.clock.now();
  }

  /** The vocabulary of indicators a command may name now (D40). */
  indicators() {
    return this.catalogue?.vocabulary() ?? Promise.resolve(undefined);
  }

  /** The data sources a command may name now (D40). */
  sources() {
    return this.catalogue?.sources() ?? Promise.resolve(undefined);
  }

  /** The balance parameters in force for a farm-year. */
  balanceParameters(year: number, asOf?: string): Promise<NormSetDocument<BalanceParameters>> {
    return this.governingShipped(balanceParametersV1, year, asOf);
  }

  /** The check tolerances (action 11) in force for a farm-year. */
  checkTolerances(year: number, asOf?: string): Promise<NormSetDocument<CheckTolerances>> {
    return this.governingShipped(checkTolerancesV1, year, asOf);
  }

  async version(normSetId: string, version: number): Promise<NormSetDocument | null> {
    return (await this.history(normSetId)).versions.find((v) => v.document.version === version)?.document ?? null;
  }

  async publish(document: NormSetDocument, ctx: CommandContext) {
    const [indicators, sources] = await Promise.all([this.indicators(), this.sources()]);
    return this.normSetHandler.execute({ type: 'PublishNormSet', data: { document, actorId: ctx.actor.id, now: ctx.now, indicators, sources } }, { ...ctx, normSet: { id: document.normSetId, version: document.version } });
  }

  /**
   * Changes (parameter name → new value, D61) of the latest version; the decider resolves and applies them, refuses an
   * index path, an unknown or reserved name and validates the whole new document before anything is recorded.
   */
  async amend(
    normSetId: string,
    input: { baseVersion: number; changes: ReadonlyArray<{ path: string; value: unknown }>; reason: string; authority: string; legalBasis: string; effectiveFrom: string; grounds?: string },
    ctx: CommandContext,
  ) {
    const latest = (await this.history(normSetId)).versions.at(-1)?.document;
    const [indicators, sources] = await Promise.all([this.indicators(), this.sources()]);
    return this.normSetHandler.execute({ type: 'AmendNormSet', data: { normSetId, baseVersion: input.baseVersion, changes: input.changes, reason: input.reason, authority: input.authority, legalBasis: input.legalBasis, effectiveFrom: input.effectiveFrom, ...(input.grounds !== undefined ? { grounds: input.grounds } : {}), now: ctx.now, indicators, sources } },
      { ...ctx, normSet: { id: normSetId, version: (latest?.version ?? 0) + 1 } },
    );
  }

  withdraw(normSetId: string, input: { reason: string; authority: string }, ctx: CommandContext) {
    return this.normSetHandler.execute({ type: 'WithdrawNormSet', data: { normSetId, ...input, now: ctx.now } }, ctx);
  }

  /**
   * Every parameter that differs between two versions, by name (D61): `path` is the named path, read
   * against the later version (where an entry is gone, against the earlier one).
   */
  async diff(normSetId: string, from: number, to: number): Promise<NormSetChange[]> {
    const [a, b] = await Promise.all([this.version(normSetId, from), this.version(normSetId, to)]);
    // The refusal names the version that is missing, not both (one of them may well exist).
    if (!a) refuse('VERSION_NOT_FOUND', `norm set ${normSetId} has no version ${from}`, 'not_found', 'from');
    if (!b) refuse('VERSION_NOT_FOUND', `norm set ${normSetId} has no version ${to}`, 'not_found', 'to');
    return parameterDifferences(a!.parameters, b!.parameters);
  }

  /** Idempotent: a shipped document already in the log is left alone. */
  async publishShipped(): Promise<void> {
    for (const document of SHIPPED_NORM_SETS) {
      const existing = await this.history(document.normSetId);
      if (existing.versions.length) continue;
      const now = this.clock.now();
      await this.normSetHandler.execute({ type: 'PublishNormSet', data: { document, actorId: SYSTEM_ACTORS.ledger.id, now } },
        { commandId: `publish-shipped:${document.normSetId}:v${document.version}`, actor: SYSTEM_ACTORS.ledger, now, normSet: { id: document.normSetId, version: document.version } },
      );
    }
  }
}
