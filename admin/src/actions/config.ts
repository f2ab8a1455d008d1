'use server';

import { redirect } from 'next/navigation';
import { type ConfigTarget, getConfigSchema, publishDraft } from '@/data/config';
import {
  guardConfigChange,
  logChange,
  refusedBy,
  revalidateConfig,
  saveDraftAnswering,
} from '@/lib/config-actions';
import { configFields, parseJsonObject, parseLabels, valuesFromForm } from '@/lib/config-form';
import { type FormState, failed, formText } from '@/lib/form-state';
import { outcomeOf } from '@/lib/problem';
import { asOperator, serviceClient } from '@/lib/services';

const config = () => serviceClient('config');

export async function saveDraft(_previous: FormState, form: FormData): Promise<FormState> {
  const mode = formText(form, 'mode') === 'json' ? 'json' : 'form';
  const raw = String(form.get('raw') ?? '');
  const notSaved = 'Could not save the draft';
  const check = await guardConfigChange(form, 'config.edit', notSaved);
  if (!check.ok) {
    return check.state;
  }
  const { session, target } = check;
  const schema = await getConfigSchema(session, target.service);
  if (!schema.ok) {
    return refusedBy(schema.problem, notSaved, 'Reading the schema failed');
  }
  let values: Record<string, unknown>;
  if (mode === 'json') {
    const parsed = parseJsonObject(raw);
    if (!parsed.ok) {
      return failed(
        notSaved,
        parsed.error === 'not-object'
          ? 'The config must be one JSON object, `{ "key": value, … }`.'
          : `The JSON does not parse: ${parsed.error}.`,
      );
    }
    values = parsed.value;
  } else {
    const fields = configFields(schema.data.jsonSchema, schema.data.secretKeys);
    const read = valuesFromForm(fields, form);
    if (Object.keys(read.errors).length > 0) {
      return failed(notSaved, 'Check the highlighted fields.', { fieldErrors: read.errors });
    }
    values = read.values;
  }
  return saveDraftAnswering(session, target, values, {
    change: 'config.saveDraft',
    notSaved,
    refused: 'The config center refused some values: check the highlighted fields.',
    saved: 'Draft saved. Its changes against the live release are listed below.',
  });
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
  const notPublished = 'Could not publish the draft';
  const check = await guardConfigChange(form, 'config.edit', notPublished);
  if (!check.ok) {
    return check.state;
  }
  const { session, target } = check;
  const gray = grayRuleOf(form);
  if ('error' in gray) {
    return failed(notPublished, gray.error);
  }
  const published = await publishDraft(session, target, {
    comment: formText(form, 'comment'),
    ...(gray.rule ? { gray: gray.rule } : {}),
  });
  if (!published.ok) {
    return refusedBy(published.problem, notPublished);
  }
  revalidateConfig(target);
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
  target: ConfigTarget,
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
  const notDecided =
    decision === 'approve' ? 'Could not approve the change' : 'Could not reject the change';
  const check = await guardConfigChange(
    form,
    decision === 'approve' ? 'config.approve' : 'config.edit',
    notDecided,
  );
  if (!check.ok) {
    return check.state;
  }
  const { session, target } = check;
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
    return refusedBy(decided.problem, notDecided);
  }
  revalidateConfig(target);
  const { status, revision } = decided.data;
  logChange(session, `config.${status}`, target, { changeRequest: id });
  // The request's card leaves the page with the decision, so the page itself tells the outcome.
  redirect(noticeUrl(target, { notice: status, request: id, revision }));
}

export async function rollbackConfig(_previous: FormState, form: FormData): Promise<FormState> {
  const notRolledBack = 'Could not roll back';
  const check = await guardConfigChange(form, 'config.edit', notRolledBack);
  if (!check.ok) {
    return check.state;
  }
  const { session, target } = check;
  const toRevision = Number(formText(form, 'toRevision'));
  if (!Number.isInteger(toRevision) || toRevision < 1) {
    return failed(notRolledBack, 'Pick the revision to roll back to.');
  }
  const rolledBack = await outcomeOf(
    config().POST('/v1/config/{namespace}/{service}/rollback', {
      params: { path: target },
      body: { toRevision, comment: formText(form, 'comment') },
      headers: asOperator(session),
    }),
  );
  if (!rolledBack.ok) {
    return refusedBy(rolledBack.problem, notRolledBack);
  }
  revalidateConfig(target);
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
  const promote = formText(form, 'action') === 'promote';
  const notEnded = promote
    ? 'Could not promote the gray release'
    : 'Could not abandon the gray release';
  const check = await guardConfigChange(form, 'config.edit', notEnded);
  if (!check.ok) {
    return check.state;
  }
  const { session, target } = check;
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
    return refusedBy(ended.problem, notEnded);
  }
  revalidateConfig(target);
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
