import 'server-only';
import { revalidatePath } from 'next/cache';
import { type ConfigTarget, saveDraftValues } from '@/data/config';
import { authorize } from './auth';
import { fieldErrorsByKey } from './config-form';
import { type FormState, failed, formText } from './form-state';
import { adminLogger } from './logger';
import type { Permission } from './permissions';
import type { Problem } from './problem';
import type { Session } from './session-token';

/** What the server actions that change config share: who may, which target, what to say. */

function targetOf(form: FormData): ConfigTarget {
  return { namespace: formText(form, 'namespace'), service: formText(form, 'service') };
}

/** Every page that shows a service's config, or what its rules do. */
export function revalidateConfig(target: ConfigTarget) {
  const base = `/config/${target.namespace}/${target.service}`;
  revalidatePath('/config');
  revalidatePath(base);
  revalidatePath(`${base}/history`);
  revalidatePath(`${base}/audit`);
  revalidatePath(`/resilience/${target.service}`);
}

export function logChange(session: Session, change: string, target: ConfigTarget, extra = {}) {
  adminLogger().info({ actor: session.email, change, ...target, ...extra }, 'change');
}

/**
 * The start of every config change: the operator's session and the target the form names, or
 * the refusal titled with what the action could not do.
 */
export async function guardConfigChange(
  form: FormData,
  permission: Permission,
  title: string,
): Promise<{ ok: true; session: Session; target: ConfigTarget } | { ok: false; state: FormState }> {
  const check = await authorize(permission);
  return check.ok
    ? { ok: true, session: check.session, target: targetOf(form) }
    : { ok: false, state: failed(title, check.message) };
}

/**
 * What failed (`title`) and the center's reason; `step` names the call that failed when it
 * was not the action itself, such as reading the schema first.
 */
export function refusedBy(problem: Problem, title: string, step?: string): FormState {
  const reason =
    problem.status === 422 && problem.errors.length > 0
      ? `${problem.errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`
      : problem.detail;
  return failed(title, step ? `${step}: ${reason}` : reason);
}

/**
 * Saves a draft for a form and answers it: the center's complaints per key on a 422, else why
 * it failed; on success the change is logged and every page showing it is refreshed.
 */
export async function saveDraftAnswering(
  session: Session,
  target: ConfigTarget,
  values: Record<string, unknown>,
  answers: { change: string; notSaved: string; refused: string; saved: string },
): Promise<FormState> {
  const saved = await saveDraftValues(session, target, values);
  if (!saved.ok) {
    const { problem } = saved;
    return failed(
      answers.notSaved,
      problem.status === 422 && problem.errors.length > 0 ? answers.refused : problem.detail,
      { fieldErrors: fieldErrorsByKey(problem.errors) },
    );
  }
  logChange(session, answers.change, target);
  revalidateConfig(target);
  return { status: 'success', message: answers.saved };
}
