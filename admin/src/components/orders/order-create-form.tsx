'use client';

import { Button } from '@tremor/react';
import { useActionState, useState } from 'react';
import { createOrder } from '@/actions/orders';
import { SelectField, TextField } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { idleForm } from '@/lib/form-state';
import { currencies, maxLines } from '@/lib/order-form';

interface Customer {
  id: string;
  name: string;
  email: string;
}

interface OrderCreateFormProps {
  customers: Customer[];
  customerId: string | undefined;
  /** One key per form shown: a double submit places one order, not two. */
  idempotencyKey: string;
}

function lineCountOf(values: Record<string, string>): number {
  const indexes = Object.keys(values)
    .map((name) => /^items\[(\d+)\]/.exec(name)?.[1])
    .filter((index): index is string => index !== undefined)
    .map(Number);
  return indexes.length > 0 ? Math.max(...indexes) + 1 : 1;
}

export function OrderCreateForm({ customers, customerId, idempotencyKey }: OrderCreateFormProps) {
  const [state, action] = useActionState(createOrder, idleForm);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} key={JSON.stringify(values)}>
      <div className="space-y-5">
        <FormMessage state={state} />
        <OrderFields
          customers={customers}
          customerId={customerId}
          idempotencyKey={idempotencyKey}
          values={values}
          errors={errors}
        />
      </div>
    </form>
  );
}

function OrderFields({
  customers,
  customerId,
  idempotencyKey,
  values,
  errors,
}: OrderCreateFormProps & { values: Record<string, string>; errors: Record<string, string> }) {
  // Keys that stay with a line; the field names are its position, as the service numbers them.
  const [lineKeys, setLineKeys] = useState(() =>
    Array.from({ length: lineCountOf(values) }, (_, index) => index),
  );
  return (
    <>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="grid gap-4 md:grid-cols-3">
        <SelectField
          name="userId"
          label="Customer"
          className="md:col-span-2"
          defaultValue={values.userId ?? customerId ?? ''}
          error={errors.userId}
          options={[
            { value: '', label: 'Pick an active user…' },
            ...customers.map((c) => ({ value: c.id, label: `${c.name} (${c.email})` })),
          ]}
        />
        <SelectField
          name="currency"
          label="Currency"
          defaultValue={values.currency ?? 'EUR'}
          error={errors.currency}
          options={currencies.map((code) => ({ value: code, label: code }))}
        />
      </div>
      <fieldset className="space-y-3">
        <legend className="text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong">
          Lines
        </legend>
        {lineKeys.map((lineKey, index) => (
          <div
            key={lineKey}
            className="grid gap-3 rounded-tremor-default border border-tremor-border p-3 dark:border-dark-tremor-border md:grid-cols-[2fr_1fr_1fr]"
          >
            <TextField
              name={`items[${index}].sku`}
              id={`line-${index}-sku`}
              label={`SKU, line ${index + 1}`}
              defaultValue={values[`items[${index}].sku`]}
              error={errors[`items[${index}].sku`]}
              placeholder="SKU-COFFEE-1KG"
            />
            <TextField
              name={`items[${index}].quantity`}
              id={`line-${index}-quantity`}
              label="Quantity"
              type="number"
              min="1"
              step="1"
              inputMode="numeric"
              defaultValue={values[`items[${index}].quantity`] ?? '1'}
              error={errors[`items[${index}].quantity`]}
            />
            <TextField
              name={`items[${index}].unitPrice`}
              id={`line-${index}-unit-price`}
              label="Unit price"
              inputMode="decimal"
              placeholder="12.50"
              defaultValue={values[`items[${index}].unitPrice`]}
              error={errors[`items[${index}].unitPrice`]}
            />
          </div>
        ))}
        <div className="flex gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => setLineKeys([...lineKeys, Math.max(...lineKeys) + 1])}
            disabled={lineKeys.length >= maxLines}
          >
            Add line
          </Button>
          {lineKeys.length > 1 ? (
            <Button
              type="button"
              variant="light"
              onClick={() => setLineKeys(lineKeys.slice(0, -1))}
            >
              Remove last line
            </Button>
          ) : null}
        </div>
      </fieldset>
      <p className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
        Prices in the currency's major unit; the orders service computes every total.
      </p>
      <SubmitButton>Place order</SubmitButton>
    </>
  );
}
