'use client';

import { Badge, TableCell, TableRow } from '@tremor/react';
import { useActionState, useState } from 'react';
import { revokeApiKey } from '@/actions/api-keys';
import { DataTable } from '@/components/ui/data-table';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ApiKey } from '@/data/api-keys';
import { idleForm } from '@/lib/form-state';
import { formatCompactDateTime } from '@/lib/format';

const buttonClass =
  'rounded-tremor-default px-3 py-1.5 text-tremor-default font-medium hover:bg-tremor-background-subtle dark:hover:bg-dark-tremor-background-subtle';

/** Revoking asks first, in a row of its own: apps using the key are refused from then on. */
function RevokeConfirmation({
  apiKey,
  action,
  keep,
}: {
  apiKey: ApiKey;
  action: (form: FormData) => void;
  keep: () => void;
}) {
  return (
    <TableRow data-testid={`api-key-confirm-${apiKey.id}`}>
      <TableCell colSpan={7} className="bg-rose-50 dark:bg-rose-950/30">
        <form action={action} className="flex flex-wrap items-center justify-end gap-3">
          <input type="hidden" name="id" value={apiKey.id} />
          <span className="whitespace-normal text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
            Revoke “{apiKey.name}”? Apps using it are refused at once.
          </span>
          <SubmitButton color="rose">Revoke key</SubmitButton>
          <button type="button" className={buttonClass} onClick={keep}>
            Keep it
          </button>
        </form>
      </TableCell>
    </TableRow>
  );
}

function ApiKeyRow({ apiKey, onRevoke }: { apiKey: ApiKey; onRevoke: () => void }) {
  const revoked = apiKey.status === 'revoked';
  return (
    <TableRow data-testid={`api-key-${apiKey.id}`}>
      <TableCell className="whitespace-normal font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
        {apiKey.name}
      </TableCell>
      <TableCell className="max-w-[12rem] whitespace-normal">
        <code className="break-all text-tremor-label">{apiKey.prefix}</code>
      </TableCell>
      <TableCell>
        <span className="flex flex-wrap gap-1">
          {apiKey.scopes.map((scope) => (
            <Badge key={scope} color={scope.endsWith(':write') ? 'amber' : 'gray'}>
              {scope}
            </Badge>
          ))}
        </span>
      </TableCell>
      <TableCell>{formatCompactDateTime(apiKey.createdAt)}</TableCell>
      <TableCell>
        {apiKey.lastUsedAt ? formatCompactDateTime(apiKey.lastUsedAt) : 'Never'}
      </TableCell>
      <TableCell>
        {revoked ? (
          <Badge color="rose">
            Revoked {apiKey.revokedAt ? formatCompactDateTime(apiKey.revokedAt) : ''}
          </Badge>
        ) : (
          <Badge color="emerald">Active</Badge>
        )}
      </TableCell>
      <TableCell className="text-right">
        {revoked ? null : (
          <button
            type="button"
            className={`${buttonClass} text-rose-600 dark:text-rose-400`}
            aria-label={`Revoke ${apiKey.name}…`}
            onClick={onRevoke}
          >
            Revoke…
          </button>
        )}
      </TableCell>
    </TableRow>
  );
}

export function ApiKeyTable({ apiKeys }: { apiKeys: ApiKey[] }) {
  const [state, action] = useActionState(revokeApiKey, idleForm);
  const [confirming, setConfirming] = useState<string>();
  return (
    <>
      <FormMessage state={state} />
      <DataTable
        columns={['Name', 'Key', 'Scopes', 'Created (UTC)', 'Last used', 'Status', 'Actions']}
        testId="api-keys"
      >
        {apiKeys.flatMap((apiKey) => [
          <ApiKeyRow key={apiKey.id} apiKey={apiKey} onRevoke={() => setConfirming(apiKey.id)} />,
          confirming === apiKey.id && apiKey.status === 'active' ? (
            <RevokeConfirmation
              key={`${apiKey.id}-confirm`}
              apiKey={apiKey}
              action={action}
              keep={() => setConfirming(undefined)}
            />
          ) : null,
        ])}
      </DataTable>
    </>
  );
}
