import { z } from 'zod';

export interface TopicOptions<Payload> {
  /** What the event says happened, for the console and the published schemas. */
  description: string;
  /** The schema's version; bump it when the payload changes shape. 1 by default. */
  version?: number;
  /** The ordering key of an event; the aggregate's id when absent. */
  key?: (payload: Payload) => string;
  /**
   * The users an event concerns: they hear of it on their live stream and their own webhook
   * endpoints. A topic without one is pushed only to endpoints that take every event.
   */
  audience?: (payload: Payload) => string[];
  /** Whether outside consumers may receive it (webhooks, streams); true by default. */
  pushable?: boolean;
}

/** A topic declared in code: its name, payload schema and version (`defineTopic`). */
export interface Topic<Schema extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly version: number;
  readonly schema: Schema;
  readonly description: string;
  readonly pushable: boolean;
  readonly key?: ((payload: z.infer<Schema>) => string) | undefined;
  readonly audience?: ((payload: z.infer<Schema>) => string[]) | undefined;
}

export type TopicPayload<T> = T extends Topic<infer Schema> ? z.infer<Schema> : never;

/** `order.paid`, `user.suspended`: lower-case words joined by dots. */
const topicName = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

/**
 * Declares a topic: `defineTopic('order.paid', OrderPaidSchema, { description })`. Publishing
 * validates a payload against the schema, consuming parses it with it, and `topicSchemas`
 * publishes it as JSON Schema.
 */
export function defineTopic<Schema extends z.ZodType>(
  name: string,
  schema: Schema,
  options: TopicOptions<z.infer<Schema>>,
): Topic<Schema> {
  if (!topicName.test(name)) {
    throw new Error(`topic "${name}" must be lower-case words joined by dots (order.paid)`);
  }
  const version = options.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new Error(`topic "${name}" needs a positive integer version`);
  }
  return {
    name,
    version,
    schema,
    description: options.description,
    pushable: options.pushable ?? true,
    key: options.key,
    audience: options.audience,
  };
}

/** A topic as published to outside consumers and the console. */
export interface TopicDescription {
  name: string;
  version: number;
  description: string;
  pushable: boolean;
  /** The payload's JSON Schema (draft 2020-12). */
  schema: Record<string, unknown>;
}

/** The topics' payload schemas as JSON Schema, sorted by name. */
export function topicSchemas(topics: readonly Topic[]): TopicDescription[] {
  return [...topics]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((topic) => ({
      name: topic.name,
      version: topic.version,
      description: topic.description,
      pushable: topic.pushable,
      schema: z.toJSONSchema(topic.schema, { io: 'output', unrepresentable: 'any' }) as Record<
        string,
        unknown
      >,
    }));
}
