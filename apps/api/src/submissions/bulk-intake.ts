import { HttpException, Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DomainError } from '@asb/domain';
import { IdempotencyConflictError, WrongExpectedRevisionError, type Actor } from '@asb/event-store';
import { BalanceSubmissionHandler, IdempotencyKeyReusedError, NormSetCatalogue } from '@asb/ledger';
import { FarmAccessService, type FarmActor } from '../access/farm-access.service';
import { CommandContextFactory } from '../http/command-context.factory';
import { DOMAIN_ERROR_STATUS } from '../http/domain-exception.filter';
import { requestFingerprint, type IdempotencyKeyValue } from '../http/idempotency-key';
import { flatten, VALIDATION_OPTIONS } from '../http/validation';
import { BulkSubmissionItemDto, type BulkItemResultDto, type BulkSubmissionsResultDto } from './dto/bulk-submissions.dto';
import { toBalanceData } from './to-balance-data';

/** Farm-years decided at once: enough for the store to commit many in one fsync, few enough to stay fair to other requests. */
const IN_FLIGHT = 64;

/**
 * The calculators' bulk intake (issue 18): each item is the single submission request for its
 * farm-year — validated, access-checked, decided and recorded on its own, with its own result.
 * Items of different farm-years are decided side by side (their appends share group commits); items
 * of one farm-year in request order. Idempotency per item: the command id is the caller, the
 * request's Idempotency-Key and the item's index; the item's fingerprint is its own content (D58).
 */
@Injectable()
export class BulkIntake {
  constructor(
    private readonly contexts: CommandContextFactory,
    private readonly access: FarmAccessService,
    private readonly submissions: BalanceSubmissionHandler,
    private readonly catalogue: NormSetCatalogue,
  ) {}

  /** `farms`: the farms the caller's identity provider names it the farmer of, where its token says (D49). */
  async submit(actor: Actor, idempotency: IdempotencyKeyValue, items: readonly object[], farms?: readonly string[]): Promise<BulkSubmissionsResultDto> {
    const results: BulkItemResultDto[] = new Array(items.length);
    const byFarmYear = new Map<string, Array<{ index: number; item: BulkSubmissionItemDto; raw: object }>>();
    items.forEach((raw, index) => {
      const item = plainToInstance(BulkSubmissionItemDto, raw);
      const problems = flatten(validateSync(item, VALIDATION_OPTIONS));
      if (problems.length) {
        const field = `items.${index}.${problems[0].field}`;
        results[index] = { index, status: 'refused', ...identity(raw), statusCode: 400, code: 'INVALID_INPUT', message: problems.map((p) => `items.${index}.${p.field}: ${p.problems.join('; ')}`).join(' | '), field };
        return;
      }
      const key = `${item.farmId}/${item.year}`;
      byFarmYear.set(key, [...(byFarmYear.get(key) ?? []), { index, item, raw }]);
    });
    const queues = [...byFarmYear.values()];
    const worker = async () => {
      for (let queue = queues.shift(); queue; queue = queues.shift()) {
        for (const { index, item, raw } of queue) results[index] = await this.one(actor, idempotency, index, item, raw, farms);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, queues.length) }, worker));
    const accepted = results.filter((r) => r.status === 'accepted').length;
    return { accepted, refused: results.length - accepted, items: results };
  }

  private async one(actor: Actor, idempotency: IdempotencyKeyValue, index: number, item: BulkSubmissionItemDto, raw: object, farms?: readonly string[]): Promise<BulkItemResultDto> {
    const { farmId, year, submissionId } = item;
    try {
      const catalogue = await this.catalogue.current();
      const indicators = catalogue.vocabulary();
      const sources = catalogue.sources();
      const data = toBalanceData(item, year, catalogue, indicators, sources);
      const asSeen: FarmActor = farms ? { ...actor, farms } : actor;
      const { authorisationId } = await this.access.authorise(asSeen, farmId, 'submit', item.source);
      const ctx = {
        ...this.contexts.create(actor, idempotency, { authorisationId }),
        // Three parts where a single request's id has two: no header key can name an item's command.
        commandId: JSON.stringify([actor.id, idempotency.key, index]),
        requestFingerprint: requestFingerprint('POST', '/submissions/bulk#item', raw),
      };
      const result = await this.submissions.execute({ type: 'SubmitBalanceData', data: { farmId, year, submissionId, data, now: ctx.now, indicators, sources } }, ctx);
      return { index, status: 'accepted', farmId, year, submissionId, events: result.stored.map((e) => ({ id: e.id, type: e.type, position: e.position })), replayed: result.replayed };
    } catch (error) {
      return { index, status: 'refused', farmId, year, submissionId, ...refusal(error, index) };
    }
  }
}

const identity = (raw: object) => {
  const r = raw as Record<string, unknown>;
  return {
    ...(typeof r.farmId === 'string' ? { farmId: r.farmId } : {}),
    ...(typeof r.year === 'number' ? { year: r.year } : {}),
    ...(typeof r.submissionId === 'string' ? { submissionId: r.submissionId } : {}),
  };
};

/** A refusal as the single request would have answered it, its field named from the bulk body. */
const refusal = (error: unknown, index: number): Pick<BulkItemResultDto, 'statusCode' | 'code' | 'message' | 'field'> => {
  const inItem = (field: unknown) => (typeof field === 'string' ? { field: `items.${index}.${field}` } : {});
  if (error instanceof DomainError) return { statusCode: DOMAIN_ERROR_STATUS[error.kind], code: error.code, message: error.message, ...inItem(error.field) };
  if (error instanceof IdempotencyKeyReusedError || error instanceof IdempotencyConflictError) {
    return { statusCode: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: error.message, field: 'idempotency-key' };
  }
  if (error instanceof WrongExpectedRevisionError) return { statusCode: 409, code: error.code, message: error.message };
  if (error instanceof HttpException && error.getStatus() < 500) {
    const body = error.getResponse() as { code?: string; message?: string; field?: string } | string;
    return typeof body === 'string'
      ? { statusCode: error.getStatus(), code: 'REFUSED', message: body }
      : { statusCode: error.getStatus(), code: body.code ?? 'REFUSED', message: String(body.message ?? error.message), ...inItem(body.field) };
  }
  throw error; // the store refused to write (damaged), or a fault: the whole request fails as a single one would
};
