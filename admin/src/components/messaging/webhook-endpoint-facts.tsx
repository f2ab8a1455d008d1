import { DetailList, DetailRow } from '@/components/ui/detail-list';
import type { WebhookEndpoint } from '@/data/messaging';
import { formatDateTime } from '@/lib/format';
import { WebhookEndpointStatusBadge } from './webhook-badges';
import { EventTypes } from './webhook-endpoint-table';

export function WebhookEndpointFacts({
  endpoint,
  owner,
}: {
  endpoint: WebhookEndpoint;
  /** The owner's email, when the users service answered. */
  owner: string | undefined;
}) {
  return (
    <DetailList>
      <DetailRow label="URL">
        <span className="break-all font-mono" data-testid="webhook-endpoint-url">
          {endpoint.url}
        </span>
      </DetailRow>
      <DetailRow label="Status">
        <WebhookEndpointStatusBadge status={endpoint.status} />
        {endpoint.disabledReason ? (
          <span className="ml-2" data-testid="webhook-endpoint-disabled-reason">
            {endpoint.disabledReason}
          </span>
        ) : null}
      </DetailRow>
      {endpoint.failingSince ? (
        <DetailRow label="Failing since">{formatDateTime(endpoint.failingSince)}</DetailRow>
      ) : null}
      <DetailRow label="Owner">
        {owner ?? <span className="font-mono">{endpoint.ownerId}</span>}
      </DetailRow>
      <DetailRow label="Scope">
        {endpoint.scope === 'all'
          ? 'Every user’s events of these types'
          : 'The owner’s events of these types'}
      </DetailRow>
      <DetailRow label="Event types">
        <EventTypes types={endpoint.eventTypes} />
      </DetailRow>
      {endpoint.description ? (
        <DetailRow label="Description">{endpoint.description}</DetailRow>
      ) : null}
      <DetailRow label="Signing secrets">
        {endpoint.signingSecrets === 2 ? '2 (a rotation overlap: both sign)' : '1'}
      </DetailRow>
      <DetailRow label="Id">
        <span className="font-mono">{endpoint.id}</span>
      </DetailRow>
      <DetailRow label="Created">{formatDateTime(endpoint.createdAt)}</DetailRow>
      <DetailRow label="Changed">{formatDateTime(endpoint.updatedAt)}</DetailRow>
    </DetailList>
  );
}
