import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DecimalInteger } from '../http/input/decimal-integer';
import { IsInt, IsISO8601, IsOptional, IsString, Matches, Min } from 'class-validator';
import type { FarmDataReadOf } from '@asb/domain';
import type { Actor } from '@asb/event-store';
import { CaughtUp, Explanations, FarmHistory, IntegrityService, LEDGER_CONFIG, type LedgerConfig } from '@asb/ledger';
import { EventCatalogueQuery, FarmRegisterQuery } from '@asb/projections';
import { FarmAccessService } from '../access/farm-access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { FarmIdParam, FarmYearParams } from '../http/params';
import { PublishedSchemeGuard, SchemeId } from '../schemes/scheme-catalogue';
import { checkpointSchema } from './checkpoint.schema';
import { normSetDocumentSchema } from '../norm-sets/norm-set.schema';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { ApiDoc, json } from '../http/openapi';
import { CursorPageQuery, numberAscending, pageOfList } from '../http/cursor-page';
import { asAttachment } from '../http/attachment';

class AtQuery {
  @ApiProperty({ description: 'ISO instant: what was known then' }) @IsISO8601({ strict: true }) at!: string;
}
class ScoreExplainParams extends FarmYearParams {
  @SchemeId() scheme!: string;
}
class LevyExplainParams extends FarmYearParams {
  @ApiProperty() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) levyId!: string;
}
class VersionQuery {
  @ApiPropertyOptional() @IsOptional() @DecimalInteger() @IsInt() @Min(1) version?: number;
}
class HistoryQuery extends CursorPageQuery {
  @ApiPropertyOptional({ description: 'ISO instant: what was known then' }) @IsOptional() @IsISO8601({ strict: true }) asOf?: string;
}
class ExportQuery {
  @ApiPropertyOptional({ description: 'a farm; without it the whole log' }) @IsOptional() @IsString() @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/) farmId?: string;
}

const tierSchema = json.complete({ rank: json.number, of: json.number, threshold: json.string, cents: json.number });
const directionSchema: SchemaObject = { type: 'string', enum: ['atMost', 'atLeast'] };
/** One KPI of a score: the values used, the tier met, the amount and what reaches the next tier (explainScoreKpis). */
const kpiExplanationSchema = json.object(
  {
    kpiId: json.string,
    // Absent where the norm set the score names has no titles (D76).
    title: json.complete({ nl: json.string, en: json.string }),
    kind: { type: 'string', enum: ['threshold', 'absoluteBand', 'worstOf', 'areaWeighted', 'oncePerScheme'] },
    cents: json.number,
    highestReached: json.boolean,
    missing: json.array(json.string),
    parts: json.array(
      json.object(
        {
          indicator: json.string,
          value: json.nullable({ oneOf: [json.number, json.boolean] }),
          comparedValue: json.string,
          landUse: { type: 'string', enum: ['grassland', 'maize', 'arable'] },
          areaHa: json.number,
          weight: json.string,
          direction: directionSchema,
          tier: json.nullable(tierSchema),
          next: json.nullable(json.complete({ rank: json.number, threshold: json.string, cents: json.number, direction: directionSchema, value: json.string })),
          cents: json.number,
          source: json.nullable(json.object({ source: json.string, quality: json.string, submissionId: json.string, eventId: json.string }, ['source', 'quality', 'submissionId'])),
        },
        ['indicator', 'value', 'tier', 'next', 'cents', 'source'],
      ),
    ),
    paidBefore: json.boolean,
  },
  ['kpiId', 'kind', 'cents', 'highestReached', 'missing', 'parts'],
);

/** A finding of the verifier: its kind and words always, where it lies when it can be named. */
const verifyFailureSchema = json.object(
  { kind: json.string, message: json.string, position: json.number, streamId: json.string, revision: json.number, eventId: json.string, type: json.string, sealNo: json.number, treeSize: json.number, range: json.object({ fromPosition: json.number, toPosition: json.number }) },
  ['kind', 'message'],
);
/** Whether recomputing from the recorded inputs gives the recorded figure, and where it does not. */
const recomputationSchema = json.object({ identical: json.boolean, recorded: json.anyObject, recomputed: json.anyObject, differences: json.array(json.anyObject) });

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
@Roles('regulator')
export class AuditController {
  constructor(
    private readonly integrity: IntegrityService,
    private readonly farms: FarmHistory,
    private readonly explanations: Explanations,
    private readonly eventTypesRead: EventCatalogueQuery,
    private readonly access: FarmAccessService,
    private readonly register: FarmRegisterQuery,
    private readonly caughtUp: CaughtUp,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /**
   * A farmer reads the history of their own farm only (FarmAccessService: another farm is 403
   * NOT_YOUR_FARM); the farmer's own reads are not recorded (D64). The regulator reads every farm,
   * each read on record where the data is read.
   */
  private async ownFarmOnly(actor: Actor, farmId: string, of: FarmDataReadOf) {
    // A refused attempt names what it was after, as every other refusal does (D64).
    if (actor.role === 'farmer') await this.access.authorise(actor, farmId, 'read', undefined, of);
  }

  /** Checks the whole log against its signed checkpoints, to the end; names every altered, deleted or inserted event. Works on a damaged store. */
  @Get('verify')
  @ApiDoc({
    summary: 'Verify the whole log: hashes, seals, checkpoints and witnesses',
    response: json.complete({
      ok: json.boolean,
      checkedEvents: json.number,
      checkedStreams: json.number,
      checkedSeals: json.number,
      checkedCheckpoints: json.number,
      witnessedCheckpoints: json.number,
      // Null before the first checkpoint.
      newestCheckpoint: json.nullable(json.object({ treeSize: json.number, rootHash: json.string, issuedAt: json.string, lastPosition: json.number, keyId: json.string })),
      uncheckpointedEvents: json.number,
      uncheckpointedSince: json.nullable(json.string),
      lastPosition: json.number,
      firstFailure: json.nullable(verifyFailureSchema),
      failures: json.array(verifyFailureSchema),
    }),
    errors: [400, 401, 403],
  })
  verify() {
    return this.integrity.verify();
  }

  /** The name before checkpoints replaced seals: signs a checkpoint now (POST /audit/checkpoints). */
  @Post('seal')
  @HttpCode(200)
  @ApiDoc({
    summary: 'Seal the log now and sign a checkpoint',
    response: json.object({
      checkpoint: checkpointSchema,
    }),
    errors: [400, 401, 403, 413, 415, 503],
  })
  async seal() {
    const { checkpoint } = await this.integrity.checkpoint();
    return { checkpoint };
  }

  @Get('event-types')
  @ApiDoc({
    summary: 'The event types in the log, with their counts and first and last recording',
    response: json.array(json.object({ type: json.string, count: json.number, firstRecordedAt: json.string, lastRecordedAt: json.string })),
    errors: [400, 401, 403],
  })
  eventTypes() {
    return this.eventTypesRead.all();
  }

  /** A farm's full history: every event with its actor, recorded time and the authorisation it relied on. */
  @Get('farms/:farmId/history')
  @Roles('regulator', 'farmer')
  @ApiDoc({
    summary: 'Every event about a farm, in log order, with actor and hash, a page at a time by log position (cursor pagination)',
    response: json.page(json.complete({ position: json.number, streamId: json.string, revision: json.number, type: json.string, recordedAt: json.string, actor: json.actor, authorisationId: json.nullable(json.string), normSet: json.nullable(json.normSetRef), causationId: json.string, hash: json.string, data: json.anyObject })),
    errors: [400, 401, 403, 404],
  })
  async history(@Param() { farmId }: FarmIdParam, @Query() { asOf, ...page }: HistoryQuery, @CurrentActor() actor: Actor) {
    await this.ownFarmOnly(actor, farmId, { resource: 'history' });
    const events = await this.farms.history(farmId, asOf);
    if (!events.length) throw new NotFoundException({ code: 'FARM_NOT_FOUND', message: `no history for ${farmId}`, field: 'farmId' });
    await this.access.recordReads(actor, [{ farmId }], { resource: 'history' });
    const all = events.map((e) => ({
      position: e.position, streamId: e.streamId, revision: e.revision, type: e.type, recordedAt: e.metadata.recordedAt, actor: e.metadata.actor,
      authorisationId: e.metadata.authorisationId ?? null, normSet: e.metadata.normSet ?? null, causationId: e.metadata.causationId, hash: e.hash, data: e.data,
    }));
    return pageOfList(all, (e) => String(e.position), numberAscending, page);
  }

  /** Balances, scores, findings, levies and money of a farm as they were known at a moment. */
  @Get('farms/:farmId/as-of')
  @ApiDoc({
    summary: "A farm's state as it was known at an instant",
    response: json.complete({
      farmId: json.string,
      at: json.string,
      events: { type: 'number', description: "how many of the farm's events were recorded by then" },
      // The farm decider's state: the details only once it was registered.
      farm: json.object({
        status: json.string,
        farmId: json.string,
        farmerId: json.string,
        registeredAt: json.string,
        province: json.string,
        landUse: json.anyObject,
        soilTypes: json.array(json.string),
        peatSharePct: json.number,
        livestockUnits: json.number,
      }, ['status']),
      // Each year's farm-gate balance as it was known then (the fields of GET …/balance's balance).
      balances: json.array(json.object({ year: json.number, n: json.object({ surplusKgHa: json.nullable(json.number) }, ['surplusKgHa']), p2o5: json.object({ surplusKgHa: json.nullable(json.number) }, ['surplusKgHa']) }, ['year', 'n', 'p2o5'])),
      // Per stream the decider's state then (status always; the rest as the aggregate holds it).
      scores: json.array(json.object({ stream: json.string, status: json.string, scoreVersion: json.number, totalCents: json.number }, ['stream', 'status'])),
      findings: json.array(json.complete({ stream: json.string, findings: json.array(json.object({ findingId: json.string, checkId: json.string, status: json.string, severity: json.string }, ['status', 'severity'])) })),
      levies: json.array(json.object({ stream: json.string }, ['stream'])),
      applications: json.array(json.object({ stream: json.string, status: json.string, advanceCents: json.number }, ['stream', 'status'])),
    }),
    errors: [400, 401, 403, 404],
  })
  async asOf(@Param() { farmId }: FarmIdParam, @Query() { at }: AtQuery, @CurrentActor() actor: Actor) {
    const state = await this.farms.asOf(farmId, at);
    // A farm the log knows nothing of has nothing to read (and gets no read stream).
    if ((await this.farms.farmStreams(farmId)).length) await this.access.recordReads(actor, [{ farmId }], { resource: 'timeline' });
    return state;
  }

  /** Explains a score: per KPI value → tier → amount → next tier (D67), its input events, the KPI rules and rule version, and a recomputation that must match. */
  @Get('explain/scores/:scheme/:farmId/:year')
  @Roles('regulator', 'farmer', 'calculator')
  @UseGuards(PublishedSchemeGuard)
  @ApiDoc({
    summary: 'Why a score is what it is: per KPI the value used, the tier met, the amount and what reaches the next tier; the KPI rules, the inputs and the events it was computed from',
    response: json.object({
      number: json.object(
        {
          stream: json.string,
          scoreVersion: json.number,
          totalCents: json.number,
          kpis: json.map(json.number),
          eventId: json.string,
          recordedAt: json.string,
          actor: json.anyObject,
        },
        ['scoreVersion', 'totalCents'],
      ),
      normSet: json.object({
        id: json.string,
        version: json.number,
        title: json.string,
        legalBasis: json.string,
        effectiveFrom: json.string,
        hash: json.string,
        kpis: json.array(json.anyObject),
      }),
      ruleVersion: json.string,
      explanation: json.array(kpiExplanationSchema),
      cap: json.complete({ yearlyCapCents: json.number, uncappedCents: json.number, applied: json.boolean }),
      inputs: json.object({
        indicators: json.map(json.figure),
        inputEventIds: json.array(json.string),
        landUse: json.anyObject,
        peatSharePct: json.number,
        priorBiodiversityPaid: json.boolean,
        provenance: json.map(json.anyObject),
      }),
      inputEvents: json.array(json.anyObject),
      provenance: json.map(json.anyObject),
      inputCheck: json.object({
        missingEvents: json.array(json.anyObject),
        valuesNotInInputEvents: json.array(json.anyObject),
        provenanceNotInInputEvents: json.array(json.anyObject),
      }),
      recomputation: recomputationSchema,
    }, ['number', 'explanation', 'cap']),
    errors: [400, 401, 403, 404],
  })
  async explainScore(@Param() p: ScoreExplainParams, @Query() { version }: VersionQuery, @CurrentActor() actor: Actor) {
    const of = { resource: 'explanation' as const, scheme: p.scheme, year: p.year };
    // The farm's farmer and an authorised calculator as for the score itself (FarmAccessService); the regulator reads every farm.
    const grant = actor.role === 'regulator' ? null : await this.access.authorise(actor, p.farmId, 'read', undefined, of);
    const explanation = await this.explanations.explainScore(p.scheme, p.farmId, p.year, version);
    if (!explanation) throw new NotFoundException({ code: 'SCORE_NOT_FOUND', message: 'no such score', field: 'year' });
    await this.access.recordReads(actor, [{ farmId: p.farmId, authorisationId: grant?.authorisationId }], of);
    return explanation;
  }

  @Get('explain/levies/:levyId/:farmId/:year')
  @ApiDoc({
    summary: 'Why a levy is what it is: the norm set, the lines, the inputs and their events',
    response: json.object({
      number: json.object({ stream: json.string, assessmentNo: json.number, totalCents: json.number, eventId: json.string, recordedAt: json.string }),
      normSet: normSetDocumentSchema,
      ruleVersion: json.string,
      lines: json.array(json.anyObject),
      inputs: json.object({ fpcmKg: json.number, landUse: json.anyObject, livestockUnits: json.number, values: json.map(json.anyObject) }),
      inputEventIds: json.array(json.string),
      recomputation: recomputationSchema,
    }),
    errors: [400, 401, 403, 404],
  })
  async explainLevy(@Param() p: LevyExplainParams, @Query() { version }: VersionQuery, @CurrentActor() actor: Actor) {
    const explanation = await this.explanations.explainLevy(p.levyId, p.farmId, p.year, version);
    if (!explanation) throw new NotFoundException({ code: 'LEVY_NOT_ASSESSED', message: 'no such assessment', field: 'levyId' });
    await this.access.recordReads(actor, [{ farmId: p.farmId }], { resource: 'explanation', levyId: p.levyId, year: p.year });
    return explanation;
  }

  /** An audit bundle (stored event bytes, a checkpoint signed now, the public key, proofs) for `asb verify <bundle>` offline. */
  @Get('export')
  @ApiDoc({
    summary: 'An export bundle: the events of a scope with proofs against a signed checkpoint',
    response: json.object({
      format: json.string,
      scope: json.object({ kind: json.string, label: json.string, streams: json.array(json.string) }),
      checkpoint: checkpointSchema,
      publicKey: json.object({ keyId: json.string, algorithm: json.string, publicKey: json.string }),
      // As stored: the bytes the hash covers, where they sit in the checkpointed tree, and their inclusion proof.
      events: json.array(json.object({ position: json.number, leafIndex: json.number, hash: json.string, raw: json.string, path: json.array(json.string) })),
      streamHeads: json.array(json.anyObject),
    }),
    errors: [400, 401, 403, 404],
  })
  async export(@Query() { farmId }: ExportQuery, @Res({ passthrough: true }) response: Response, @CurrentActor() actor: Actor) {
    // The reads first (fail closed), then the bundle, so the bundle holds its own reads. The whole log is every farm's data.
    const shown = farmId ? ((await this.farms.farmStreams(farmId)).length ? [farmId] : []) : (await this.register.all()).filter((r) => r.doc).map((r) => r.key);
    // A farm the log never heard of (a mistyped id) has no bundle: a signed one with no streams would read as "this farm has no events".
    if (farmId && !shown.length) throw new NotFoundException({ code: 'FARM_NOT_FOUND', message: `the log holds no farm ${farmId}`, field: 'farmId' });
    await this.access.recordReads(actor, shown.map((id) => ({ farmId: id })), { resource: 'bundle' });
    // A farm's first read opens its read stream: the stream list (a read model) must have it before the bundle is cut.
    if (farmId && shown.length) await this.caughtUp.within(undefined, this.config.readYourWritesTimeoutMs);
    const bundle = farmId ? await this.integrity.exportStreams(`farm ${farmId}`, await this.farms.farmStreams(farmId)) : await this.integrity.exportLog();
    // A download names what it holds: the farm (or the log) and the checkpoint's tree size (D54).
    asAttachment(response, `asb-bundel-${farmId ?? 'log'}-${bundle.checkpoint.treeSize}.json`);
    return bundle;
  }
}
