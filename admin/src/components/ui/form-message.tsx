import { Callout } from '@tremor/react';
import type { FormState } from '@/lib/form-state';

/** The sentence a server action answered with, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  if (state.status === 'idle' || !state.message) {
    return null;
  }
  const failed = state.status === 'error';
  return (
    <div role={failed ? 'alert' : 'status'}>
      <Callout title={failed ? 'Not done' : 'Done'} color={failed ? 'rose' : 'emerald'}>
        {state.message}
      </Callout>
    </div>
  );
}
