'use client';

import { Callout } from '@tremor/react';
import type { FormState } from '@/lib/form-state';
import { useLatestNotice } from './action-scope';

/**
 * What a server action answered, announced to screen readers: an error box says what failed
 * and why. It gives way when a later action on the page speaks.
 */
export function FormMessage({ state }: { state: FormState }) {
  const said = state.status !== 'idle' && Boolean(state.message);
  const latest = useLatestNotice(state, said);
  if (state.status === 'idle' || !latest) {
    return null;
  }
  const failure = state.status === 'error';
  return (
    <div role={failure ? 'alert' : 'status'}>
      <Callout
        title={state.title ?? 'Done'}
        color={failure ? 'rose' : 'emerald'}
        className="[overflow-wrap:anywhere]"
      >
        {state.message}
      </Callout>
    </div>
  );
}

/** A banner a page opens with, such as "Order placed": it gives way to the first action. */
export function PageNotice({ title, message }: { title: string; message: string }) {
  const latest = useLatestNotice(`${title}\n${message}`, true, true);
  if (!latest) {
    return null;
  }
  return (
    <div role="status" className="mb-4">
      <Callout title={title} color="emerald" className="[overflow-wrap:anywhere]">
        {message}
      </Callout>
    </div>
  );
}
