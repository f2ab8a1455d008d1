'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { authorize } from '@/lib/auth';
import { type FormState, failed, formText } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { webhookEndpointPath } from '@/lib/messaging';
import { outcomeOf, type Problem } from '@/lib/problem';
import { asOperator, serviceClient } from '@/lib/services';

const permission = 'messaging.webhooks.manage';

function refusedBecause(problem: Problem): string {
  const current = problem.extensions.currentStatus;
  return problem.status === 409 && typeof current === 'string'
    ? `The endpoint is ${current}: enable it first.`
    : problem.detail;
}

function revalidateEndpoint(id: string): void {
  revalidatePath('/messaging/webhooks');
  revalidatePath(webhookEndpointPath(id));
}

/** Sends a delivery again at once, with the same `webhook-id`; the owner's or any for admins. */
export async function replayWebhookDelivery(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const notReplayed = 'Could not replay the delivery';
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notReplayed, allowed.message);
  }
  const id = formText(form, 'id');
  const replayed = await outcomeOf(
    serviceClient('messaging').POST('/v1/webhook-deliveries/{id}/replay', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
    }),
  );
  revalidateEndpoint(formText(form, 'endpointId'));
  if (!replayed.ok) {
    return failed(notReplayed, refusedBecause(replayed.problem));
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'webhooks.replay', deliveryId: id },
    'change',
  );
  return {
    status: 'success',
    title: 'Replayed',
    message: `Event ${replayed.data.eventId} is being delivered again, with the same webhook-id.`,
  };
}

/** Enables (clearing its failure record) or disables an endpoint. */
export async function setWebhookEndpointStatus(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const status = formText(form, 'status') === 'enabled' ? 'enabled' : 'disabled';
  const notChanged = `Could not ${status === 'enabled' ? 'enable' : 'disable'} the endpoint`;
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notChanged, allowed.message);
  }
  const id = formText(form, 'id');
  const changed = await outcomeOf(
    serviceClient('messaging').PATCH('/v1/webhook-endpoints/{id}', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
      body: { status },
    }),
  );
  revalidateEndpoint(id);
  if (!changed.ok) {
    return failed(notChanged, changed.problem.detail);
  }
  adminLogger().info(
    { actor: allowed.session.email, change: `webhooks.${status}`, endpointId: id },
    'change',
  );
  return status === 'enabled'
    ? { status: 'success', title: 'Enabled', message: 'The endpoint receives deliveries again.' }
    : {
        status: 'success',
        title: 'Disabled',
        message: 'The endpoint gets nothing until it is enabled again.',
      };
}

/** Deletes an endpoint with its delivery log, then goes back to the list. */
export async function deleteWebhookEndpoint(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const notDeleted = 'Could not delete the endpoint';
  const allowed = await authorize(permission);
  if (!allowed.ok) {
    return failed(notDeleted, allowed.message);
  }
  const id = formText(form, 'id');
  const deleted = await outcomeOf(
    serviceClient('messaging').DELETE('/v1/webhook-endpoints/{id}', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
    }),
  );
  revalidateEndpoint(id);
  if (!deleted.ok) {
    return failed(notDeleted, deleted.problem.detail);
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'webhooks.delete', endpointId: id },
    'change',
  );
  redirect(`/messaging/webhooks?deleted=${encodeURIComponent(id)}`);
}
