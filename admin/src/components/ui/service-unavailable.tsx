import { Callout } from '@tremor/react';
import type { Problem } from '@/lib/problem';

/** What a page shows instead of its data when a service cannot answer. */
export function ServiceUnavailable({ service, problem }: { service: string; problem: Problem }) {
  const title =
    problem.status === 404
      ? 'Not found'
      : problem.status >= 500
        ? `The ${service} service is not answering`
        : `The ${service} service refused the request`;
  return (
    <div role="alert">
      <Callout title={title} color={problem.status === 404 ? 'amber' : 'rose'}>
        {problem.detail}
      </Callout>
    </div>
  );
}
