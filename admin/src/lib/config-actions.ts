import 'server-only';
import { revalidatePath } from 'next/cache';
import { type ConfigTarget, saveDraftValues } from '@/data/config';
import { authorize } from './auth';
import { fieldErrorsByKey } from './config-form';
import { type FormState, formText } from './form-state';
import { adminLogger } from './logger';
import type { Permission } from './permissions';
import type { Problem } from './problem';
import type { Session } from './session-token';

/** What the server actions that change config share: who may, which target, what to say. */

export function targetOf(form: FormData): ConfigTarget {
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

export async function allowed(
  permission: Permission,
): Promise<{ ok: true; session: Session } | { ok: false; state: FormState }> {
  const check = await authorize(permission);
  return check.ok ? check : { ok: false, state: { status: 'error', message: check.message } };
}

export function refusedBy(problem: Problem, what: string): FormState {
  if (problem.status === 422 && problem.errors.length > 0) {
    return {
      status: 'error',
      message: `${what}: ${problem.errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
    };
  }
  return { status: 'error', message: `${what}: ${problem.detail}` };
}

/**
 * Saves a draft for a form and answers it: the center's complaints per key on a 422, else why
 * it failed; on success the change is logged and every page showing it is refreshed.
 */
export async function saveDraftAnswering(
  session: Session,
  target: ConfigTarget,
  values: Record<string, unknown>,
  answers: { change: string; refused: string; notSaved: string; saved: string },
): Promise<FormState> {
  const saved = await saveDraftValues(session, target, values);
  if (!saved.ok) {
    const { problem } = saved;
    return {
      status: 'error',
      message:
        problem.status === 422 && problem.errors.length > 0
          ? answers.refused
          : `${answers.notSaved}: ${problem.detail}`,
      fieldErrors: fieldErrorsByKey(problem.errors),
    };
  }
  logChange(session, answers.change, target);
  revalidateConfig(target);
  return { status: 'success', message: answers.saved };
}
