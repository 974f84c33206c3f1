import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@asb/event-store';
import { JOB_QUEUE, type JobQueue } from '@asb/jobs';
import { SubscriberStatusReader } from '@asb/ledger';
import { Public } from '../auth/roles.decorator';
import { ApiDoc, json } from '../http/openapi';
import { subscribersIndicator } from './subscribers.indicator';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly subscribers: SubscriberStatusReader,
  ) {}

  @Get()
  @Public()
  // Above @HealthCheck(): its own 503 schema is the health report, which this API answers in the one error shape.
  @ApiDoc({
    summary: 'Whether the event store, the job queue and the projection subscribers are up',
    response: json.object({ status: json.string, info: json.map(json.anyObject), error: json.map(json.anyObject), details: json.map(json.anyObject) }),
    errors: [400, 503],
  })
  @HealthCheck()
  check() {
    // A damaged store is served read-only so that it can be examined; health says so in the one error shape.
    const damage = this.store.damage?.();
    if (damage) {
      throw new ServiceUnavailableException({ code: 'STORE_DAMAGED', message: `event store damaged: ${damage.message}; writes are refused; examine it with GET /audit/verify or asb verify` });
    }
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('eventStore');
        try {
          await this.store.readAll({ limit: 1 });
          return indicator.up({ kind: this.store.kind });
        } catch (error) {
          return indicator.down({ kind: this.store.kind, error: String(error) });
        }
      },
      async () => this.indicators.check('jobs').up({ kind: this.jobs.kind }),
      subscribersIndicator(this.subscribers, this.indicators),
    ]);
  }
}
