import { z } from '@trellis/kit';
import { OrderStatusSchema } from './schema.ts';

/** What a 409 of an order transition carries (see `IllegalTransition`, `PaymentWindowExpired`). */
export const TransitionConflictExtensions = {
  currentStatus: OrderStatusSchema,
  paymentDeadline: z.iso.datetime().openapi({
    description: 'When the payment window closed, on a late payment that cancelled the order.',
    example: '2025-03-14T10:15:00.000Z',
  }),
};

/** What a 422 of too many lines carries (see `TooManyItems`). */
export const TooManyItemsExtensions = {
  maxItemsPerOrder: z.number().int().min(1).openapi({
    description: 'The most lines an order may hold now (live config).',
    example: 100,
  }),
};
