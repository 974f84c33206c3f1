/**
 * A decider is the whole behaviour of one aggregate as three pure functions.
 * Time and ids arrive inside the command; nothing here reads a clock or does I/O.
 */
export type DomainEvent<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Data;
}>;

export type Command<Type extends string = string, Data = unknown> = Readonly<{
  type: Type;
  data: Data;
}>;

export type Decider<State, C extends Command, E extends DomainEvent> = {
  decide: (command: C, state: State) => E[];
  evolve: (state: State, event: E) => State;
  initialState: () => State;
};

/** Closes a string-literal union: the compiler fails when a case is forgotten. */
export const assertNever = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
