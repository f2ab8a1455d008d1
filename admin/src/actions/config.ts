'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { authorize } from '@/lib/auth';
import { configFields, fieldErrorsByKey, parseLabels, valuesFromForm } from '@/lib/config-form';
import { type FormState, formText } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import type { Permission } from '@/lib/permissions';
import { outcomeOf, type Problem } from '@/lib/problem';
import { asOperator, serviceClient } from '@/lib/services';
import type { Session } from '@/lib/session-token';

type Target = { namespace: string; service: string };

function targetOf(form: FormData): Target {
  return { namespace: formText(form, 'namespace'), service: formText(form, 'service') };
}

function revalidate(target: Target) {
  const base = `/config/${target.namespace}/${target.service}`;
  revalidatePath('/config');
  revalidatePath(base);
  revalidatePath(`${base}/history`);
  revalidatePath(`${base}/audit`);
}

function logChange(session: Session, change: string, target: Target, extra = {}) {
  adminLogger().info({ actor: session.email, change, ...target, ...extra }, 'change');
}

async function allowed(
  permission: Permission,
): Promise<{ ok: true; session: Session } | { ok: false; state: FormState }> {
  const check = await authorize(permission);
  return check.ok ? check : { ok: false, state: { status: 'error', message: check.message } };
}

function refusedBy(problem: Problem, what: string): FormState {
  if (problem.status === 422 && problem.errors.length > 0) {
    return {
      status: 'error',
      message: `${what}: ${problem.errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
    };
  }
  return { status: 'error', message: `${what}: ${problem.detail}` };
}

const config = () => serviceClient('config');

export async function saveDraft(_previous: FormState, form: FormData): Promise<FormState> {
  const mode = formText(form, 'mode') === 'json' ? 'json' : 'form';
  const raw = String(form.get('raw') ?? '');
  const check = await allowed('config.edit');
  if (!check.ok) {
    return check.state;
  }
  const { session } = check;
  const target = targetOf(form);
  const schema = await outcomeOf(
    config().GET('/v1/config/schemas/{service}', {
      params: { path: { service: target.service } },
      headers: asOperator(session),
    }),
  );
  if (!schema.ok) {
    return refusedBy(schema.problem, 'Cannot read the schema');
  }
  let values: Record<string, unknown>;
  if (mode === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      return {
        status: 'error',
        message: `The JSON does not parse: ${error instanceof Error ? error.message : 'invalid'}.`,
      };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return {
        status: 'error',
        message: 'The config must be one JSON object, `{ "key": value, … }`.',
      };
    }
    values = parsed as Record<string, unknown>;
  } else {
    const fields = configFields(schema.data.jsonSchema, schema.data.secretKeys);
    const read = valuesFromForm(fields, form);
    if (Object.keys(read.errors).length > 0) {
      return {
        status: 'error',
        message: 'Check the highlighted fields.',
        fieldErrors: read.errors,
      };
    }
    values = read.values;
  }
  const saved = await outcomeOf(
    config().PUT('/v1/config/{namespace}/{service}/draft', {
      params: { path: target },
      body: { values },
      headers: asOperator(session),
    }),
  );
  if (!saved.ok) {
    const { problem } = saved;
    return {
      status: 'error',
      message:
        problem.status === 422 && problem.errors.length > 0
          ? 'The config center refused the draft: check the highlighted fields.'
          : `The draft was not saved: ${problem.detail}`,
      fieldErrors: fieldErrorsByKey(problem.errors),
    };
  }
  logChange(session, 'config.saveDraft', target);
  revalidate(target);
  return {
    status: 'success',
    message: 'Draft saved. Its changes against the live release are listed below.',
  };
}

function grayRuleOf(
  form: FormData,
): { rule?: { percentage?: number; labels?: Record<string, string> } } | { error: string } {
  const audience = formText(form, 'audience');
  if (audience === 'percentage') {
    const percentage = Number(formText(form, 'percentage'));
    if (!Number.isInteger(percentage) || percentage < 1 || percentage > 100) {
      return { error: 'The share of instances must be a whole number from 1 to 100.' };
    }
    return { rule: { percentage } };
  }
  if (audience === 'labels') {
    const labels = parseLabels(formText(form, 'labels'));
    if (!labels || Object.keys(labels).length === 0) {
      return { error: 'Give the labels as key:value pairs, such as zone:a, tier:canary.' };
    }
    return { rule: { labels } };
  }
  return {};
}

export async function publishConfig(_previous: FormState, form: FormData): Promise<FormState> {
  const check = await allowed('config.edit');
  if (!check.ok) {
    return check.state;
  }
  const { session } = check;
  const target = targetOf(form);
  const gray = grayRuleOf(form);
  if ('error' in gray) {
    return { status: 'error', message: gray.error };
  }
  const published = await outcomeOf(
    config().POST('/v1/config/{namespace}/{service}/releases', {
      params: { path: target },
      body: { comment: formText(form, 'comment'), ...(gray.rule ? { gray: gray.rule } : {}) },
      headers: asOperator(session),
    }),
  );
  if (!published.ok) {
    return refusedBy(published.problem, 'Not published');
  }
  revalidate(target);
  const { data } = published;
  if ('status' in data) {
    logChange(session, 'config.requestPublish', target, { changeRequest: data.id });
    return {
      status: 'success',
      message: `Change request #${data.id} is waiting for another admin's approval.`,
    };
  }
  logChange(session, 'config.publish', target, { revision: data.revision });
  return {
    status: 'success',
    message:
      data.kind === 'gray'
        ? `Revision ${data.revision} is live as a gray release.`
        : `Published: revision ${data.revision} is live.`,
  };
}

function noticeUrl(
  target: Target,
  notice: { notice: string; request?: number; revision?: number | null },
): string {
  const query = new URLSearchParams({ notice: notice.notice });
  if (notice.request !== undefined) {
    query.set('request', String(notice.request));
  }
  if (notice.revision !== undefined && notice.revision !== null) {
    query.set('revision', String(notice.revision));
  }
  return `/config/${target.namespace}/${target.service}?${query}`;
}

export async function decideChangeRequest(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const decision = formText(form, 'decision') === 'approve' ? 'approve' : 'reject';
  // Rejecting is also how an author withdraws; the center tells the two apart.
  const check = await allowed(decision === 'approve' ? 'config.approve' : 'config.edit');
  if (!check.ok) {
    return check.state;
  }
  const { session } = check;
  const target = targetOf(form);
  const id = Number(formText(form, 'id'));
  const path =
    decision === 'approve'
      ? '/v1/config/{namespace}/{service}/change-requests/{id}/approve'
      : '/v1/config/{namespace}/{service}/change-requests/{id}/reject';
  const decided = await outcomeOf(
    config().POST(path, {
      params: { path: { ...target, id } },
      body: { comment: formText(form, 'comment') },
      headers: asOperator(session),
    }),
  );
  if (!decided.ok) {
    return refusedBy(decided.problem, decision === 'approve' ? 'Not approved' : 'Not rejected');
  }
  revalidate(target);
  const { status, revision } = decided.data;
  logChange(session, `config.${status}`, target, { changeRequest: id });
  // The request's card leaves the page with the decision, so the page itself tells the outcome.
  redirect(noticeUrl(target, { notice: status, request: id, revision }));
}

export async function rollbackConfig(_previous: FormState, form: FormData): Promise<FormState> {
  const check = await allowed('config.edit');
  if (!check.ok) {
    return check.state;
  }
  const { session } = check;
  const target = targetOf(form);
  const toRevision = Number(formText(form, 'toRevision'));
  if (!Number.isInteger(toRevision) || toRevision < 1) {
    return { status: 'error', message: 'Pick the revision to roll back to.' };
  }
  const rolledBack = await outcomeOf(
    config().POST('/v1/config/{namespace}/{service}/rollback', {
      params: { path: target },
      body: { toRevision, comment: formText(form, 'comment') },
      headers: asOperator(session),
    }),
  );
  if (!rolledBack.ok) {
    return refusedBy(rolledBack.problem, 'Not rolled back');
  }
  revalidate(target);
  const { data } = rolledBack;
  if ('status' in data) {
    logChange(session, 'config.requestRollback', target, { changeRequest: data.id });
    return {
      status: 'success',
      message: `Change request #${data.id} to roll back to revision ${toRevision} is waiting for another admin's approval.`,
    };
  }
  logChange(session, 'config.rollback', target, { revision: data.revision, toRevision });
  return {
    status: 'success',
    message: `Rolled back: revision ${data.revision} is live with the values of revision ${toRevision}.`,
  };
}

export async function endGrayRelease(_previous: FormState, form: FormData): Promise<FormState> {
  const check = await allowed('config.edit');
  if (!check.ok) {
    return check.state;
  }
  const { session } = check;
  const target = targetOf(form);
  const promote = formText(form, 'action') === 'promote';
  const ended = await outcomeOf(
    config().POST(
      promote
        ? '/v1/config/{namespace}/{service}/gray/promote'
        : '/v1/config/{namespace}/{service}/gray/abandon',
      {
        params: { path: target },
        body: { comment: formText(form, 'comment') },
        headers: asOperator(session),
      },
    ),
  );
  if (!ended.ok) {
    return refusedBy(ended.problem, promote ? 'Not promoted' : 'Not abandoned');
  }
  revalidate(target);
  logChange(session, promote ? 'config.promote' : 'config.abandon', target, {
    revision: ended.data.revision,
  });
  // The gray release's card leaves the page with it, so the page itself tells the outcome.
  redirect(
    noticeUrl(target, {
      notice: promote ? 'promoted' : 'abandoned',
      revision: ended.data.revision,
    }),
  );
}
