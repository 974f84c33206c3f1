import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { demoFarm, klwSubmission } from '../../../../test/support/farm-fixtures';
import { MetricsServer } from './metrics-server';

/** One sample of the Prometheus text: `name{labels} value`. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `) ? wanted.every((w) => l.includes(w)) : false);
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('/metrics in the Prometheus format, on a port of its own (issue 18, D57)', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_PORT: '0' } });
    url = `http://127.0.0.1:${t.app.get(MetricsServer).port()}`;
  });
  afterAll(async () => t.close());

  it('counts commands by type and outcome, times requests by route, and shows subscriber lag and the job queue', async () => {
    const farmer = t.token('boer-m', 'farmer');
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-metrics-0001')).expect(201);
    await t.http().post('/farms/nl-metrics-0001/years/2025/submissions').set('authorization', farmer).send(klwSubmission('klw-1', 900_000, 300_000)).expect(201);
    await t.http().post('/farms/nl-metrics-0001/years/2025/submissions').set('authorization', farmer).send(klwSubmission('klw-1', 900_000, 300_000)).expect(409);
    await t.http().post('/farms').set('authorization', farmer).send(demoFarm('nl-metrics-0001')).expect(409);

    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(sample(text, 'asb_commands_total', { type: 'SubmitBalanceData', outcome: 'recorded' })).toBe(1);
    expect(sample(text, 'asb_commands_total', { type: 'SubmitBalanceData', outcome: 'refused' })).toBe(1);
    expect(sample(text, 'asb_commands_total', { type: 'RegisterFarm', outcome: 'recorded' })).toBe(1);
    const route = '/farms/:farmId/years/:year/submissions';
    expect(sample(text, 'asb_http_request_duration_seconds_count', { method: 'POST', route, status: '201' })).toBe(1);
    expect(sample(text, 'asb_http_request_duration_seconds_count', { method: 'POST', route, status: '409' })).toBe(1);
    expect(sample(text, 'asb_http_request_duration_seconds_bucket', { method: 'POST', route, status: '201', le: '+Inf' })).toBe(1);
    // Every projection and reactor of this process, caught up after the writes answered.
    expect(sample(text, 'asb_subscriber_lag_events', { subscriber: 'farm-register' })).toBe(0);
    expect(sample(text, 'asb_subscriber_lag_events', { subscriber: 'reactor:checks' })).toBeDefined();
    expect(sample(text, 'asb_log_head_position')).toBeGreaterThan(0);
    expect(sample(text, 'asb_job_queue_depth', { state: 'waiting' })).toBe(0);
    expect(text).toContain('asb_nodejs_eventloop_lag_p99_seconds');
  });

  it('is not served on the API’s port, and its own port serves nothing else', async () => {
    await t.http().get('/metrics').set('authorization', t.token('nvwa', 'regulator')).expect(404);
    expect((await fetch(`${url}/other`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('has no endpoint at all unless METRICS_PORT is set', async () => {
    const other = await startTestApp();
    try {
      expect(other.app.get(MetricsServer).port()).toBeNull();
    } finally {
      await other.close();
    }
  });
});
