import { join } from 'node:path';
import { domainUpcasters } from '@asb/domain';
import { createEventStore, UpcasterRegistry, type EventStore } from '@asb/event-store';
import { createJobQueue, type JobQueue } from '@asb/jobs';
import { ProjectionRunner, ReadModelStore, allProjections } from '@asb/projections';
import { CommandService } from './command-handling/command-service';
import type { LedgerConfig } from './config/ledger-config';
import { IntegrityService } from './integrity/integrity.service';
import { systemClock, type Clock } from './clock/clock';

/**
 * Everything a process of the ledger needs, built from the configuration in one place; the Nest
 * module binds these to DI tokens, and the CLI uses them without an HTTP server.
 */
export class LedgerRuntime {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  readonly jobs: JobQueue;
  readonly upcasters: UpcasterRegistry;
  readonly commands: CommandService;
  readonly projections: ProjectionRunner;
  readonly integrity: IntegrityService;

  constructor(
    readonly config: LedgerConfig,
    readonly clock: Clock = systemClock,
  ) {
    this.store = createEventStore({ dataDir: config.dataDir, eventStoreUrl: config.eventStoreUrl });
    this.readModels = new ReadModelStore(join(config.dataDir, 'readmodels.db'));
    this.jobs = createJobQueue({ redisUrl: config.redisUrl, dataDir: config.dataDir });
    this.upcasters = new UpcasterRegistry(domainUpcasters);
    this.commands = new CommandService(this.store, this.upcasters);
    this.projections = new ProjectionRunner(this.store, this.readModels, allProjections);
    this.integrity = new IntegrityService(this.store, clock);
  }

  async close(): Promise<void> {
    await this.projections.stop();
    await this.jobs.close();
    await this.store.close();
    this.readModels.close();
  }
}
