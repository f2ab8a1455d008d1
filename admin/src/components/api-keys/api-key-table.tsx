'use client';

import { Badge, TableCell, TableRow } from '@tremor/react';
import { useActionState, useState } from 'react';
import { revokeApiKey } from '@/actions/api-keys';
import { DataTable } from '@/components/ui/data-table';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import type { ApiKey } from '@/data/api-keys';
import { idleForm } from '@/lib/form-state';
import { formatDateTime } from '@/lib/format';

const buttonClass =
  'rounded-tremor-default px-3 py-1.5 text-tremor-default font-medium hover:bg-tremor-background-subtle dark:hover:bg-dark-tremor-background-subtle';

/** Revoking asks first: apps using the key are refused from the moment it is revoked. */
function RevokeCell({ apiKey, action }: { apiKey: ApiKey; action: (form: FormData) => void }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button
        type="button"
        className={`${buttonClass} text-rose-600 dark:text-rose-400`}
        onClick={() => setConfirming(true)}
      >
        Revoke…
      </button>
    );
  }
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="id" value={apiKey.id} />
      <span className="text-tremor-default text-tremor-content-strong dark:text-dark-tremor-content-strong">
        Revoke “{apiKey.name}”? Apps using it are refused at once.
      </span>
      <SubmitButton color="rose">Revoke key</SubmitButton>
      <button type="button" className={buttonClass} onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </form>
  );
}

export function ApiKeyTable({ apiKeys }: { apiKeys: ApiKey[] }) {
  const [state, action] = useActionState(revokeApiKey, idleForm);
  return (
    <>
      <FormMessage state={state} />
      <DataTable
        columns={['Name', 'Key', 'Scopes', 'Created', 'Last used', 'Status', 'Actions']}
        testId="api-keys"
      >
        {apiKeys.map((apiKey) => (
          <TableRow key={apiKey.id} data-testid={`api-key-${apiKey.id}`}>
            <TableCell className="font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
              {apiKey.name}
            </TableCell>
            <TableCell>
              <code className="text-tremor-label">{apiKey.prefix}</code>
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
            <TableCell>{formatDateTime(apiKey.createdAt)}</TableCell>
            <TableCell>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : 'Never'}</TableCell>
            <TableCell>
              {apiKey.status === 'revoked' ? (
                <Badge color="rose">
                  Revoked {apiKey.revokedAt ? formatDateTime(apiKey.revokedAt) : ''}
                </Badge>
              ) : (
                <Badge color="emerald">Active</Badge>
              )}
            </TableCell>
            <TableCell className="text-right">
              {apiKey.status === 'revoked' ? null : <RevokeCell apiKey={apiKey} action={action} />}
            </TableCell>
          </TableRow>
        ))}
      </DataTable>
    </>
  );
}
