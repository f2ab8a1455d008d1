import type {
  Access,
  OpenApiDocument,
  Operation,
  UpstreamDocuments,
} from '../src/contract/upstream-documents.ts';

const problem = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

/** An operation as the kit documents one: its id, access and a response naming a schema. */
export function operation(operationId: string, access: Access, schema?: string): Operation {
  return {
    operationId,
    'x-trellis-access': access,
    responses: {
      200: schema
        ? {
            description: 'OK',
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
          }
        : { description: 'OK' },
      400: { description: 'Bad', content: problem },
    },
  };
}

/** A contract with these paths and schemas, and the kit's Problem. */
export function contract(
  paths: OpenApiDocument['paths'],
  schemas: Record<string, unknown> = {},
): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'test', version: '1.0.0' },
    paths,
    components: {
      schemas: {
        Problem: { type: 'object', properties: { title: { type: 'string' } } },
        ...schemas,
      },
    },
  };
}

export function documents(parts: Partial<UpstreamDocuments>): UpstreamDocuments {
  return {
    users: contract({}),
    orders: contract({}),
    meetings: contract({}),
    messaging: contract({}),
    ...parts,
  };
}
