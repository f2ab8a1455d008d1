import { Badge } from '@tremor/react';
import type { WebhookDeliveryStatus, WebhookEndpoint } from '@/data/messaging';

const endpointStyles: Record<WebhookEndpoint['status'], { label: string; color: string }> = {
  enabled: { label: 'Enabled', color: 'emerald' },
  disabled: { label: 'Disabled', color: 'rose' },
};

export function WebhookEndpointStatusBadge({ status }: { status: WebhookEndpoint['status'] }) {
  return (
    <Badge color={endpointStyles[status].color} data-testid="webhook-endpoint-status">
      {endpointStyles[status].label}
    </Badge>
  );
}

const deliveryStyles: Record<WebhookDeliveryStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'amber' },
  succeeded: { label: 'Succeeded', color: 'emerald' },
  failed: { label: 'Failed', color: 'rose' },
};

export function WebhookDeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <Badge color={deliveryStyles[status].color} data-testid="webhook-delivery-status">
      {deliveryStyles[status].label}
    </Badge>
  );
}
