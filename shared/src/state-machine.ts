/**
 * A feature's states and the moves between them, as data: the server refuses a move the table does
 * not list, and the mini-program offers only the moves that exist from a record's state. Every
 * state is a key, so a state added to the feature's list without its moves fails to compile.
 */
export type StateMachine<S extends string> = { readonly [K in S]: readonly S[] };

export function defineStateMachine<S extends string>(table: {
  readonly [K in S]: readonly NoInfer<S>[];
}): StateMachine<S> {
  return Object.freeze(
    Object.fromEntries(Object.entries(table).map(([from, to]) => [from, Object.freeze([...(to as S[])])])),
  ) as StateMachine<S>;
}

/** Whether `to` may follow `from`; staying in a state is not a move (callers decide what a repeat means). */
export function canTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine[from].includes(to);
}

/** The states that may follow `state`, in the order the table lists them. */
export function actionsFrom<S extends string>(machine: StateMachine<S>, state: S): readonly S[] {
  return machine[state];
}

/** The states from which `to` may be reached, e.g. the ones still waiting for a decision. */
export function statesLeadingTo<S extends string>(machine: StateMachine<S>, to: S): S[] {
  return (Object.keys(machine) as S[]).filter((from) => canTransition(machine, from, to));
}
