import type { ReactNode } from 'react';
import { inputClass, labelClass } from './field';

const buttonClass =
  'rounded-tremor-default border border-tremor-border bg-tremor-background px-4 py-2 text-tremor-default font-medium text-tremor-content-emphasis shadow-tremor-input hover:bg-tremor-background-muted focus:outline-none focus-visible:ring-2 focus-visible:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:text-dark-tremor-content-emphasis';

/**
 * A plain GET form: what it asks for lives in the URL, so the page it shows can be shared and
 * reloaded. `label` names the form for assistive technology.
 */
export function FilterForm({
  action,
  label,
  submit = 'Apply',
  className = 'mb-4 flex flex-wrap items-end gap-3',
  children,
}: {
  action: string;
  label?: string;
  submit?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form method="get" action={action} className={className} aria-label={label}>
      {children}
      <button type="submit" className={buttonClass}>
        {submit}
      </button>
    </form>
  );
}

/** A labelled input of a filter form; its name is its id. */
export function FilterInput({
  name,
  label,
  type = 'search',
  defaultValue,
  placeholder,
  className,
}: {
  name: string;
  label: string;
  type?: 'search' | 'date';
  defaultValue: string | undefined;
  placeholder?: string;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={name} className={labelClass}>
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue}
        placeholder={placeholder}
        className={`${inputClass} mt-1.5`}
      />
    </div>
  );
}

/** A labelled choice of a filter form, whose first option ("Any") filters nothing. */
export function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={name} className={labelClass}>
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ''} className={`${inputClass} mt-1.5`}>
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
