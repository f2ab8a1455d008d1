import { ApiError, type FieldError } from '@trellis/kit';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * JSON Schema (draft 2020-12, as `z.toJSONSchema` emits it) validation of config values,
 * compiled once per schema hash.
 */
export interface SchemaValidators {
  /** Compiles (once per hash) a schema; a 422 naming `jsonSchema` when it is not usable. */
  compile(schemaHash: string, jsonSchema: Record<string, unknown>): ValidateFunction;
  /** Field errors of `values` against the schema with this hash; empty when valid. */
  validate(schemaHash: string, jsonSchema: Record<string, unknown>, values: unknown): FieldError[];
}

function newAjv() {
  // Not strict: schemas from code carry annotations (examples, titles) ajv does not know.
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

function unescapePointer(segment: string): string {
  return segment.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** `/rules/0` + `qps` → `rules[0].qps`, the way the kit names fields everywhere else. */
function pathOf(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  if (error.keyword === 'required') {
    segments.push(String(error.params.missingProperty));
  } else if (error.keyword === 'additionalProperties') {
    segments.push(String(error.params.additionalProperty));
  }
  let out = '';
  for (const segment of segments) {
    out += /^\d+$/.test(segment) ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out;
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a key of this config';
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

export function fieldErrorsOf(errors: ErrorObject[]): FieldError[] {
  const formatPaths = new Set(errors.filter((e) => e.keyword === 'format').map(pathOf));
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = pathOf(error);
    // zod emits a pattern beside each format; the format names the problem better.
    if (error.keyword === 'pattern' && formatPaths.has(path)) {
      continue;
    }
    const message = messageOf(error);
    if (!seen.has(`${path}\u0000${message}`)) {
      seen.add(`${path}\u0000${message}`);
      out.push({ in: 'body', path, message });
    }
  }
  return out;
}

export function createSchemaValidators(maxCached = 200): SchemaValidators {
  const cache = new Map<string, ValidateFunction>();
  const compile = (schemaHash: string, jsonSchema: Record<string, unknown>) => {
    const cached = cache.get(schemaHash);
    if (cached) {
      return cached;
    }
    const { $id: _id, ...schema } = jsonSchema;
    let validate: ValidateFunction;
    try {
      validate = newAjv().compile(schema);
    } catch (error) {
      throw new ApiError('unprocessable', {
        detail: `The JSON Schema cannot be used: ${error instanceof Error ? error.message : 'it does not compile'}.`,
        errors: [{ in: 'body', path: 'jsonSchema', message: 'is not a valid JSON Schema' }],
      });
    }
    if (cache.size >= maxCached) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) {
        cache.delete(oldest);
      }
    }
    cache.set(schemaHash, validate);
    return validate;
  };
  return {
    compile,
    validate(schemaHash, jsonSchema, values) {
      const validate = compile(schemaHash, jsonSchema);
      return validate(values) ? [] : fieldErrorsOf(validate.errors ?? []);
    },
  };
}

/** Top-level defaults a schema declares: what an instance runs before any release. */
export function schemaDefaults(jsonSchema: Record<string, unknown>): Record<string, unknown> {
  const properties = jsonSchema.properties;
  const out: Record<string, unknown> = {};
  if (typeof properties !== 'object' || properties === null) {
    return out;
  }
  for (const [key, property] of Object.entries(properties as Record<string, unknown>)) {
    if (typeof property === 'object' && property !== null && 'default' in property) {
      out[key] = (property as { default: unknown }).default;
    }
  }
  return out;
}
