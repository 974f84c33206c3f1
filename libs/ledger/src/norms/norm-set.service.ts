import {
  balanceParametersV1,
  checkTolerancesV1,
  drenthe2025NormSet,
  equivalentMeasures2017,
  SHIPPED_LEVIES,
  normSetDeciderWith,
  streams,
  versionInForce,
  type BalanceParameters,
  type CheckTolerances,
  type NormSetChange,
  type NormSetDocument,
  type NormSetHistory,
} from '@asb/domain';
import type { CommandContext } from '../command-handling/command-context';
import type { CommandService } from '../command-handling/command-service';
import type { Clock } from '../clock/clock';

/** The norm-set decider validates every document itself (D31): paths, reserved keys, the whole document of every kind. */
export const normSetDecider = normSetDeciderWith();

/** The parameter documents this ledger ships; published into the log on first start. */
export const SHIPPED_NORM_SETS: readonly NormSetDocument[] = [drenthe2025NormSet, checkTolerancesV1, balanceParametersV1, ...SHIPPED_LEVIES, equivalentMeasures2017];

/** The end of a farm-year: the version in force then applies to that year's results. */
export const effectiveDateOfYear = (year: number) => `${year}-12-31`;

/** Norm sets as events: publish, read a version as of a moment, pick the version in force. */
export class NormSetService {
  constructor(
    private readonly commands: CommandService,
    private readonly clock: Clock,
  ) {}

  async history(normSetId: string, asOf?: string): Promise<NormSetHistory> {
    return (await this.commands.load(streams.normSet(normSetId), normSetDecider, { asOf })).state;
  }

  async inForce(normSetId: string, effectiveAt: string, asOf?: string): Promise<NormSetDocument | null> {
    return versionInForce(await this.history(normSetId, asOf), effectiveAt);
  }

  /** The version of a shipped norm set in force for a farm-year (the shipped version until one is published). */
  private async inForceForYear<P>(shipped: NormSetDocument<P>, year: number, asOf?: string): Promise<NormSetDocument<P>> {
    return ((await this.inForce(shipped.normSetId, effectiveDateOfYear(year), asOf)) ?? shipped) as NormSetDocument<P>;
  }

  /** The balance parameters in force for a farm-year. */
  balanceParameters(year: number, asOf?: string): Promise<NormSetDocument<BalanceParameters>> {
    return this.inForceForYear(balanceParametersV1, year, asOf);
  }

  /** The check tolerances (action 11) in force for a farm-year. */
  checkTolerances(year: number, asOf?: string): Promise<NormSetDocument<CheckTolerances>> {
    return this.inForceForYear(checkTolerancesV1, year, asOf);
  }

  async version(normSetId: string, version: number): Promise<NormSetDocument | null> {
    return (await this.history(normSetId)).versions.find((v) => v.document.version === version)?.document ?? null;
  }

  publish(document: NormSetDocument, ctx: CommandContext) {
    return this.commands.handle(streams.normSet(document.normSetId), normSetDecider, { type: 'PublishNormSet', data: { document, actorId: ctx.actor.id, now: ctx.now } }, { ...ctx, normSet: { id: document.normSetId, version: document.version } });
  }

  /**
   * Changes (parameter path → new value) of the latest version; the decider applies them, refuses an
   * unknown or reserved path and validates the whole new document before anything is recorded.
   */
  async amend(
    normSetId: string,
    input: { baseVersion: number; changes: ReadonlyArray<{ path: string; value: unknown }>; reason: string; authority: string; legalBasis: string; effectiveFrom: string; grounds?: string },
    ctx: CommandContext,
  ) {
    const latest = (await this.history(normSetId)).versions.at(-1)?.document;
    return this.commands.handle(
      streams.normSet(normSetId),
      normSetDecider,
      { type: 'AmendNormSet', data: { normSetId, baseVersion: input.baseVersion, changes: input.changes, reason: input.reason, authority: input.authority, legalBasis: input.legalBasis, effectiveFrom: input.effectiveFrom, ...(input.grounds !== undefined ? { grounds: input.grounds } : {}), now: ctx.now } },
      { ...ctx, normSet: { id: normSetId, version: (latest?.version ?? 0) + 1 } },
    );
  }

  withdraw(normSetId: string, input: { reason: string; authority: string }, ctx: CommandContext) {
    return this.commands.handle(streams.normSet(normSetId), normSetDecider, { type: 'WithdrawNormSet', data: { normSetId, ...input, now: ctx.now } }, ctx);
  }

  /** Every parameter that differs between two versions, by path. */
  async diff(normSetId: string, from: number, to: number): Promise<NormSetChange[] | null> {
    const [a, b] = await Promise.all([this.version(normSetId, from), this.version(normSetId, to)]);
    if (!a || !b) return null;
    return diffValues(a.parameters, b.parameters, '');
  }

  /** Idempotent: a shipped document already in the log is left alone. */
  async publishShipped(): Promise<void> {
    for (const document of SHIPPED_NORM_SETS) {
      const existing = await this.history(document.normSetId);
      if (existing.versions.length) continue;
      const now = this.clock.now();
      await this.commands.handle(
        streams.normSet(document.normSetId),
        normSetDecider,
        { type: 'PublishNormSet', data: { document, actorId: 'asb-ledger', now } },
        { commandId: `publish-shipped:${document.normSetId}:v${document.version}`, actor: { id: 'asb-ledger', role: 'system' }, now, normSet: { id: document.normSetId, version: document.version } },
      );
    }
  }
}

const diffValues = (a: unknown, b: unknown, path: string): NormSetChange[] => {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])];
    return keys.flatMap((k) => diffValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: a, to: b }];
};
