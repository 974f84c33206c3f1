import { ConsoleLogger, Module, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Session } from 'node:inspector';
import { parentPort, workerData } from 'node:worker_threads';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@asb/event-store';
import { ledgerModules } from '../ledger-area-modules';
import { Subscribers } from './subscribers';
import { threadCpu } from './thread-cpu';
import { ThreadLoopDelay } from './thread-loop-delay';
import type { FromThread, ThreadData, ThreadQuestion, ToThread } from './subscriber-thread';

/**
 * The subscriber thread of the embedded API (D66): the same modules as every process, with the
 * projections, the reactors and the checkpoint signer on (no jobs: the request thread keeps those).
 */
/** Warnings and errors only (the request thread's pino logs the rest), in JSON where the process logs JSON. */
const threadLogger = (config: ThreadData['config']): ConsoleLogger | false => {
  if (config.logLevel === 'silent') return false;
  const logLevels: LogLevel[] = config.logLevel === 'fatal' || config.logLevel === 'error' ? ['fatal', 'error'] : ['fatal', 'error', 'warn'];
  const json = config.logFormat === 'json' || (config.logFormat === 'auto' && !process.stdout.isTTY);
  return new ConsoleLogger('subscriber-thread', { logLevels, json, prefix: 'asb' });
};

const main = async () => {
  const { config, scheduleSeals } = workerData as ThreadData;
  @Module({ imports: ledgerModules({ config, processJobs: false, runProjections: true, runReactors: true, scheduleSeals }) })
  class SubscriberThreadModule {}
  const app = await NestFactory.createApplicationContext(SubscriberThreadModule, { logger: threadLogger(config), abortOnError: false });
  await app.init();
  const subscribers = app.get(Subscribers);
  const log = app.get<EventStore>(EVENT_STORE);
  const port = parentPort!;
  const send = (m: FromThread) => port.postMessage(m);
  // Connected on the first ask only: an inspector session in every API would cost for nothing.
  let profiler: Session | null = null;
  const profile = (action: 'start' | 'stop') => {
    if (!profiler) (profiler = new Session()).connect();
    const post = (method: string) => new Promise<unknown>((resolve, reject) => profiler!.post(method, (error, result) => (error ? reject(error) : resolve(result))));
    if (action === 'start') return post('Profiler.enable').then(() => post('Profiler.start'));
    return post('Profiler.stop').then((result) => (result as { profile: unknown }).profile);
  };
  const loop = new ThreadLoopDelay();
  const answer = async (question: ThreadQuestion): Promise<unknown> => {
    switch (question.kind) {
      case 'caughtUp':
        if (question.ms !== undefined) return subscribers.caughtUpWithin(question.position, question.ms);
        return subscribers.caughtUp(question.position).then(() => null, (error: unknown) => (error instanceof Error ? error.message : String(error)));
      case 'reactorReached':
        return subscribers.reactorReached(question.name, question.position, question.ms);
      case 'states':
        return [...subscribers.projections.states(), ...subscribers.reactors.flatMap((r) => r.state() ?? [])];
      case 'cpu':
        return threadCpu();
      case 'loop':
        return loop.take();
      case 'profile':
        return profile(question.action);
    }
  };
  port.on('message', (m: ToThread) => {
    switch (m.kind) {
      case 'appended':
        if (log instanceof SqliteEventStore) log.appendedElsewhere();
        return;
      case 'want':
        // The same wait as an ask's, once for every write the request thread has waiting up to there (D83).
        return void subscribers.caughtUp(m.position).then(
          () => send({ kind: 'reached', position: m.position }),
          () => send({ kind: 'lagging', position: m.position }),
        );
      case 'ask':
        return void answer(m.question).then((value) => send({ kind: 'answer', id: m.id, value }));
      case 'stop':
        return void app.close().finally(() => process.exit(0));
    }
  });
  send({ kind: 'ready' });
};

// A failure to start is the thread's uncaught error: the request thread reports the subscribers as failed (/health).
void main();
