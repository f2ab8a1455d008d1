'use client';

import { Button } from '@tremor/react';
import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

interface SubmitButtonProps {
  children: ReactNode;
  variant?: 'primary' | 'secondary' | 'light';
  color?: 'blue' | 'rose' | 'emerald' | 'amber' | 'gray';
  name?: string;
  value?: string;
}

/** A submit button that shows the form is busy while its server action runs. */
export function SubmitButton({
  children,
  variant = 'primary',
  color,
  name,
  value,
}: SubmitButtonProps) {
  const { pending } = useFormStatus();
  return (
    <Button
      type="submit"
      variant={variant}
      {...(color ? { color } : {})}
      loading={pending}
      disabled={pending}
      name={name}
      value={value}
    >
      {children}
    </Button>
  );
}
