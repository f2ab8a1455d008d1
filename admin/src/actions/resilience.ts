'use server';

import { diffDraft, getConfigSchema, getDraft, publishDraft, saveDraftValues } from '@/data/config';
import {
  guardConfigChange,
  logChange,
  refusedBy,
  revalidateConfig,
  saveDraftAnswering,
} from '@/lib/config-actions';
import { parseJsonObject } from '@/lib/config-form';
import { type FormState, failed, formText } from '@/lib/form-state';
import { type ForcedState, forceComment, rulesProperty, withForcedBreaker } from '@/lib/resilience';

function forcedStateOf(form: FormData): ForcedState | null | undefined {
  switch (formText(form, 'state')) {
    case 'open':
      return 'open';
    case 'closed':
      return 'closed';
    case 'clear':
      return null;
    default:
      return undefined;
  }
}

/**
 * Pins one resource's breakers open or closed (or releases them) through the service's config:
 * the change reaches every instance, survives restarts and is audited like any release. Only
 * the pin is published: a draft holding other unpublished changes is refused, since publishing
 * it would ship them too.
 */
export async function forceBreaker(_previous: FormState, form: FormData): Promise<FormState> {
  const notForced = 'Could not force the breaker';
  const check = await guardConfigChange(form, 'config.edit', notForced);
  if (!check.ok) {
    return check.state;
  }
  const { session, target } = check;
  const resource = formText(form, 'resource');
  const state = forcedStateOf(form);
  if (!resource || state === undefined) {
    return failed(notForced, 'Choose a breaker and whether to open, close or clear it.');
  }
  const [schema, draft, pending] = await Promise.all([
    getConfigSchema(session, target.service),
    getDraft(session, target),
    diffDraft(session, target),
  ]);
  if (!schema.ok) {
    return refusedBy(schema.problem, notForced, 'Reading the config schema failed');
  }
  const property = rulesProperty(schema.data.jsonSchema);
  if (!property) {
    return failed(
      notForced,
      `The config of ${target.service} has no resilience key to pin breakers in.`,
    );
  }
  if (!draft.ok) {
    return refusedBy(draft.problem, notForced, 'Reading the draft failed');
  }
  if (!pending.ok) {
    return refusedBy(pending.problem, notForced, 'Reading the draft failed');
  }
  if (pending.data.changes.length > 0) {
    return {
      status: 'error',
      title: notForced,
      message: `${target.service} has an unpublished draft in ${target.namespace} (${pending.data.changes.map((change) => change.path).join(', ')}${draft.data.updatedBy ? `, saved by ${draft.data.updatedBy}` : ''}). Publishing the force would publish it too: publish or revert that draft first.`,
    };
  }
  const edited = withForcedBreaker(draft.data.values, resource, state, property.default);
  if (!edited.changed) {
    return {
      status: 'success',
      message: state
        ? `${resource} is already forced ${state} in ${target.namespace}.`
        : `${resource} is not forced in ${target.namespace}.`,
    };
  }
  const saved = await saveDraftValues(session, target, edited.values);
  if (!saved.ok) {
    return refusedBy(saved.problem, notForced, 'The config center refused the change');
  }
  const comment = forceComment(resource, state);
  const published = await publishDraft(session, target, { comment });
  if (!published.ok) {
    return refusedBy(published.problem, notForced, 'Saved as a draft, but not published');
  }
  revalidateConfig(target);
  const { data } = published;
  if ('status' in data) {
    logChange(session, 'resilience.requestForce', target, {
      resource,
      state,
      changeRequest: data.id,
    });
    return {
      status: 'success',
      message: `${target.namespace} is protected: change request #${data.id} (“${comment}”) waits for another admin's approval. The breaker is not forced until then.`,
    };
  }
  logChange(session, 'resilience.force', target, { resource, state, revision: data.revision });
  return {
    status: 'success',
    message: `${comment}: published as revision ${data.revision}; every instance applies it within seconds.`,
  };
}

/** Saves the `resilience` key of the service's draft; the center validates it against its schema. */
export async function saveResilienceRules(
  _previous: FormState,
  form: FormData,
): Promise<FormState> {
  const notSaved = 'Could not save the rules';
  const check = await guardConfigChange(form, 'config.edit', notSaved);
  if (!check.ok) {
    return check.state;
  }
  const { session, target } = check;
  const parsed = parseJsonObject(String(form.get('rules') ?? ''));
  if (!parsed.ok) {
    return failed(notSaved, 'The rules are not valid JSON: see beside the editor.', {
      fieldErrors: {
        resilience:
          parsed.error === 'not-object'
            ? 'The rules must be one JSON object, `{ "flow": [ … ], … }`.'
            : `The JSON does not parse: ${parsed.error}.`,
      },
    });
  }
  const draft = await getDraft(session, target);
  if (!draft.ok) {
    return refusedBy(draft.problem, notSaved, 'Reading the draft failed');
  }
  return saveDraftAnswering(
    session,
    target,
    { ...draft.data.values, resilience: parsed.value },
    {
      change: 'resilience.saveRules',
      notSaved,
      refused: 'The config center refused them: see the errors beside the editor.',
      saved: 'Draft saved. Its changes against the live release are listed beside the editor.',
    },
  );
}
