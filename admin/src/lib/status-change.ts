import 'server-only';
import { revalidatePath } from 'next/cache';
import { authorize } from './auth';
import { type FormState, failed, formText } from './form-state';
import { adminLogger } from './logger';
import type { Permission } from './permissions';
import type { Outcome } from './problem';
import type { Caller } from './services';

/** One resource's status changes (an order's pay, a user's suspend) as the console asks them. */
interface StatusChange<Step extends string, Changed> {
  /** The console's path for the resource, such as `orders`. */
  domain: 'orders' | 'users';
  /** The resource in a sentence, such as `order`. */
  noun: string;
  steps: readonly Step[];
  permissionOf(step: Step): Permission;
  send(caller: Caller, id: string, step: Step): Promise<Outcome<Changed>>;
  /** Why it failed when someone else changed it first and it is `current` now. */
  raced(current: string): string;
  done(step: Step, changed: Changed): string;
}

/**
 * Takes the step the form names (`id`, `action`), checks that the operator may, asks the service
 * and answers the form; the resource's page is refreshed either way, since a refusal often means
 * it changed meanwhile.
 */
export async function changeStatus<Step extends string, Changed>(
  form: FormData,
  change: StatusChange<Step, Changed>,
): Promise<FormState> {
  const id = formText(form, 'id');
  const step = change.steps.find((candidate) => candidate === formText(form, 'action'));
  if (!step) {
    return failed(`Could not change the ${change.noun}`, 'The console does not know that step.');
  }
  const notDone = `Could not ${step} the ${change.noun}`;
  const permission = change.permissionOf(step);
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notDone, allowed.message);
  }
  const changed = await change.send(allowed.session, id, step);
  revalidatePath(`/${change.domain}/${id}`);
  if (!changed.ok) {
    const { problem } = changed;
    const current = problem.extensions.currentStatus;
    return failed(
      notDone,
      problem.status === 409 && typeof current === 'string'
        ? change.raced(current)
        : problem.detail,
    );
  }
  adminLogger().info(
    { actor: allowed.session.email, change: permission, [`${change.noun}Id`]: id },
    'change',
  );
  return { status: 'success', message: change.done(step, changed.data) };
}
