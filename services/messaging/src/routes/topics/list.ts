import {
  createRoute,
  errorResponses,
  jsonResponse,
  type ServiceApp,
  topicSchemas,
} from '@trellis/kit';
import type { MessagingDeps } from '../../deps.ts';
import { publishedCounts } from '../../repository.ts';
import { TopicListSchema } from './schema.ts';

const rateWindowSeconds = 60;

export const listTopicsRoute = createRoute({
  method: 'get',
  path: '/v1/topics',
  operationId: 'topics.list',
  tags: ['topics'],
  summary: 'The topics events are published on, with their payload schemas and rates',
  access: { role: 'member' },
  responses: {
    200: jsonResponse(TopicListSchema, 'Every topic declared in code.'),
    ...errorResponses(),
  },
});

export function registerListTopics(app: ServiceApp<MessagingDeps>) {
  app.openapi(listTopicsRoute, async (c) => {
    const { db, now, topics } = c.get('deps');
    const published = await publishedCounts(
      db,
      new Date(now().getTime() - rateWindowSeconds * 1000),
    );
    const items = topicSchemas(topics).map((topic) => ({
      ...topic,
      publishedPerSecond: (published.get(topic.name) ?? 0) / rateWindowSeconds,
    }));
    return c.json({ items }, 200);
  });
}
