import { LedgerRuntime, loadLedgerConfig } from '@asb/ledger';
import { createApp } from '../../../apps/api/src/app.factory';

/**
 * The API as `npm start` runs it (embedded store, projections, reactors, jobs and checkpoints in
 * this process, pino logging at LOG_LEVEL), in a child process of the bench so that the load
 * generator's CPU is not counted as the server's. It answers the bench over IPC: its CPU time, and
 * `subscribers-off` to stop projections and reactors here (what the request thread would save if
 * they ran elsewhere; read-your-writes then has nothing to wait for).
 */
type Message = { id: number; cmd: 'cpu' | 'subscribers-off' | 'stop' };

const main = async () => {
  const config = loadLedgerConfig();
  const app = await createApp({ config, processJobs: true, runProjections: true, scheduleSeals: true });
  await app.listen(config.port, config.host);
  const runtime = app.get(LedgerRuntime);
  process.on('message', async (m: Message) => {
    switch (m.cmd) {
      case 'cpu':
        return process.send!({ id: m.id, value: process.cpuUsage() });
      case 'subscribers-off':
        await Promise.all(runtime.reactors.map((r) => r.stop()));
        await runtime.projections.stop();
        return process.send!({ id: m.id, value: true });
      case 'stop':
        await app.close();
        process.send!({ id: m.id, value: true });
        return process.exit(0);
    }
  });
  process.send!({ id: 0, value: 'ready' });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
