'use server';

import { type OrderAction, orderActions } from '@trellis/orders/lifecycle';
import { redirect } from 'next/navigation';
import { authorize } from '@/lib/auth';
import { type FormState, failed, formText } from '@/lib/form-state';
import { adminLogger } from '@/lib/logger';
import { checkLines, lineFieldOf, linesFrom, toCents } from '@/lib/order-form';
import { fieldErrorsOf, outcomeOf } from '@/lib/problem';
import { asOperator, serviceClient } from '@/lib/services';
import { changeStatus } from '@/lib/status-change';

const done: Record<OrderAction, string> = {
  pay: 'The order is paid.',
  cancel: 'The order is cancelled.',
  fulfill: 'The order is fulfilled.',
  refund: 'The order is refunded.',
};

const notPlaced = 'Could not place the order';
/** The names of the order form's fields, which show their errors beside them. */
const formFields = /^(userId|currency|items\[\d+\]\.(sku|quantity|unitPrice))$/;

function formEcho(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form.entries()]
      .filter(([name, value]) => !name.startsWith('$') && typeof value === 'string')
      .map(([name, value]) => [name, String(value)]),
  );
}

export async function createOrder(_previous: FormState, form: FormData): Promise<FormState> {
  const values = formEcho(form);
  const allowed = await authorize('orders.create');
  if (!allowed.ok) {
    return failed(notPlaced, allowed.message, { values });
  }
  const userId = formText(form, 'userId');
  const lines = linesFrom(form);
  const fieldErrors = {
    ...(userId ? {} : { userId: 'is required: pick an active user' }),
    ...checkLines(lines),
  };
  if (Object.keys(fieldErrors).length > 0) {
    return failed(notPlaced, 'Check the highlighted fields.', { fieldErrors, values });
  }
  const created = await outcomeOf(
    serviceClient('orders').POST('/v1/orders', {
      headers: asOperator(allowed.session),
      params: { header: { 'idempotency-key': formText(form, 'idempotencyKey') } },
      body: {
        userId,
        currency: formText(form, 'currency'),
        items: lines.map((line) => ({
          sku: line.sku,
          quantity: Number(line.quantity),
          unitPriceCents: toCents(line.unitPrice) ?? 0,
        })),
      },
    }),
  );
  if (!created.ok) {
    const { problem } = created;
    const fieldErrors = fieldErrorsOf(problem, (path) => lineFieldOf(path, lines));
    // `items` as a whole (too many lines) has no field of its own: the detail says it all.
    const beside = Object.keys(fieldErrors).some((name) => formFields.test(name));
    return failed(notPlaced, beside ? `${problem.detail} See the fields below.` : problem.detail, {
      fieldErrors,
      values,
    });
  }
  adminLogger().info(
    { actor: allowed.session.email, change: 'orders.create', orderId: created.data.id },
    'change',
  );
  redirect(`/orders/${created.data.id}?created=1`);
}

export async function transitionOrder(_previous: FormState, form: FormData): Promise<FormState> {
  return changeStatus(form, {
    domain: 'orders',
    noun: 'order',
    steps: orderActions,
    permissionOf: (step) => `orders.${step}`,
    send: (caller, id, step) =>
      outcomeOf(
        serviceClient('orders').POST(`/v1/orders/{id}/${step}`, {
          headers: asOperator(caller),
          params: { path: { id } },
        }),
      ),
    raced: (current) =>
      `It is ${current.replace('_', ' ')} now: someone else changed it while you were ` +
      'looking. The page shows what it allows now.',
    done: (step) => done[step],
  });
}
