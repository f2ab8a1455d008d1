import { z } from 'zod';

/** A service's config, declared once in code: the zod schema and what the center needs of it. */
export interface ConfigDefinition<Schema extends z.ZodObject = z.ZodObject> {
  schema: Schema;
  /** Draft 2020-12 JSON Schema of the input the center accepts; objects refuse unknown keys. */
  jsonSchema: Record<string, unknown>;
  /** Top-level keys whose values the center encrypts at rest and masks. */
  secretKeys: string[];
  /** What the service runs with no center and no snapshot; undefined if a key has no default. */
  defaults: z.output<Schema> | undefined;
}

export interface DefineConfigOptions<Keys extends string> {
  secrets?: readonly Keys[];
}

type JsonSchemaNode = Record<string, unknown>;

// zod describes the input of a stripping object without `additionalProperties`; the center
// refuses unknown keys instead, so a mistyped key fails on save rather than being ignored.
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) {
      closeObjects(item);
    }
    return;
  }
  if (typeof node !== 'object' || node === null) {
    return;
  }
  const schema = node as JsonSchemaNode;
  if (schema.type === 'object' && schema.properties && !('additionalProperties' in schema)) {
    schema.additionalProperties = false;
  }
  for (const key of ['items', 'prefixItems', 'anyOf', 'oneOf', 'allOf', 'not', 'then', 'else']) {
    closeObjects(schema[key]);
  }
  for (const key of ['properties', '$defs', 'definitions', 'patternProperties']) {
    const children = schema[key];
    if (typeof children === 'object' && children !== null) {
      closeObjects(Object.values(children));
    }
  }
  if (typeof schema.additionalProperties === 'object') {
    closeObjects(schema.additionalProperties);
  }
}

/**
 * Declares a service's config: `defineConfig(z.object({ logLevel: … }), { secrets: ['apiKey'] })`.
 * Every value must be JSON; give keys defaults so the service can start with no center at all.
 */
export function defineConfig<Schema extends z.ZodObject>(
  schema: Schema,
  options: DefineConfigOptions<Extract<keyof z.output<Schema>, string>> = {},
): ConfigDefinition<Schema> {
  const secretKeys = [...new Set(options.secrets ?? [])].sort();
  for (const key of secretKeys) {
    if (!(key in schema.shape)) {
      throw new Error(`defineConfig: secret "${key}" is not a key of the config schema`);
    }
  }
  const jsonSchema = z.toJSONSchema(schema, { io: 'input' }) as JsonSchemaNode;
  closeObjects(jsonSchema);
  const parsed = schema.safeParse({});
  return {
    schema,
    jsonSchema,
    secretKeys,
    defaults: parsed.success ? parsed.data : undefined,
  };
}
