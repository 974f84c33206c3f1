import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { StoreDamagedError } from '@asb/event-store';
import type { FarmRefusals } from '../access/farm-refusals';
import { DomainExceptionFilter } from './domain-exception.filter';

/** The answer the filter gives `exception` on a GET. */
const answerTo = async (exception: unknown) => {
  const answer: { status?: number; body?: any } = {};
  const response = { status: (s: number) => ((answer.status = s), { json: (b: unknown) => (answer.body = b) }) };
  const request = { method: 'GET', url: '/farms/nl-1', headers: {}, params: {} };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  await new DomainExceptionFilter({} as FarmRefusals).catch(exception, host);
  return answer;
};

describe('DomainExceptionFilter: the 503 for a store that stopped writing (D76, D72 second step)', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it("answers 503 STORE_DAMAGED with the store's own refusal, also when another error was raised because of it", async () => {
    const inFlight = new StoreDamagedError("the event store's writer thread stopped (code 1); every append is refused until the process restarts; this write may have been committed before its answer was lost: retry it with the same Idempotency-Key once the process has restarted");
    const answer = await answerTo(inFlight);
    expect(answer).toEqual({ status: 503, body: { statusCode: 503, code: 'STORE_DAMAGED', message: inFlight.message } });
    expect(answer.body.message).not.toMatch(/nothing .*was recorded/); // a batch in flight may have been
    expect(await answerTo(new Error('a write failed', { cause: inFlight }))).toMatchObject({ status: 503, body: { code: 'STORE_DAMAGED' } });
  });

  it("answers any other failure 500, as otherwise: a bug is not reported as a damaged store, nor is the thread's plain error", async () => {
    const internal = { status: 500, body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal error' } };
    expect(await answerTo(new TypeError("Cannot read properties of undefined (reading 'landUse')"))).toEqual(internal);
    expect(await answerTo(new Error("the event store's writer thread stopped (code 1)"))).toEqual(internal);
  });
});
