'use server';

import { revalidatePath } from 'next/cache';
import { isApiKeyScope } from '@/data/api-keys';
import { authorize } from '@/lib/auth';
import { type FormState, failed, formText } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { fieldErrorsOf, outcomeOf } from '@/lib/problem';
import { asOperator, serviceClient } from '@/lib/services';

/** A created key travels back to the form once, in the action's answer, and is kept nowhere. */
export type ApiKeyFormState = FormState & { created?: { id: string; name: string; key: string } };

const notCreated = 'Could not create the API key';

export async function createApiKey(
  _previous: ApiKeyFormState,
  form: FormData,
): Promise<ApiKeyFormState> {
  const name = formText(form, 'name');
  const scopes = form.getAll('scopes').map(String).filter(isApiKeyScope);
  const values = { name, scopes: scopes.join(' ') };
  const allowed = await authorize('apiKeys.manage');
  if (!allowed.ok) {
    return failed(notCreated, allowed.message, { values });
  }
  const fieldErrors = {
    ...(name ? {} : { name: 'is required' }),
    ...(scopes.length > 0 ? {} : { scopes: 'must name at least one scope' }),
  };
  if (Object.keys(fieldErrors).length > 0) {
    return failed(notCreated, 'Check the highlighted fields.', { fieldErrors, values });
  }
  const created = await outcomeOf(
    serviceClient('users').POST('/v1/api-keys', {
      headers: asOperator(allowed.session),
      body: { name, scopes },
    }),
  );
  if (!created.ok) {
    const { problem } = created;
    return failed(
      notCreated,
      problem.errors.length > 0 ? 'Check the highlighted fields.' : problem.detail,
      {
        fieldErrors: fieldErrorsOf(problem, (path) => path.replace(/\[\d+\]$/, '')),
        values,
      },
    );
  }
  const { id, key } = created.data;
  adminLogger().info(
    { actor: allowed.session.email, change: 'apiKeys.create', apiKeyId: id, scopes },
    'change',
  );
  revalidatePath('/api-keys');
  return {
    status: 'success',
    title: 'API key created',
    message: `Copy the key for “${name}” now: it is shown only this once.`,
    created: { id, name, key },
  };
}

export async function revokeApiKey(_previous: FormState, form: FormData): Promise<FormState> {
  const notRevoked = 'Could not revoke the API key';
  const allowed = await authorize('apiKeys.manage');
  if (!allowed.ok) {
    return failed(notRevoked, allowed.message);
  }
  const id = formText(form, 'id');
  const revoked = await outcomeOf(
    serviceClient('users').POST('/v1/api-keys/{id}/revoke', {
      headers: asOperator(allowed.session),
      params: { path: { id } },
    }),
  );
  revalidatePath('/api-keys');
  if (!revoked.ok) {
    return failed(notRevoked, revoked.problem.detail);
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'apiKeys.revoke', apiKeyId: id },
    'change',
  );
  return {
    status: 'success',
    message: `“${revoked.data.name}” is revoked: calls with it are refused from now on.`,
  };
}
