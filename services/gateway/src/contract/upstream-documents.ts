import { readFileSync } from 'node:fs';

/** The services the gateway routes to: outside consumers reach these, and only these. */
export const routedServices = ['users', 'orders', 'meetings', 'messaging'] as const;
export type RoutedService = (typeof routedServices)[number];

export interface Operation {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
  'x-trellis-access'?: Access;
  [field: string]: unknown;
}

/** An operation's declared access, as the kit writes it into the contract (docs/identity.md). */
export interface Access {
  public?: true;
  role?: 'member' | 'operator' | 'admin';
  owner?: true;
  services?: readonly string[];
}

export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, Operation>>;
  components?: Record<string, Record<string, unknown>>;
  tags?: { name: string; description?: string }[];
  [field: string]: unknown;
}

export type UpstreamDocuments = Record<RoutedService, OpenApiDocument>;

/**
 * The committed contracts of the routed services (`services/<name>/openapi.json`), read when
 * asked rather than imported, so `npm run contracts` merges the documents it just wrote.
 */
export function readUpstreamDocuments(): UpstreamDocuments {
  const read = (service: RoutedService): OpenApiDocument =>
    JSON.parse(readFileSync(new URL(`../../../${service}/openapi.json`, import.meta.url), 'utf8'));
  return {
    users: read('users'),
    orders: read('orders'),
    meetings: read('meetings'),
    messaging: read('messaging'),
  };
}
