import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { NextFunction, Request, Response } from 'express';
import { CommandService, SubscriberStatusReader } from '@asb/ledger';
import { JOB_QUEUE, type JobQueue } from '@asb/jobs';

/**
 * What the operator watches, in the Prometheus format (issue 18): commands by type and outcome, HTTP
 * latency per route, each subscriber's lag behind the log, the job queue's depth, and the process's
 * own figures (event-loop delay, heap, CPU). One registry per application, not prom-client's global
 * one: a test process runs many applications side by side.
 */
@Injectable()
export class LedgerMetrics implements OnModuleInit {
  readonly registry = new Registry();
  private readonly commands = new Counter({ name: 'asb_commands_total', help: 'Commands handled, by command type and outcome', labelNames: ['type', 'outcome'] as const, registers: [this.registry] });
  private readonly requests = new Histogram({
    name: 'asb_http_request_duration_seconds',
    help: 'HTTP requests from the first byte read to the last byte written, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    private readonly commandService: CommandService,
    subscribers: SubscriberStatusReader,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'asb_' });
    new Gauge({
      name: 'asb_subscriber_lag_events',
      help: 'Log positions between the head and each projection or reactor running in this process',
      labelNames: ['subscriber'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const s of (await subscribers.report()).subscribers) this.set({ subscriber: s.name }, s.lag);
      },
    });
    new Gauge({
      name: 'asb_log_head_position',
      help: 'Position of the newest event in the log',
      registers: [this.registry],
      async collect() {
        this.set((await subscribers.report()).head);
      },
    });
    const queue = this.jobs;
    new Gauge({
      name: 'asb_job_queue_depth',
      help: 'Jobs not finished, by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const depth = await queue.depth();
        for (const state of ['waiting', 'active', 'delayed'] as const) this.set({ state }, depth[state]);
      },
    });
  }

  onModuleInit(): void {
    this.commandService.onHandled = (type, outcome) => this.commands.inc({ type, outcome });
  }

  /** Express middleware: times every request; the route is the pattern matched (bounded), not the URL. */
  readonly httpTimer = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
      this.requests.observe({ method: req.method, route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
