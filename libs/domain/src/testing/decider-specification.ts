import type { Command, Decider, DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** given events / when command / then events, or then a refusal with an error code. */
export const DeciderSpecification = {
  for<S, C extends Command, E extends DomainEvent>(decider: Decider<S, C, E>) {
    return (given: E[]) => ({
      when: (command: C) => {
        const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
        return {
          then: (expected: E[]) => expect(run()).toEqual(expected),
          /** The refusal's code, and (when given) the field it names. */
          thenRefusedWith: (code: string, field?: string) => {
            let caught: unknown;
            try {
              run();
            } catch (error) {
              caught = error;
            }
            expect(caught).toBeInstanceOf(DomainError);
            expect((caught as DomainError).code).toBe(code);
            if (field !== undefined) expect((caught as DomainError).field).toBe(field);
          },
        };
      },
    });
  },
};
