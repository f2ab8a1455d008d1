'use client';

import { useActionState } from 'react';
import { forceBreaker } from '@/actions/resilience';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';

/** Force open, force closed or clear: published through the service's config. */
export function ForceBreakerForm({
  namespace,
  service,
  resource,
}: {
  namespace: string;
  service: string;
  resource: string;
}) {
  const [state, action] = useActionState(forceBreaker, idleForm);
  return (
    <div className="space-y-3">
      <form action={action} className="flex flex-wrap gap-2" aria-label={`Force ${resource}`}>
        <input type="hidden" name="namespace" value={namespace} />
        <input type="hidden" name="service" value={service} />
        <input type="hidden" name="resource" value={resource} />
        <SubmitButton variant="secondary" color="rose" name="state" value="open">
          Force open
        </SubmitButton>
        <SubmitButton variant="secondary" name="state" value="closed">
          Force closed
        </SubmitButton>
        <SubmitButton variant="light" name="state" value="clear">
          Clear force
        </SubmitButton>
      </form>
      <FormMessage state={state} />
    </div>
  );
}
