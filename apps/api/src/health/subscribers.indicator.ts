import type { HealthIndicatorService } from '@nestjs/terminus';
import type { SubscriberStatusReader } from '@asb/ledger';

/**
 * `subscribers` on /health: down when a projection's or reactor's subscription has stopped (the
 * read models no longer follow the log); up but `degraded` while events are parked (the ledger
 * goes on, a regulator should look at /audit/subscriber-failures); each subscriber's lag behind
 * the head. Parked events do not make the process unhealthy: restarting it would not help.
 */
export const subscribersIndicator = (status: SubscriberStatusReader, indicators: HealthIndicatorService) => async () => {
  const indicator = indicators.check('subscribers');
  const { head, leader, thread, parked, subscribers } = await status.report();
  const failed = subscribers.filter((s) => s.state === 'failed');
  const details = {
    state: failed.length ? 'down' : parked ? 'degraded' : 'healthy',
    parked,
    head,
    // Several replicas (D56): only the elected one runs the subscribers listed here.
    ...(leader === null ? {} : { leader }),
    // The embedded API: on a thread of their own beside the request thread (D66).
    ...(thread ? { thread } : {}),
    subscribers: Object.fromEntries(
      subscribers.map((s) => [s.name, { state: s.state, position: s.position, lag: s.lag, parked: s.parked, ...(s.error ? { error: s.error } : {}) }]),
    ),
  };
  return failed.length ? indicator.down(details) : indicator.up(details);
};
