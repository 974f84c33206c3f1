import { WrongExpectedRevisionError, type EventStore, type StoredEvent, type Subscription } from '@asb/event-store';
import type { ReadModelStore } from '@asb/projections';

/**
 * A checkpointed subscriber that acts on events (writes new events) instead of keeping a read
 * model. Its handler must be idempotent: the checkpoint moves after the handler has written.
 */
export class Reactor {
  private subscription: Subscription | null = null;

  constructor(
    readonly name: string,
    private readonly store: EventStore,
    private readonly readModels: ReadModelStore,
    private readonly handler: (event: StoredEvent) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    const checkpoint = this.readModels.checkpoint(this.name);
    this.subscription = this.store.subscribeToAll({
      checkpoint: checkpoint?.position ?? null,
      handler: async (event) => {
        // A concurrent writer on the same stream (e.g. a calculator's decision) is retried on fresh state.
        for (let attempt = 1; ; attempt++) {
          try {
            await this.handler(event);
            break;
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError) || attempt >= 5) throw error;
          }
        }
        this.readModels.advanceCheckpoint(this.name, event.position);
      },
      onError: this.onError,
    });
  }

  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
  }
}
