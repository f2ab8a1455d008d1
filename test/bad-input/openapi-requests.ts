import { readFile } from 'node:fs/promises';
import type { DocumentedAccess } from '../access.ts';

/** A request derived from a service's committed OpenAPI document, before and after mutation. */

export type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

interface RawOperation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses: Record<string, unknown>;
  'x-trellis-access'?: DocumentedAccess;
}

export interface Document {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  service: string;
  id: string;
  method: string;
  path: string;
  parameters: (Parameter & { schema: Schema })[];
  /** The JSON body schema, resolved; undefined when the operation takes no body. */
  body: Schema | undefined;
  documentedStatuses: Set<string>;
  /** Who may call it: the fuzzer calls as someone it lets in, so input reaches validation. */
  access: DocumentedAccess | undefined;
  document: Document;
}

export async function readContract(service: string): Promise<Document> {
  const file = new URL(`../../services/${service}/openapi.json`, import.meta.url);
  return JSON.parse(await readFile(file, 'utf8')) as Document;
}

export function resolve(document: Document, schema: Schema | undefined): Schema {
  const ref = schema?.$ref;
  if (typeof ref === 'string') {
    return resolve(document, document.components?.schemas?.[ref.split('/').at(-1) ?? '']);
  }
  return schema ?? {};
}

export function operationsOf(service: string, document: Document): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const json = raw.requestBody?.content?.['application/json']?.schema;
      operations.push({
        service,
        id: raw.operationId,
        method: method.toUpperCase(),
        path,
        parameters: (raw.parameters ?? []).map((p) => ({
          ...p,
          schema: resolve(document, p.schema),
        })),
        body: json ? resolve(document, json) : undefined,
        documentedStatuses: new Set(Object.keys(raw.responses)),
        access: raw['x-trellis-access'],
        document,
      });
    }
  }
  return operations;
}

function typeOf(schema: Schema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.find((type) => type !== 'null') as string | undefined;
}

/** A value the schema accepts, from its examples where the contract gives them. */
export function exampleOf(document: Document, schema: Schema | undefined, depth = 0): unknown {
  const resolved = resolve(document, schema);
  if (resolved.example !== undefined) {
    return resolved.example;
  }
  if (resolved.default !== undefined) {
    return resolved.default;
  }
  if (Array.isArray(resolved.enum)) {
    return resolved.enum[0];
  }
  const variants = (resolved.anyOf ?? resolved.oneOf ?? resolved.allOf) as Schema[] | undefined;
  if (variants?.[0]) {
    return exampleOf(document, variants[0], depth + 1);
  }
  switch (typeOf(resolved)) {
    case 'object': {
      const value: Record<string, unknown> = {};
      const properties = (resolved.properties ?? {}) as Record<string, Schema>;
      for (const [name, property] of Object.entries(properties)) {
        if (depth < 6) {
          value[name] = exampleOf(document, property, depth + 1);
        }
      }
      return value;
    }
    case 'array':
      return depth < 6 ? [exampleOf(document, resolved.items as Schema, depth + 1)] : [];
    case 'integer':
    case 'number':
      return (resolved.minimum as number | undefined) ?? 1;
    case 'boolean':
      return true;
    default:
      return 'example';
  }
}

/** The paths of the object fields a body schema declares, nested ones included. */
export function fieldPathsOf(document: Document, schema: Schema, prefix: string[] = []) {
  const paths: string[][] = [];
  const resolved = resolve(document, schema);
  const properties = (resolved.properties ?? {}) as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    const path = [...prefix, name];
    paths.push(path);
    if (prefix.length < 3) {
      paths.push(...fieldPathsOf(document, property, path));
    }
  }
  return paths;
}

/** Percent-encodes the UTF-8 of `text`; unlike encodeURIComponent, never throws on bad UTF-16. */
export function encodeText(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface RequestSpec {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** A JSON value to send, or `{ raw }` for text sent as it is. */
  body?: { json: unknown } | { raw: string };
  contentType?: string;
}

export function urlOf(operation: Operation, spec: RequestSpec): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeText(spec.path[name] ?? ''),
  );
  const query = Object.entries(spec.query)
    .map(([name, value]) => `${encodeText(name)}=${encodeText(value)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** The request as `app.request` takes it, with a deadline so long polls and streams end. */
export function requestInitOf(operation: Operation, spec: RequestSpec, signal: AbortSignal) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(spec.headers)) {
    headers.set(name, value);
  }
  let body: string | undefined;
  if (spec.body && operation.method !== 'GET' && operation.method !== 'HEAD') {
    body = 'raw' in spec.body ? spec.body.raw : JSON.stringify(spec.body.json);
    headers.set('content-type', spec.contentType ?? 'application/json');
  }
  return { method: operation.method, headers, signal, ...(body !== undefined ? { body } : {}) };
}
