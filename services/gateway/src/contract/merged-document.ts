import { mergeComponents, rewriteRefs } from './component-merge.ts';
import type { GatewayRoute } from './route-table.ts';
import type { OpenApiDocument, Operation, UpstreamDocuments } from './upstream-documents.ts';

export const securitySchemes = {
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-api-key',
    description:
      'An API key (`trk_live_…`) an admin issued to the consumer. Its scopes say what it may ' +
      'call: `<service>:read` for GET and HEAD, `<service>:write` for the rest.',
  },
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'The access token of a signed-in user, from `POST /v1/sessions` (refreshed with ' +
      '`POST /v1/sessions/refresh`).',
  },
} as const;

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

/** What the gateway itself answers on every operation, unless the service documents it. */
const edgeResponses = {
  401: {
    description: 'The API key is missing or not valid, or the bearer token is invalid or expired.',
    content: problemContent,
  },
  403: {
    description: 'The API key lacks the scope this operation needs, or the user may not do this.',
    content: problemContent,
  },
};

/** `apiKey` with the scope it needs, and the user's token where the operation needs one. */
export function securityOf(route: GatewayRoute): Record<string, string[]>[] {
  return [route.needsUser ? { apiKey: [route.scope], bearerAuth: [] } : { apiKey: [route.scope] }];
}

function gatewayOperation(route: GatewayRoute, operation: Operation): Operation {
  return {
    ...operation,
    security: securityOf(route),
    responses: { ...edgeResponses, ...operation.responses },
    'x-trellis-service': route.service,
  };
}

/** The `$ref`s `value` holds, as `section/name`. */
function refsIn(value: unknown, found: Set<string>): void {
  JSON.stringify(value, (key, item: unknown) => {
    const match =
      key === '$ref' && typeof item === 'string' ? /^#\/components\/(.+)$/.exec(item) : null;
    if (match?.[1]) {
      found.add(match[1]);
    }
    return item;
  });
}

/** The components the paths use, directly or through other components; the rest are dropped. */
function usedComponents(
  paths: OpenApiDocument['paths'],
  components: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const used = new Set<string>();
  refsIn(paths, used);
  for (let size = -1; size !== used.size; ) {
    size = used.size;
    for (const key of [...used]) {
      const [section = '', name = ''] = key.split('/');
      refsIn(components[section]?.[name], used);
    }
  }
  const kept: Record<string, Record<string, unknown>> = {};
  for (const [section, entries] of Object.entries(components)) {
    const names = Object.keys(entries).filter((name) => used.has(`${section}/${name}`));
    if (names.length > 0) {
      kept[section] = Object.fromEntries(names.sort().map((name) => [name, entries[name]]));
    }
  }
  return kept;
}

function mergedPaths(
  documents: UpstreamDocuments,
  routes: readonly GatewayRoute[],
  renames: ReturnType<typeof mergeComponents>['renames'],
): OpenApiDocument['paths'] {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const item = documents[route.service].paths[route.template] ?? {};
    const operation = item[route.method.toLowerCase()] as Operation;
    paths[route.template] ??= {};
    (paths[route.template] as Record<string, Operation>)[route.method.toLowerCase()] = rewriteRefs(
      gatewayOperation(route, operation),
      renames[route.service],
    );
  }
  return paths;
}

function mergedTags(documents: UpstreamDocuments, paths: OpenApiDocument['paths']) {
  const used = new Set(
    Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])),
  );
  const tags = new Map<string, { name: string; description?: string }>();
  for (const document of Object.values(documents)) {
    for (const tag of document.tags ?? []) {
      if (used.has(tag.name) && !tags.has(tag.name)) {
        tags.set(tag.name, tag);
      }
    }
  }
  return [...tags.values()];
}

/**
 * The one OpenAPI 3.1 document of everything the gateway routes: each operation as its service
 * documents it, with the gateway's security (an API key with its scope, and a user's token
 * where the operation needs a user) and the 401 and 403 it answers itself; the services'
 * components merged without clashes and trimmed to those the operations use.
 */
export function mergeDocuments(
  documents: UpstreamDocuments,
  routes: readonly GatewayRoute[],
  info: { version: string },
): OpenApiDocument {
  const { components, renames } = mergeComponents(documents);
  const paths = mergedPaths(documents, routes, renames);
  const tags = mergedTags(documents, paths);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Trellis API',
      version: info.version,
      description:
        'Every operation outside consumers may call, through the gateway. Send an API key in ' +
        '`x-api-key`; for what a user does, also their access token as `Authorization: Bearer`, ' +
        'from `POST /v1/sessions`. The gateway routes each call to the service that owns it.',
    },
    servers: [{ url: '/', description: 'The gateway' }],
    ...(tags.length > 0 ? { tags } : {}),
    paths,
    components: { securitySchemes, ...usedComponents(paths, components) },
  };
}
