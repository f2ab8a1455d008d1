/**
 * The form a service's config schema gives: one field per top-level key, from the JSON Schema
 * the service uploaded (`z.toJSONSchema`). Shared by the editor (to switch to the raw JSON view)
 * and the server action (to read what was submitted); the config center validates the result.
 */

/** How the center shows a stored secret; sending it back keeps the secret. */
export const secretMask = '••••••';

export type ConfigFieldKind = 'boolean' | 'enum' | 'number' | 'string' | 'secret' | 'json';

export interface ConfigField {
  key: string;
  kind: ConfigFieldKind;
  required: boolean;
  description?: string;
  /** For enums. */
  options?: string[];
  /** For numbers: bounds and step (1 for integers). */
  minimum?: number;
  maximum?: number;
  integer?: boolean;
  default?: unknown;
}

type JsonSchema = Record<string, unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function fieldOf(key: string, property: JsonSchema, required: boolean, secret: boolean) {
  const field: ConfigField = { key, kind: 'json', required };
  if (typeof property.description === 'string') {
    field.description = property.description;
  }
  if ('default' in property) {
    field.default = property.default;
  }
  if (secret) {
    field.kind = 'secret';
    return field;
  }
  const options = property.enum;
  if (Array.isArray(options) && options.length > 0 && options.every((o) => typeof o === 'string')) {
    field.kind = 'enum';
    field.options = options as string[];
    return field;
  }
  switch (property.type) {
    case 'boolean':
      field.kind = 'boolean';
      break;
    case 'integer':
    case 'number': {
      field.kind = 'number';
      field.integer = property.type === 'integer';
      const minimum = numberOr(property.minimum) ?? numberOr(property.exclusiveMinimum);
      const maximum = numberOr(property.maximum) ?? numberOr(property.exclusiveMaximum);
      if (minimum !== undefined) {
        field.minimum = minimum;
      }
      if (maximum !== undefined) {
        field.maximum = maximum;
      }
      break;
    }
    case 'string':
      field.kind = 'string';
      break;
    default:
      // Nested objects, arrays, unions: edited as JSON.
      field.kind = 'json';
  }
  return field;
}

/** The fields of a schema's top-level keys, in the schema's order. */
export function configFields(jsonSchema: JsonSchema, secretKeys: readonly string[]): ConfigField[] {
  const properties = isRecord(jsonSchema.properties) ? jsonSchema.properties : {};
  const required = new Set(Array.isArray(jsonSchema.required) ? jsonSchema.required : []);
  return Object.entries(properties).map(([key, property]) =>
    fieldOf(key, isRecord(property) ? property : {}, required.has(key), secretKeys.includes(key)),
  );
}

/** The name of a field's control in the form. */
export function controlName(key: string): string {
  return `value.${key}`;
}

/** A value as its control shows it. */
export function controlText(field: ConfigField, value: unknown): string {
  if (value === undefined) {
    return '';
  }
  if (field.kind === 'json') {
    return JSON.stringify(value, null, 2);
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface FormReader {
  get(name: string): FormDataEntryValue | null;
}

/**
 * The values the form holds. Typed text goes to the center as typed (a number field holding
 * "abc" stays a string), so the center's schema is the one judge of what is valid; only JSON
 * that does not parse is refused here, naming the key. Keys the schema does not describe are
 * kept from `base`.
 */
export function valuesFromForm(
  fields: readonly ConfigField[],
  form: FormReader,
  base: Record<string, unknown> = {},
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const known = new Set(fields.map((field) => field.key));
  const values: Record<string, unknown> = Object.fromEntries(
    Object.entries(base).filter(([key]) => !known.has(key)),
  );
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = form.get(controlName(field.key));
    const text = typeof raw === 'string' ? raw : '';
    if (field.kind === 'boolean') {
      values[field.key] = text === 'true';
      continue;
    }
    if (text.trim() === '' && (field.kind !== 'string' || !field.required)) {
      continue;
    }
    switch (field.kind) {
      case 'number': {
        const number = Number(text.trim());
        values[field.key] = Number.isFinite(number) ? number : text;
        break;
      }
      case 'json':
        try {
          values[field.key] = JSON.parse(text);
        } catch {
          errors[field.key] = `${field.key} is not valid JSON`;
        }
        break;
      default:
        values[field.key] = text;
    }
  }
  return { values, errors };
}

/**
 * Text typed as one JSON object: its value, or `not-object` for JSON of another kind, or the
 * parser's complaint.
 */
export function parseJsonObject(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : 'invalid' };
  }
  return isRecord(parsed) ? { ok: true, value: parsed } : { ok: false, error: 'not-object' };
}

/** The top-level key a center error path names (`features.newCheckout` → `features`). */
export function fieldKeyOf(path: string): string {
  const bare = path.replace(/^values(\.|$)/, '');
  return bare.split(/[.[]/)[0] ?? '';
}

/**
 * Center errors per top-level key, each a sentence naming the full path
 * (`features.newCheckout must be boolean`); errors about the whole object are under `''`.
 */
export function fieldErrorsByKey(
  errors: readonly { path: string; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const error of errors) {
    const path = error.path.replace(/^values(\.|$)/, '');
    const key = fieldKeyOf(path);
    const sentence = path ? `${path} ${error.message}` : error.message;
    out[key] = out[key] ? `${out[key]}; ${sentence}` : sentence;
  }
  return out;
}

/** `zone:a, tier:canary` (or `zone=a`) as labels; undefined when a pair is malformed. */
export function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = pair.match(/^([A-Za-z_][A-Za-z0-9_.-]*)\s*[:=]\s*(\S.*)$/);
    if (!match?.[1] || !match[2]) {
      return undefined;
    }
    labels[match[1]] = match[2].trim();
  }
  return labels;
}

/** Labels as `zone: a, tier: canary`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
}
