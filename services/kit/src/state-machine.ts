/**
 * A resource's lifecycle as data: named actions, each moving one status to another. It imports
 * nothing, so a service's lifecycle module built on it stays safe for the console's browser code.
 */
export type Transitions<Status extends string> = Readonly<
  Record<string, { readonly from: Status; readonly to: Status }>
>;

export interface StateMachine<Status extends string, T extends Transitions<Status>> {
  readonly transitions: T;
  /** Every action, in the order the transitions were written. */
  readonly actions: readonly (keyof T & string)[];
  /** The actions a resource in `status` allows, in the order of `actions`. */
  actionsFrom(status: Status): (keyof T & string)[];
  /**
   * Where `action` takes a resource in `current`; when it does not apply, `refuse` makes the
   * error thrown (the domain's typed conflict).
   */
  next<A extends keyof T & string>(
    current: Status,
    action: A,
    refuse: new (current: Status, action: A) => Error,
  ): T[A]['to'];
}

/** `statuses` names the status type; `transitions` are the actions between them. */
export function defineStateMachine<
  const Statuses extends readonly string[],
  const T extends Transitions<Statuses[number]>,
>(_statuses: Statuses, transitions: T): StateMachine<Statuses[number], T> {
  const actions = Object.keys(transitions) as (keyof T & string)[];
  return {
    transitions,
    actions,
    actionsFrom: (status) => actions.filter((action) => transitions[action]?.from === status),
    next(current, action, refuse) {
      const transition = transitions[action] as T[typeof action];
      if (current !== transition.from) {
        throw new refuse(current, action);
      }
      return transition.to;
    },
  };
}
