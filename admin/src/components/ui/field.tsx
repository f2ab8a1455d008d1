import type { ReactNode } from 'react';

export const inputClass =
  'block w-full rounded-tremor-default border border-tremor-border bg-tremor-background px-3 py-2 ' +
  'text-tremor-default text-tremor-content-strong shadow-tremor-input placeholder:text-tremor-content-subtle ' +
  'focus:border-tremor-brand-subtle focus:outline-none focus:ring-2 focus:ring-tremor-brand-muted ' +
  'aria-[invalid=true]:border-red-500 ' +
  'dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-strong ' +
  'dark:shadow-dark-tremor-input dark:focus:border-dark-tremor-brand-subtle dark:focus:ring-dark-tremor-brand-muted';

export const labelClass =
  'block text-tremor-default font-medium text-tremor-content-strong dark:text-dark-tremor-content-strong';

interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
  className?: string;
}

/**
 * The label is the sentence's subject and the message its predicate, as the services word
 * them ("Email is already taken"), so every message here starts with a verb.
 */
export function fieldSentence(label: string, message: string): string {
  const sentence = `${label} ${message}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** A label above its control, with a hint or the service's complaint about it beneath. */
export function Field({ id, label, error, hint, children, className }: FieldProps) {
  return (
    <div className={`space-y-1.5 ${className ?? ''}`}>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {error ? (
        <p
          id={`${id}-error`}
          className="text-tremor-label text-red-600 [overflow-wrap:anywhere] dark:text-red-400"
        >
          {fieldSentence(label, error)}
        </p>
      ) : hint ? (
        <p
          id={`${id}-hint`}
          className="text-tremor-label text-tremor-content [overflow-wrap:anywhere] dark:text-dark-tremor-content"
        >
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** aria attributes tying a control to its error or hint. */
export function describedBy(id: string, error?: string, hint?: string) {
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
  } as const;
}

interface TextFieldProps {
  name: string;
  label: string;
  id?: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'time' | 'number';
  defaultValue?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  autoComplete?: string;
  placeholder?: string;
  className?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  min?: string;
  step?: string;
}

export function TextField({
  name,
  label,
  id = name,
  type = 'text',
  error,
  hint,
  className,
  ...input
}: TextFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        name={name}
        type={type}
        className={inputClass}
        {...describedBy(id, error, hint)}
        {...input}
      />
    </Field>
  );
}

interface SelectFieldProps {
  name: string;
  label: string;
  id?: string;
  options: readonly { value: string; label: string }[];
  defaultValue?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

export function SelectField({
  name,
  label,
  id = name,
  options,
  error,
  hint,
  className,
  ...select
}: SelectFieldProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint} className={className}>
      <select
        id={id}
        name={name}
        className={inputClass}
        {...describedBy(id, error, hint)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
