import fc from 'fast-check';
import type { Command, Decider, DomainEvent } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/**
 * Model-based liveness tests of a workflow (issue 14.1, D37), pure, against its decider.
 *
 * A model state `M` is the decider's state plus what the decider is told from outside (the data as
 * submitted, whether the subsidy is settled, the clock). An action is one permitted command — the
 * decider decides it (a refusal leaves the state as it was) — or a change of the outside world. A
 * workflow has cases (the score, a levy, each authorisation, each finding), each with a terminal
 * status. Two properties hold over random sequences of actions (fc.commands), at every state reached:
 *  (a) every case can still be closed: a bounded breadth-first search over the actions finds a state
 *      in which the case is terminal;
 *  (b) a terminal case stays as it is: no action changes it.
 */
export type Action<M> = Readonly<{ label: string; apply: (m: M) => M }>;

export type WorkflowModel<M> = Readonly<{
  name: string;
  initial: M;
  actions: (m: M) => readonly Action<M>[];
  /** The cases present in a state. */
  cases: (m: M) => readonly string[];
  isTerminal: (m: M, caseId: string) => boolean;
  /** What of a terminal case must never change. */
  view: (m: M, caseId: string) => unknown;
  /** Bound of the search for a terminal state (actions). */
  depth: number;
}>;

/** An action that lets the decider decide: a refusal (DomainError) changes nothing; any other error is a bug and fails the test. */
export const decided =
  <S, C extends Command, E extends DomainEvent, M extends { s: S }>(decider: Decider<S, C, E>, label: string, command: (m: M) => C): Action<M> => ({
    label,
    apply: (m) => {
      let events: E[];
      try {
        events = decider.decide(command(m), m.s);
      } catch (error) {
        if (error instanceof DomainError) return m;
        throw error;
      }
      return events.length ? { ...m, s: events.reduce(decider.evolve, m.s) } : m;
    },
  });

const keyOf = (m: unknown) => JSON.stringify(m);

/** A path of action labels from `from` to a state in which the case is terminal, or null within the bound. */
export const pathToTerminal = <M>(model: WorkflowModel<M>, from: M, caseId: string, memo: Map<string, boolean>): string[] | null => {
  const memoKey = `${caseId}|${keyOf(from)}`;
  if (memo.get(memoKey) === true) return [];
  const seen = new Set<string>([keyOf(from)]);
  let frontier: Array<{ m: M; path: string[] }> = [{ m: from, path: [] }];
  for (let depth = 0; depth <= model.depth; depth++) {
    const next: Array<{ m: M; path: string[] }> = [];
    for (const { m, path } of frontier) {
      if (model.isTerminal(m, caseId) || memo.get(`${caseId}|${keyOf(m)}`) === true) {
        memo.set(memoKey, true);
        return path;
      }
      if (depth === model.depth) continue;
      for (const action of model.actions(m)) {
        const after = action.apply(m);
        const k = keyOf(after);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push({ m: after, path: [...path, action.label] });
      }
    }
    frontier = next;
  }
  return null;
};

/** (a) and (b) at one state; throws naming the state and the action when one fails. */
export const checkState = <M>(model: WorkflowModel<M>, m: M, memo: Map<string, boolean>, trace: readonly string[]): void => {
  for (const caseId of model.cases(m)) {
    if (pathToTerminal(model, m, caseId, memo) === null) {
      throw new Error(`${model.name}: case ${caseId} can no longer be closed (no terminal state within ${model.depth} actions) after [${trace.join(', ')}]: ${keyOf(m)}`);
    }
    if (!model.isTerminal(m, caseId)) continue;
    const before = keyOf(model.view(m, caseId));
    for (const action of model.actions(m)) {
      const after = action.apply(m);
      if (!model.cases(after).includes(caseId) || keyOf(model.view(after, caseId)) !== before) {
        throw new Error(`${model.name}: ${action.label} changed the terminal case ${caseId} after [${trace.join(', ')}]`);
      }
    }
  }
};

type Real<M> = { m: M; trace: string[] };

/** Picks the i-th of the commands the decider accepts in the current state (modulo their number). */
class Pick<M> implements fc.Command<object, Real<M>> {
  constructor(
    private readonly model: WorkflowModel<M>,
    private readonly memo: Map<string, boolean>,
    readonly index: number,
  ) {}
  check = () => true;
  run(_: object, real: Real<M>): void {
    // Only commands the decider accepts move the walk (refused ones are tried at every terminal state by (b)).
    const before = keyOf(real.m);
    const moves = this.model.actions(real.m).map((action) => ({ action, after: action.apply(real.m) })).filter(({ after }) => keyOf(after) !== before);
    if (!moves.length) return;
    const { action, after } = moves[this.index % moves.length];
    real.m = after;
    real.trace.push(action.label);
    checkState(this.model, real.m, this.memo, real.trace);
  }
  toString = () => `pick(${this.index})`;
}

/** Runs the model: random sequences of permitted actions from the initial state, (a) and (b) after each. */
export const assertLiveness = <M>(model: WorkflowModel<M>, options: { numRuns?: number; maxCommands?: number; seed?: number } = {}): { statesChecked: number } => {
  const memo = new Map<string, boolean>();
  let statesChecked = 0;
  checkState(model, model.initial, memo, []);
  fc.assert(
    fc.property(fc.commands([fc.nat({ max: 1000 }).map((i) => new Pick(model, memo, i))], { maxCommands: options.maxCommands ?? 25, size: 'max' }), (commands) => {
      const real: Real<M> = { m: model.initial, trace: [] };
      fc.modelRun(() => ({ model: {}, real }), commands);
      statesChecked += real.trace.length;
    }),
    { numRuns: options.numRuns ?? 100, ...(options.seed !== undefined ? { seed: options.seed } : {}) },
  );
  return { statesChecked };
};

/** Every state reachable within `depth` actions (breadth first), for an exhaustive check where the space is small. */
export const reachableStates = <M>(model: WorkflowModel<M>, depth: number): M[] => {
  const seen = new Map<string, M>([[keyOf(model.initial), model.initial]]);
  let frontier = [model.initial];
  for (let d = 0; d < depth; d++) {
    const next: M[] = [];
    for (const m of frontier) {
      for (const action of model.actions(m)) {
        const after = action.apply(m);
        const k = keyOf(after);
        if (!seen.has(k)) {
          seen.set(k, after);
          next.push(after);
        }
      }
    }
    frontier = next;
  }
  return [...seen.values()];
};
