import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { EventStore } from '@asb/event-store';
import type { FarmRefusals } from '../access/farm-refusals';
import { DomainExceptionFilter } from './domain-exception.filter';

/** The answer the filter gives `exception` on a GET while the store reports `damage`. */
const answerTo = async (exception: unknown, damage: { message: string; refusal?: Error } | null) => {
  const answer: { status?: number; body?: any } = {};
  const response = { status: (s: number) => ((answer.status = s), { json: (b: unknown) => (answer.body = b) }) };
  const request = { method: 'GET', url: '/farms/nl-1', headers: {}, params: {} };
  const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ArgumentsHost;
  const store = { damage: () => damage } as unknown as EventStore;
  await new DomainExceptionFilter({} as FarmRefusals, store).catch(exception, host);
  return answer;
};

describe('DomainExceptionFilter: the 503 for a damaged store (D76)', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it("answers 503 STORE_DAMAGED for the writer thread's own error, without saying that nothing was recorded (a batch in flight may have been)", async () => {
    const stopped = new Error("the event store's writer thread stopped (code 1)");
    const answer = await answerTo(stopped, { message: `${stopped.message}; every append is refused until the process restarts`, refusal: stopped });
    expect(answer.status).toBe(503);
    expect(answer.body.code).toBe('STORE_DAMAGED');
    expect(answer.body.message).not.toMatch(/nothing was recorded/);
    expect((await answerTo(new Error('a write failed', { cause: stopped }), { message: 'x', refusal: stopped })).status).toBe(503);
  });

  it('answers a failure that is not the store\'s refusal 500, as otherwise: a bug is not reported as a damaged store', async () => {
    const answer = await answerTo(new TypeError("Cannot read properties of undefined (reading 'landUse')"), { message: "the event store's writer thread stopped (code 1)", refusal: new Error("the event store's writer thread stopped (code 1)") });
    expect(answer).toEqual({ status: 500, body: { statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal error' } });
  });
});
