import { createRoute, errorResponses, jsonBody, jsonResponse, type ServiceApp } from '@trellis/kit';
import type { GatewayDeps } from '../../deps.ts';
import { CreateGreetingSchema, GreetingSchema } from './schema.ts';

export const createGreetingRoute = createRoute({
  method: 'post',
  path: '/v1/greetings',
  operationId: 'greetings.create',
  tags: ['greetings'],
  summary: 'Greet someone',
  request: { body: jsonBody(CreateGreetingSchema) },
  responses: {
    201: jsonResponse(GreetingSchema, 'The greeting, in the configured words.'),
    ...errorResponses(),
  },
});

export function registerCreateGreeting(app: ServiceApp<GatewayDeps>) {
  app.openapi(createGreetingRoute, (c) => {
    const { config, now } = c.get('deps');
    const { name } = c.req.valid('json');
    const greeting = {
      message: `${config.get().greeting}, ${name}!`,
      greetedAt: now().toISOString(),
    };
    return c.json(greeting, 201);
  });
}
