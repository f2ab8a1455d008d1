import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Access } from '@trellis/kit';

/**
 * The operations of every service's committed contract (`services/<name>/openapi.json`), with
 * the access each declares in `x-trellis-access`: what the authorization matrix is made of.
 */

type Schema = Record<string, unknown>;

interface RawOperation {
  operationId?: string;
  'x-trellis-access'?: Access;
  /** Set by the gateway: the service an operation it routes belongs to. */
  'x-trellis-service'?: string;
  security?: Record<string, string[]>[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Document {
  paths?: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface ContractOperation {
  service: string;
  operationId: string;
  method: string;
  /** The path template, `/v1/orders/{id}/pay`. */
  path: string;
  /** The service that answers it: itself, or for the gateway the service it routes to. */
  owningService: string;
  /** The API key scope the gateway asks of it (`orders:write`); undefined elsewhere. */
  apiKeyScope: string | undefined;
  /** Undefined when the operation declares none: the matrix fails it. */
  access: Access | undefined;
  security: Record<string, string[]>[] | undefined;
  /** Its success answer is a page `{ items: [...] }`. */
  isList: boolean;
  /** Its success answer is an event stream (a watch). */
  isStream: boolean;
}

const servicesDir = new URL('../../services/', import.meta.url);
const methods = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options']);

/** The services that commit a contract, by folder name. */
export function servicesWithContracts(): string[] {
  return readdirSync(servicesDir)
    .filter((name) => existsSync(new URL(`${name}/openapi.json`, servicesDir)))
    .sort();
}

function resolve(document: Document, schema: Schema | undefined): Schema {
  const ref = schema?.$ref;
  if (typeof ref === 'string') {
    return resolve(document, document.components?.schemas?.[ref.split('/').at(-1) ?? '']);
  }
  return schema ?? {};
}

function successContent(raw: RawOperation) {
  const success = Object.entries(raw.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  return success.flatMap(([, response]) => Object.entries(response.content ?? {}));
}

function answersPage(document: Document, raw: RawOperation): boolean {
  return successContent(raw).some(([type, media]) => {
    if (!type.includes('json')) {
      return false;
    }
    // A page holds `items` and is no resource itself (an order has `items` too, and an `id`).
    const properties = resolve(document, media.schema).properties as Schema | undefined;
    const items = properties && resolve(document, properties.items as Schema);
    return items?.type === 'array' && !properties?.id;
  });
}

export function readContract(service: string): Document {
  return JSON.parse(
    readFileSync(new URL(`${service}/openapi.json`, servicesDir), 'utf8'),
  ) as Document;
}

export function operationsOf(service: string, document: Document): ContractOperation[] {
  const operations: ContractOperation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths ?? {})) {
    for (const [method, raw] of Object.entries(byMethod)) {
      if (!methods.has(method)) {
        continue;
      }
      operations.push({
        service,
        operationId: raw.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        owningService: raw['x-trellis-service'] ?? service,
        apiKeyScope: raw.security?.flatMap((scheme) => scheme.apiKey ?? [])[0],
        access: raw['x-trellis-access'],
        security: raw.security,
        isList: answersPage(document, raw),
        isStream: successContent(raw).some(([type]) => type.includes('event-stream')),
      });
    }
  }
  return operations;
}

/** Every operation of every committed contract. */
export function allOperations(): ContractOperation[] {
  return servicesWithContracts().flatMap((service) => operationsOf(service, readContract(service)));
}
