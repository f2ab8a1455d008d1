import { Callout } from '@tremor/react';

/** What an operator sees on a page that only admins may use: why, and nothing of its data. */
export function AdminOnly({ what }: { what: string }) {
  return (
    <div role="alert" data-testid="admin-only">
      <Callout title="For admins only" color="amber">
        Only admins may {what}. Ask an admin if you need this done.
      </Callout>
    </div>
  );
}
