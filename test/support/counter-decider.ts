import type { Command, Decider, DomainEvent } from '@asb/domain';

export type Added = DomainEvent<'Added', { n: number }>;
export type Add = Command<'Add', { n: number }>;

/** A counter for command-handling tests: adding to it records the amount; the state is the sum. */
export const counter: Decider<number, Add, Added> = {
  decide: (c) => [{ type: 'Added', data: { n: c.data.n } }],
  evolve: (s, e) => s + e.data.n,
  initialState: () => 0,
};
