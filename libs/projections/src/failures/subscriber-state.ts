/** Whether a subscriber's subscription is delivering: `failed` only when even parking an event failed (the store is unusable). */
export type SubscriberState = Readonly<{
  name: string;
  kind: 'projection' | 'reactor';
  state: 'running' | 'failed';
  /** Why a failed subscription stopped. */
  error: string | null;
}>;
