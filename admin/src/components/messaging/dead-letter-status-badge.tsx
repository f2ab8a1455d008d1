import { Badge } from '@tremor/react';
import type { DeadLetterStatus } from '@/data/messaging';

const styles: Record<DeadLetterStatus, { label: string; color: string }> = {
  dead: { label: 'Dead', color: 'rose' },
  replayed: { label: 'Replayed', color: 'emerald' },
  discarded: { label: 'Discarded', color: 'gray' },
};

export function DeadLetterStatusBadge({ status }: { status: DeadLetterStatus }) {
  return (
    <Badge color={styles[status].color} data-testid="dead-letter-status">
      {styles[status].label}
    </Badge>
  );
}
