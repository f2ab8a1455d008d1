'use server';

import { revalidatePath } from 'next/cache';
import { authorize } from '@/lib/auth';
import { type FormState, failed, formText } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { checkPayload } from '@/lib/payload-check';
import { fieldErrorsOf, outcomeOf, type Problem } from '@/lib/problem';
import { asOperator, serviceClient } from '@/lib/services';

const permission = 'messaging.deadLetters.manage';

function refusedBecause(problem: Problem): string {
  const current = problem.extensions.currentStatus;
  return problem.status === 409 && typeof current === 'string'
    ? `It is already ${current}.`
    : problem.detail;
}

function revalidateDeadLetter(id: string): void {
  revalidatePath('/messaging/dead-letters');
  revalidatePath(`/messaging/dead-letters/${id}`);
}

/** Replays one dead letter with its event id kept; admins only, as at the service. */
export async function replayDeadLetter(_previous: FormState, form: FormData): Promise<FormState> {
  const notReplayed = 'Could not replay the dead letter';
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notReplayed, allowed.message);
  }
  const id = formText(form, 'id');
  const replayed = await outcomeOf(
    serviceClient('messaging').POST('/v1/dead-letters/{id}/replay', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
    }),
  );
  revalidateDeadLetter(id);
  if (!replayed.ok) {
    return failed(notReplayed, refusedBecause(replayed.problem));
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'messaging.replay', deadLetterId: id },
    'change',
  );
  return {
    status: 'success',
    title: 'Replayed',
    message: `Event ${replayed.data.eventId} is back on ${replayed.data.subscription}, with the same event id.`,
  };
}

/** Replaces the payload (checked here, then by the service against the topic) and resends it. */
export async function resendDeadLetter(_previous: FormState, form: FormData): Promise<FormState> {
  const notResent = 'Could not resend the dead letter';
  const text = String(form.get('payload') ?? '');
  const values = { payload: text };
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notResent, allowed.message, { values });
  }
  const id = formText(form, 'id');
  const checked = checkPayload(text);
  if (!checked.ok) {
    return failed(notResent, checked.errors[0]?.message ?? 'The payload is invalid.', {
      fieldErrors: { payload: checked.errors[0]?.message ?? 'is invalid' },
      values,
    });
  }
  const resent = await outcomeOf(
    serviceClient('messaging').POST('/v1/dead-letters/{id}/resend', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
      body: { payload: checked.payload },
    }),
  );
  revalidateDeadLetter(id);
  if (!resent.ok) {
    const fieldErrors = fieldErrorsOf(resent.problem);
    const named = Object.entries(fieldErrors)
      .map(([path, message]) => `${path.replace(/^payload\.?/, '') || 'payload'} ${message}`)
      .join('; ');
    return failed(notResent, named || refusedBecause(resent.problem), {
      fieldErrors: named ? { payload: named } : {},
      values,
    });
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'messaging.resend', deadLetterId: id },
    'change',
  );
  return {
    status: 'success',
    title: 'Edited and resent',
    message: `The edited payload is on ${resent.data.subscription} as event ${resent.data.eventId}.`,
  };
}

export async function discardDeadLetter(_previous: FormState, form: FormData): Promise<FormState> {
  const notDiscarded = 'Could not discard the dead letter';
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notDiscarded, allowed.message);
  }
  const id = formText(form, 'id');
  const discarded = await outcomeOf(
    serviceClient('messaging').POST('/v1/dead-letters/{id}/discard', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
    }),
  );
  revalidateDeadLetter(id);
  if (!discarded.ok) {
    return failed(notDiscarded, refusedBecause(discarded.problem));
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'messaging.discard', deadLetterId: id },
    'change',
  );
  return {
    status: 'success',
    title: 'Discarded',
    message: `Event ${discarded.data.eventId} will not be delivered to ${discarded.data.subscription}.`,
  };
}

/** Replays the dead letters the list's filter shows (status dead), oldest first. */
export async function replayFilteredDeadLetters(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const notReplayed = 'Could not replay the dead letters';
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notReplayed, allowed.message);
  }
  const subscription = formText(form, 'subscription');
  const topic = formText(form, 'topic');
  const replayed = await outcomeOf(
    serviceClient('messaging').POST('/v1/dead-letters/replay', {
      headers: asOperator(allowed.session),
      body: {
        ...(subscription ? { subscription } : {}),
        ...(topic ? { topic } : {}),
        limit: 1000,
      },
    }),
  );
  revalidatePath('/messaging/dead-letters');
  if (!replayed.ok) {
    return failed(notReplayed, replayed.problem.detail);
  }
  adminLogger().info(
    {
      actor: allowed.session.email,
      change: 'messaging.replayMany',
      subscription,
      topic,
      replayed: replayed.data.replayed,
    },
    'change',
  );
  return {
    status: 'success',
    title: 'Replayed',
    message:
      replayed.data.replayed === 0
        ? 'No dead letter matched.'
        : `${replayed.data.replayed} dead letter${replayed.data.replayed === 1 ? '' : 's'} replayed, each with its event id.`,
  };
}
