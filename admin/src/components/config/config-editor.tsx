'use client';

import { Button } from '@tremor/react';
import {
  type FormEvent,
  type ReactNode,
  startTransition,
  useActionState,
  useRef,
  useState,
} from 'react';
import { saveDraft } from '@/actions/config';
import { describedBy, inputClass, labelClass } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import {
  type ConfigField,
  controlName,
  controlText,
  parseJsonObject,
  secretMask,
  valuesFromForm,
} from '@/lib/config-form';
import { idleForm } from '@/lib/form-state';

function pretty(values: Record<string, unknown>): string {
  return JSON.stringify(values, null, 2);
}

function hintOf(field: ConfigField): string {
  const parts: string[] = [];
  if (field.description) {
    parts.push(field.description.replace(/\.?$/, '.'));
  }
  if (field.kind === 'number') {
    const { minimum, maximum } = field;
    if (minimum !== undefined && maximum !== undefined) {
      parts.push(`From ${minimum} to ${maximum}.`);
    } else if (minimum !== undefined) {
      parts.push(`At least ${minimum}.`);
    } else if (maximum !== undefined) {
      parts.push(`At most ${maximum}.`);
    }
  }
  if (field.kind === 'secret') {
    parts.push(`Stored encrypted. Leave ${secretMask} to keep it; type a new value to replace it.`);
  } else if (field.default !== undefined && !isStructured(field.default)) {
    parts.push(`Default ${JSON.stringify(field.default)}.`);
  }
  return parts.join(' ');
}

/** Objects and lists are shown laid out beneath the hint, not run into its sentence. */
function isStructured(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

const wrapClass = '[overflow-wrap:anywhere]';

/** A default too big for a sentence, such as a service's shipped resilience rules. */
function StructuredDefault({ id, value }: { id: string; value: object }) {
  return (
    <details className="text-tremor-label text-tremor-content dark:text-dark-tremor-content">
      <summary className="cursor-pointer">Default value</summary>
      <pre
        id={`${id}-default`}
        className={`mt-1 max-h-72 overflow-y-auto whitespace-pre-wrap rounded-tremor-small bg-tremor-background-muted p-2 font-mono ${wrapClass} dark:bg-dark-tremor-background-muted`}
      >
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

function FieldControl({
  field,
  value,
  error,
}: {
  field: ConfigField;
  value: unknown;
  error: string | undefined;
}) {
  const id = `config-${field.key}`;
  const hint = hintOf(field);
  const aria = describedBy(id, error, hint || undefined);
  const name = controlName(field.key);
  let control: ReactNode;
  switch (field.kind) {
    case 'boolean':
      control = (
        <input
          id={id}
          name={name}
          type="checkbox"
          value="true"
          defaultChecked={value === undefined ? field.default === true : value === true}
          className="size-5 rounded border-tremor-border text-tremor-brand focus:ring-tremor-brand-muted dark:border-dark-tremor-border dark:bg-dark-tremor-background dark:checked:bg-dark-tremor-brand"
          {...aria}
        />
      );
      break;
    case 'enum':
      control = (
        <select
          id={id}
          name={name}
          defaultValue={typeof value === 'string' ? value : ''}
          className={inputClass}
          {...aria}
        >
          {field.required && value !== undefined ? null : (
            <option value="">
              {field.default === undefined ? '— not set —' : `— default (${field.default}) —`}
            </option>
          )}
          {field.options?.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
      break;
    case 'number':
      control = (
        <input
          id={id}
          name={name}
          type="number"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          step={field.integer ? 1 : 'any'}
          min={field.minimum}
          max={field.maximum}
          defaultValue={controlText(field, value)}
          placeholder={field.default === undefined ? undefined : String(field.default)}
          className={inputClass}
          {...aria}
        />
      );
      break;
    case 'json':
      control = (
        <textarea
          id={id}
          name={name}
          rows={4}
          spellCheck={false}
          defaultValue={controlText(field, value)}
          className={`${inputClass} font-mono text-tremor-label`}
          {...aria}
        />
      );
      break;
    default:
      control = (
        <input
          id={id}
          name={name}
          type={field.kind === 'secret' ? 'password' : 'text'}
          autoComplete={field.kind === 'secret' ? 'new-password' : 'off'}
          defaultValue={controlText(field, value)}
          className={inputClass}
          {...aria}
        />
      );
  }
  const label = (
    <label htmlFor={id} className={`${labelClass} font-mono`}>
      {field.key}
      {field.required ? null : (
        <span className="ml-2 font-sans text-tremor-label font-normal text-tremor-content dark:text-dark-tremor-content">
          optional
        </span>
      )}
    </label>
  );
  return (
    <div className="space-y-1.5" data-testid={`config-field-${field.key}`}>
      {field.kind === 'boolean' ? (
        <div className="flex items-center gap-3">
          {control}
          {label}
        </div>
      ) : (
        <>
          {label}
          {control}
        </>
      )}
      {error ? (
        <p
          id={`${id}-error`}
          className={`text-tremor-label text-red-600 ${wrapClass} dark:text-red-400`}
        >
          {error}
        </p>
      ) : hint ? (
        <p
          id={`${id}-hint`}
          className={`text-tremor-label text-tremor-content ${wrapClass} dark:text-dark-tremor-content`}
        >
          {hint}
        </p>
      ) : null}
      {field.kind !== 'secret' && isStructured(field.default) ? (
        <StructuredDefault id={id} value={field.default} />
      ) : null}
    </div>
  );
}

/**
 * The draft as a form generated from the service's schema, or as raw JSON. Submitting saves
 * the draft through the server action; a refused draft keeps what was typed, with the center's
 * complaint beside each field.
 */
export function ConfigEditor({
  namespace,
  service,
  fields,
  values,
  savedAt,
}: {
  namespace: string;
  service: string;
  fields: ConfigField[];
  /** The draft as the center shows it: secrets masked. */
  values: Record<string, unknown>;
  /** When the draft was last saved; a new one shows the saved values afresh. */
  savedAt: string | null;
}) {
  const [state, dispatch, pending] = useActionState(saveDraft, idleForm);
  const formRef = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [shown, setShown] = useState(values);
  const [generation, setGeneration] = useState(0);
  const [toggleError, setToggleError] = useState<string>();
  const [seenSave, setSeenSave] = useState(savedAt);
  if (seenSave !== savedAt) {
    // A save landed: show what the center now holds (secrets masked again).
    setSeenSave(savedAt);
    setShown(values);
    setGeneration((n) => n + 1);
  }
  const errors = state.fieldErrors ?? {};

  function toggle() {
    const form = formRef.current;
    if (!form) {
      return;
    }
    const data = new FormData(form);
    if (mode === 'form') {
      const read = valuesFromForm(fields, data, shown);
      const broken = Object.values(read.errors);
      if (broken.length > 0) {
        setToggleError(`${broken.join('; ')}: fix it before switching to JSON.`);
        return;
      }
      setShown(read.values);
      setMode('json');
    } else {
      const parsed = parseJsonObject(String(data.get('raw') ?? ''));
      if (!parsed.ok) {
        setToggleError(
          parsed.error === 'not-object'
            ? 'The config must be one JSON object before switching to the form.'
            : `The JSON does not parse (${parsed.error}); fix it before switching to the form.`,
        );
        return;
      }
      setShown(parsed.value);
      setMode('form');
    }
    setToggleError(undefined);
    setGeneration((n) => n + 1);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    // Dispatched by hand, not as the form's action, so React does not reset what was typed.
    startTransition(() => dispatch(data));
  }

  const general = [errors[''], toggleError].filter(Boolean);
  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5" aria-label="Draft">
      <input type="hidden" name="namespace" value={namespace} />
      <input type="hidden" name="service" value={service} />
      <input type="hidden" name="mode" value={mode} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-tremor-default text-tremor-content dark:text-dark-tremor-content">
          {mode === 'form'
            ? 'One field per key of the schema the service declared.'
            : 'The whole draft as one JSON object.'}
        </p>
        <Button type="button" variant="secondary" onClick={toggle}>
          {mode === 'form' ? 'Raw JSON' : 'Form'}
        </Button>
      </div>
      <FormMessage state={state} />
      {general.length > 0 ? (
        <p role="alert" className="text-tremor-default text-red-600 dark:text-red-400">
          {general.join(' ')}
        </p>
      ) : null}
      <div key={`${mode}-${generation}`} className="space-y-5">
        {mode === 'form' ? (
          fields.map((field) => (
            <FieldControl
              key={field.key}
              field={field}
              value={shown[field.key]}
              error={errors[field.key]}
            />
          ))
        ) : (
          <div className="space-y-1.5">
            <label htmlFor="config-raw" className={labelClass}>
              Raw JSON
            </label>
            <textarea
              id="config-raw"
              name="raw"
              rows={Math.min(24, Math.max(8, pretty(shown).split('\n').length + 1))}
              spellCheck={false}
              defaultValue={pretty(shown)}
              className={`${inputClass} font-mono text-tremor-label`}
              {...describedBy('config-raw', Object.values(errors).join('; ') || undefined)}
            />
            {Object.keys(errors).length > 0 ? (
              <ul
                id="config-raw-error"
                className="list-inside list-disc text-tremor-label text-red-600 dark:text-red-400"
              >
                {Object.entries(errors).map(([key, message]) => (
                  <li key={key}>{message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
      </div>
      <Button type="submit" loading={pending} disabled={pending}>
        Save draft
      </Button>
    </form>
  );
}
